package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.BodyParsingFallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.ComparisonOperator;
import software.amazon.awssdk.services.wafv2.model.FallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.JsonMatchScope;
import software.amazon.awssdk.services.wafv2.model.MapMatchScope;
import software.amazon.awssdk.services.wafv2.model.OversizeHandling;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** Every FieldToMatch, and oversize handling per inspection limit. */
class FieldsTest {
  private static Statement contains(FieldToMatch f, String s) {
    return byteMatch(f, s, PositionalConstraint.CONTAINS);
  }

  @Test
  void uriPathIsThePathWithoutTheQuery() {
    assertThat(blocks(contains(uriPath(), "admin"), get("/admin/x?y=1"))).isTrue();
    assertThat(blocks(contains(uriPath(), "admin"), get("/x?admin=1"))).isFalse();
  }

  @Test
  void queryStringIsEverythingAfterTheQuestionMark() {
    assertThat(blocks(byteMatch(queryString(), "a=1&b=2", PositionalConstraint.EXACTLY), get("/p?a=1&b=2"))).isTrue();
    assertThat(blocks(contains(queryString(), "p"), get("/p"))).isFalse();
  }

  @Test
  void singleQueryArgumentMatchesTheNamedArgumentAnyCase() {
    var f = FieldToMatch.builder().singleQueryArgument(a -> a.name("UserName")).build();
    assertThat(blocks(byteMatch(f, "bob", PositionalConstraint.EXACTLY), get("/?username=bob&x=alice"))).isTrue();
    assertThat(blocks(byteMatch(f, "alice", PositionalConstraint.EXACTLY), get("/?username=bob&x=alice"))).isFalse();
    assertThat(blocks(byteMatch(f, "bob", PositionalConstraint.EXACTLY), get("/?x=bob"))).isFalse();
  }

  @Test
  void allQueryArgumentsInspectsEveryValueButNotNames() {
    var f = FieldToMatch.builder().allQueryArguments(a -> { }).build();
    assertThat(blocks(byteMatch(f, "evil", PositionalConstraint.EXACTLY), get("/?a=1&b=evil"))).isTrue();
    assertThat(blocks(byteMatch(f, "evil", PositionalConstraint.EXACTLY), get("/?evil=1"))).isFalse();
  }

  @Test
  void methodIsInspected() {
    var f = FieldToMatch.builder().method(m -> { }).build();
    assertThat(blocks(byteMatch(f, "DELETE", PositionalConstraint.EXACTLY), get("/").method("DELETE"))).isTrue();
  }

  @Test
  void singleHeaderMissingDoesNotMatch() {
    assertThat(blocks(contains(header("X-Api"), "k"), get("/").header("x-api", "key"))).isTrue();
    assertThat(blocks(contains(header("X-Api"), "k"), get("/"))).isFalse();
  }

  @Test
  void headersWithMatchPatternAndScope() {
    var included = FieldToMatch.builder().headers(h -> h.matchPattern(p -> p.includedHeaders("X-A"))
        .matchScope(MapMatchScope.VALUE).oversizeHandling(OversizeHandling.CONTINUE)).build();
    assertThat(blocks(contains(included, "bad"), get("/").header("x-a", "bad"))).isTrue();
    assertThat(blocks(contains(included, "bad"), get("/").header("x-b", "bad"))).isFalse();
    var excluded = FieldToMatch.builder().headers(h -> h.matchPattern(p -> p.excludedHeaders("x-b"))
        .matchScope(MapMatchScope.ALL).oversizeHandling(OversizeHandling.CONTINUE)).build();
    assertThat(blocks(contains(excluded, "bad"), get("/").header("x-b", "bad"))).isFalse();
    assertThat(blocks(contains(excluded, "bad"), get("/").header("bad-name", "v"))).isTrue(); // ALL: keys too
    var keys = FieldToMatch.builder().headers(h -> h.matchPattern(p -> p.all(a -> { }))
        .matchScope(MapMatchScope.KEY).oversizeHandling(OversizeHandling.CONTINUE)).build();
    assertThat(blocks(contains(keys, "bad"), get("/").header("x-a", "bad"))).isFalse();
  }

