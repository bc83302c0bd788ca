package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * Seed 001's failure case on a real ALB: AWSManagedRulesCommonRuleSet blocks a legitimate 10 KB
 * JSON body (SizeRestrictions_BODY, ALB inspects 8 KB), the sample names the rule, and the fix —
 * SizeRestrictions_BODY overridden to Count, plus a rule that uses its label — lets the known-good
 * path through while XSS in the same body is still blocked. The seed's literal variant (an Allow
 * rule before CRS) is shown too: it lets the body through and skips CRS for that path entirely.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WafCrsSeedIT {
  static final String CRS_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  static AlbWithWaf alb;
  static Wafv2Client waf;
  static WebACLSummary acl;

  @BeforeAll
  static void start() throws Exception {
    alb = new AlbWithWaf("crs-web");
    waf = alb.waf;
    acl = waf.createWebACL(r -> r.name("api-waf").scope(Scope.REGIONAL).defaultAction(d -> d.allow(AllowAction.builder().build()))
        .rules(crs(List.of())).visibilityConfig(vis("api-waf"))).summary();
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(alb.albArn));
    alb.awaitWaf();
  }

  @AfterAll
  static void stop() {
    if (alb != null) alb.close();
  }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  /** The seed's CRS rule, with {@code countRules} overridden to Count. */
  static Rule crs(List<String> countRules) {
    return Rule.builder().name("AWSManagedRulesCore").priority(2)
        .overrideAction(OverrideAction.builder().none(NoneAction.builder().build()).build())
        .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet")
            .ruleActionOverrides(countRules.isEmpty() ? null : countRules.stream().map(n -> RuleActionOverride.builder()
                .name(n).actionToUse(RuleAction.builder().count(CountAction.builder().build()).build()).build()).toList())))
        .visibilityConfig(vis("CommonRuleSet")).build();
  }

  static Statement uploadPath() {
    return Statement.builder().byteMatchStatement(b -> b.searchString(SdkBytes.fromUtf8String("/api/upload"))
        .fieldToMatch(f -> f.uriPath(UriPath.builder().build())).positionalConstraint(PositionalConstraint.STARTS_WITH)
        .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build())).build();
  }

  static String body(String prefix) {
    return "{\"note\":\"" + prefix + "\",\"data\":\"" + "a".repeat(10 * 1024) + "\"}";
  }

  static void update(Rule... rules) {
    var current = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name("api-waf").id(acl.id()));
    waf.updateWebACL(r -> r.scope(Scope.REGIONAL).name("api-waf").id(acl.id()).lockToken(current.lockToken())
        .defaultAction(current.webACL().defaultAction()).rules(rules).visibilityConfig(vis("api-waf")));
    alb.awaitWaf();
  }

  @Test
  @Order(1)
  void crs_blocksA10KbJsonBody_andTheSampleNamesSizeRestrictionsBody() throws Exception {
    int before = alb.hits.get();
    var reply = alb.send("127.0.0.1", "POST", "/api/upload", JSON, body("ok"));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(alb.hits.get()).isEqualTo(before);
    assertThat(alb.send("127.0.0.1", "POST", "/api/upload", JSON, "{\"small\":true}").status()).isEqualTo(200);

    Instant now = Instant.now();
    var samples = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).scope(Scope.REGIONAL).ruleMetricName("CommonRuleSet")
        .maxItems(100L).timeWindow(w -> w.startTime(now.minusSeconds(300)).endTime(now.plusSeconds(5)))).sampledRequests();
    assertThat(samples).anySatisfy(s -> {
      assertThat(s.action()).isEqualTo("BLOCK");
      assertThat(s.ruleNameWithinRuleGroup()).isEqualTo("SizeRestrictions_BODY");
      assertThat(s.labels()).extracting(Label::name).contains(CRS_LABEL);
      assertThat(s.request().uri()).isEqualTo("/api/upload");
    });
    assertThat(alb.wafModule.dataPlane().stats(acl.arn()).metrics().get("AWSManagedRulesCore"))
        .containsEntry("BlockedRequests", 1L);
  }

  @Test
  @Order(2)
  void fix_countOverridePlusLabelRule_letsTheKnownGoodPathThrough_butXssIsStillBlocked() throws Exception {
    Rule oversizeElsewhere = Rule.builder().name("BlockOversizeOutsideUploads").priority(3)
        .action(RuleAction.builder().block(BlockAction.builder().build()).build())
        .statement(s -> s.andStatement(a -> a.statements(
            Statement.builder().labelMatchStatement(l -> l.scope(LabelMatchScope.LABEL).key(CRS_LABEL)).build(),
            Statement.builder().notStatement(n -> n.statement(uploadPath())).build())))
        .visibilityConfig(vis("BlockOversizeOutsideUploads")).build();
    update(crs(List.of("SizeRestrictions_BODY")), oversizeElsewhere);

    assertThat(alb.send("127.0.0.1", "POST", "/api/upload", JSON, body("ok")).status()).isEqualTo(200);
    assertThat(alb.lastBody.get()).hasSize(body("ok").length()); // the whole body reached the target
    assertThat(alb.send("127.0.0.1", "POST", "/api/upload", JSON, body("<script>alert(1)</script>")).status())
        .isEqualTo(403); // CrossSiteScripting_BODY still applies (within the first 8 KB)
    assertThat(alb.send("127.0.0.1", "POST", "/api/other", JSON, body("ok")).status()).isEqualTo(403);
  }

  @Test
  @Order(3)
  void seedLiteral_allowRuleBeforeCrs_letsTheBodyThrough_andSkipsCrsForThatPath() throws Exception {
    Rule allowUploads = Rule.builder().name("AllowKnownGoodUploads").priority(1)
        .action(RuleAction.builder().allow(AllowAction.builder().build()).build())
        .statement(uploadPath()).visibilityConfig(vis("AllowKnownGoodUploads")).build();
    update(allowUploads, crs(List.of("SizeRestrictions_BODY")));

    assertThat(alb.send("127.0.0.1", "POST", "/api/upload", JSON, body("ok")).status()).isEqualTo(200);
    // Allow terminates: CRS never sees this path, so XSS in its body passes too (AWS semantics).
    assertThat(alb.send("127.0.0.1", "POST", "/api/upload", JSON, body("<script>alert(1)</script>")).status()).isEqualTo(200);
    assertThat(alb.send("127.0.0.1", "POST", "/api/other?q=<script>alert(1)</script>", Map.of(), null).status()).isEqualTo(403);
  }
}