  @Test
  void headersOversizeHandling() {
    var req = get("/");
    for (int i = 0; i < 201; i++) req.header("x-h" + i, "v");
    for (OversizeHandling o : List.of(OversizeHandling.MATCH, OversizeHandling.NO_MATCH, OversizeHandling.CONTINUE)) {
      var f = FieldToMatch.builder().headers(h -> h.matchPattern(p -> p.all(a -> { })).matchScope(MapMatchScope.VALUE)
          .oversizeHandling(o)).build();
      boolean expected = o == OversizeHandling.MATCH;
      assertThat(blocks(contains(f, "never-there"), req)).as(o.name()).isEqualTo(expected);
    }
  }

  @Test
  void cookiesWithMatchPatternScopeAndOversize() {
    var f = FieldToMatch.builder().cookies(c -> c.matchPattern(p -> p.includedCookies("session"))
        .matchScope(MapMatchScope.VALUE).oversizeHandling(OversizeHandling.CONTINUE)).build();
    assertThat(blocks(contains(f, "evil"), get("/").header("cookie", "a=evil; session=evil2"))).isTrue();
    assertThat(blocks(contains(f, "evil"), get("/").header("cookie", "a=evil; session=ok"))).isFalse();
    var keys = FieldToMatch.builder().cookies(c -> c.matchPattern(p -> p.all(a -> { }))
        .matchScope(MapMatchScope.KEY).oversizeHandling(OversizeHandling.NO_MATCH)).build();
    assertThat(blocks(contains(keys, "trk"), get("/").header("cookie", "trk_id=1"))).isTrue();
    String big = "c=" + "x".repeat(9000);
    assertThat(blocks(contains(keys, "c"), get("/").header("cookie", big))).isFalse(); // > 8 KB: NO_MATCH
    var match = FieldToMatch.builder().cookies(c -> c.matchPattern(p -> p.all(a -> { }))
        .matchScope(MapMatchScope.KEY).oversizeHandling(OversizeHandling.MATCH)).build();
    assertThat(blocks(contains(match, "zzz"), get("/").header("cookie", big))).isTrue();
  }

  @Test
  void headerOrderListsNamesInArrivalOrder() {
    var f = FieldToMatch.builder().headerOrder(h -> h.oversizeHandling(OversizeHandling.CONTINUE)).build();
    var req = new WafTestSupport.Req().noHeader("user-agent").header("host", "x").header("accept", "*/*").header("user-agent", "curl");
    assertThat(blocks(byteMatch(f, "host:accept:user-agent", PositionalConstraint.EXACTLY), req)).isTrue();
  }

  @Test
  void bodyIsInspectedUpToTheResourceLimit() {
    String body = "a".repeat(9000) + "EVIL";
    WebACL acl = acl(rule("r", 0, contains(FieldToMatch.builder().body(b -> b.oversizeHandling(OversizeHandling.CONTINUE)).build(), "EVIL"), block()));
    var compiled = engine().compile(acl, WafLookups.none());
    // ALB inspects 8 KB: EVIL lies beyond; CloudFront at 16 KB sees it
    assertThat(compiled.evaluate(post("/", body).view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW);
    assertThat(compiled.evaluate(post("/", body).view(), InspectionLimits.DEFAULT_16_KB).action()).isEqualTo(WafAction.BLOCK);
  }

  @Test
  void bodyOversizeMatchAndNoMatch() {
    String body = "x".repeat(8193);
    var match = FieldToMatch.builder().body(b -> b.oversizeHandling(OversizeHandling.MATCH)).build();
    var noMatch = FieldToMatch.builder().body(b -> b.oversizeHandling(OversizeHandling.NO_MATCH)).build();
    assertThat(blocks(contains(match, "never"), post("/", body))).isTrue();
    assertThat(blocks(contains(noMatch, "x"), post("/", body))).isFalse();
    assertThat(blocks(contains(noMatch, "x"), post("/", "x".repeat(8192)))).isTrue(); // exactly 8 KB is not oversize
  }

  @Test
  void inspectionLimitsPerResource() {
    assertThat(InspectionLimits.forResource("APPLICATION_LOAD_BALANCER", null).bodyBytes()).isEqualTo(8192);
    assertThat(InspectionLimits.forResource("CLOUDFRONT", null).bodyBytes()).isEqualTo(16384);
    var config = software.amazon.awssdk.services.wafv2.model.AssociationConfig.builder()
        .requestBodyWithStrings(java.util.Map.of("API_GATEWAY",
            software.amazon.awssdk.services.wafv2.model.RequestBodyAssociatedResourceTypeConfig.builder()
                .defaultSizeInspectionLimit("KB_64").build())).build();
    assertThat(InspectionLimits.forResource("API_GATEWAY", config).bodyBytes()).isEqualTo(65536);
    assertThat(InspectionLimits.forResource("CLOUDFRONT", config).bodyBytes()).isEqualTo(16384);
    // through the compiled web ACL's own AssociationConfig
    WebACL withConfig = acl(rule("r", 0, contains(body(), "EVIL"), block())).toBuilder().associationConfig(config).build();
    var compiled = engine().compile(withConfig, WafLookups.none());
    var req = post("/", "a".repeat(40_000) + "EVIL");
    assertThat(compiled.evaluate(req.view(), "API_GATEWAY").action()).isEqualTo(WafAction.BLOCK);
    assertThat(compiled.evaluate(req.view(), "CLOUDFRONT").action()).isEqualTo(WafAction.ALLOW);
    assertThat(compiled.evaluate(req.view(), "APPLICATION_LOAD_BALANCER").action()).isEqualTo(WafAction.ALLOW);
  }

  private static FieldToMatch json(JsonMatchScope scope, BodyParsingFallbackBehavior fallback, String... paths) {
    return FieldToMatch.builder().jsonBody(j -> {
      if (paths.length == 0) j.matchPattern(p -> p.all(a -> { }));
      else j.matchPattern(p -> p.includedPaths(paths));
      j.matchScope(scope).oversizeHandling(OversizeHandling.CONTINUE);
      if (fallback != null) j.invalidFallbackBehavior(fallback);
    }).build();
  }

  @Test
  void jsonBodyMatchScopeAndIncludedPaths() {
    String doc = "{\"user\":{\"name\":\"evil\",\"evilKey\":1},\"tags\":[\"a\",\"evil2\"]}";
    assertThat(blocks(byteMatch(json(JsonMatchScope.VALUE, null), "evil", PositionalConstraint.EXACTLY), post("/", doc))).isTrue();
    assertThat(blocks(byteMatch(json(JsonMatchScope.KEY, null), "evil", PositionalConstraint.EXACTLY), post("/", doc))).isFalse();
    assertThat(blocks(byteMatch(json(JsonMatchScope.KEY, null), "evilKey", PositionalConstraint.EXACTLY), post("/", doc))).isTrue();
    assertThat(blocks(byteMatch(json(JsonMatchScope.VALUE, null), "evilKey", PositionalConstraint.EXACTLY), post("/", doc))).isFalse();
    assertThat(blocks(byteMatch(json(JsonMatchScope.ALL, null, "/tags/1"), "evil2", PositionalConstraint.EXACTLY), post("/", doc))).isTrue();
    assertThat(blocks(byteMatch(json(JsonMatchScope.ALL, null, "/tags/0"), "evil2", PositionalConstraint.EXACTLY), post("/", doc))).isFalse();
    assertThat(blocks(byteMatch(json(JsonMatchScope.VALUE, null, "/user"), "evil", PositionalConstraint.EXACTLY), post("/", doc))).isTrue();
  }

  @Test
  void jsonBodyInvalidFallbackBehaviors() {
    String bad = "{\"a\":\"ok\", \"b\": evil}";
    Statement s = byteMatch(json(JsonMatchScope.VALUE, BodyParsingFallbackBehavior.MATCH), "zzz", PositionalConstraint.CONTAINS);
    assertThat(blocks(s, post("/", bad))).isTrue();
    s = byteMatch(json(JsonMatchScope.VALUE, BodyParsingFallbackBehavior.NO_MATCH), "ok", PositionalConstraint.CONTAINS);
    assertThat(blocks(s, post("/", bad))).isFalse();
    s = byteMatch(json(JsonMatchScope.VALUE, BodyParsingFallbackBehavior.EVALUATE_AS_STRING), "evil", PositionalConstraint.CONTAINS);
    assertThat(blocks(s, post("/", bad))).isTrue();
    // no fallback: evaluated up to the first parsing failure
    s = byteMatch(json(JsonMatchScope.VALUE, null), "ok", PositionalConstraint.EXACTLY);
    assertThat(blocks(s, post("/", bad))).isTrue();
    s = byteMatch(json(JsonMatchScope.VALUE, null), "evil", PositionalConstraint.CONTAINS);
    assertThat(blocks(s, post("/", bad))).isFalse();
  }

  @Test
  void deeplyNestedJsonIsInvalidNotAStackOverflow() {
    String deep = "[".repeat(60_000) + "\"evil\"" + "]".repeat(60_000);
    Statement s = byteMatch(json(JsonMatchScope.VALUE, BodyParsingFallbackBehavior.MATCH), "zzz", PositionalConstraint.CONTAINS);
    var compiled = engine().compile(acl(rule("r", 0, s, block())), WafLookups.none());
    assertThat(compiled.evaluate(post("/", deep).view(), new InspectionLimits(64 * 1024)).action()).isEqualTo(WafAction.BLOCK);
    assertThat(JsonScan.scan("[".repeat(300) + "]".repeat(300)).valid()).isFalse();
    assertThat(JsonScan.scan("[".repeat(200) + "]".repeat(200)).valid()).isTrue();
  }

  @Test
  void jsonBodyOversize() {
    String doc = "{\"a\":\"" + "x".repeat(9000) + "\"}";
    var f = FieldToMatch.builder().jsonBody(j -> j.matchPattern(p -> p.all(a -> { })).matchScope(JsonMatchScope.VALUE)
        .oversizeHandling(OversizeHandling.MATCH)).build();
    assertThat(blocks(byteMatch(f, "never", PositionalConstraint.CONTAINS), post("/", doc))).isTrue();
  }

  @Test
  void ja3AndUriFragmentUseTheirFallback() {
    var ja3 = FieldToMatch.builder().ja3Fingerprint(j -> j.fallbackBehavior(FallbackBehavior.MATCH)).build();
    assertThat(blocks(contains(ja3, "x"), get("/"))).isTrue();
    var frag = FieldToMatch.builder().uriFragment(j -> j.fallbackBehavior(FallbackBehavior.NO_MATCH)).build();
    assertThat(blocks(contains(frag, "x"), get("/"))).isFalse();
  }

  @Test
  void sizeConstraintOnBodyCountsTheWholeBody() {
    Statement s = Statement.builder().sizeConstraintStatement(z -> z.fieldToMatch(body()).comparisonOperator(ComparisonOperator.GT)
        .size(8192L).textTransformations(tts())).build();
    assertThat(blocks(s, post("/", "x".repeat(10_000)))).isTrue();
    assertThat(blocks(s, post("/", "x".repeat(8192)))).isFalse();
    Statement lower = Statement.builder().sizeConstraintStatement(z -> z.fieldToMatch(header("x-a"))
        .comparisonOperator(ComparisonOperator.EQ).size(3L).textTransformations(tts(TextTransformationType.COMPRESS_WHITE_SPACE))).build();
    assertThat(blocks(lower, get("/").header("x-a", "a  b"))).isTrue();
  }
}
