package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.BodyParsingFallbackBehavior;
import software.amazon.awssdk.services.wafv2.model.JsonMatchScope;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.OversizeHandling;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;

/**
 * Random and malformed requests never make an evaluation throw (it runs on an event loop, where an
 * exception would cost the request its WAF verdict): every transformation, the tokenisers and the
 * JSON scanner over random bytes, through CRS + KnownBadInputs + SQLi and a custom rule using all
 * transformations on JSON and headers.
 */
class HostileInputTest {
  private static Rule managed(String name, int priority) {
    Statement s = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(name)).build();
    return Rule.builder().name(name).priority(priority).statement(s).overrideAction(OverrideAction.builder().count(n -> { }).build())
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true)).build();
  }

  private static String junk(Random r, int max) {
    String alphabet = "<>'\"%&;=/\\.:()[]{}$#*-+ \t\r\n\0aZ9jndiscriptSELECTunion@!`^~\u00e9\u00ff";
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(max);
    for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return b.toString();
  }

  @Test
  void randomRequestsNeverThrow() {
    TextTransformationType[] all = java.util.Arrays.stream(TextTransformationType.values())
        .filter(t -> t != TextTransformationType.UNKNOWN_TO_SDK_VERSION).toArray(TextTransformationType[]::new);
    Statement everyTransformOnJson = Statement.builder().xssMatchStatement(x -> x
        .fieldToMatch(f -> f.jsonBody(j -> j.matchPattern(p -> p.all(a -> { })).matchScope(JsonMatchScope.ALL)
            .oversizeHandling(OversizeHandling.CONTINUE).invalidFallbackBehavior(BodyParsingFallbackBehavior.EVALUATE_AS_STRING)))
        .textTransformations(tts(all))).build();
    Statement everyTransformOnHeaders = Statement.builder().sqliMatchStatement(x -> x
        .fieldToMatch(f -> f.headers(h -> h.matchPattern(p -> p.all(a -> { })).matchScope("ALL").oversizeHandling(OversizeHandling.CONTINUE)))
        .textTransformations(tts(all)).sensitivityLevel("HIGH")).build();
    var acl = engine().compile(acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0), managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 1),
        managed(ManagedRuleGroups.SQLI_RULE_SET, 2), rule("json", 3, everyTransformOnJson, count()),
        rule("headers", 4, everyTransformOnHeaders, count())), WafLookups.none());
    Random r = new Random(20261207);
    for (int i = 0; i < 1_500; i++) {
      var req = new WafTestSupport.Req().method(i % 7 == 0 ? "PROPFIND" : "POST")
          .uri("/" + junk(r, 60).replace(" ", "%20") + "?" + junk(r, 80))
          .header("x-junk", junk(r, 40)).header("cookie", junk(r, 60))
          .body((i % 3 == 0 ? "{\"a\":[" + junk(r, 200) : junk(r, 300)).getBytes(StandardCharsets.ISO_8859_1));
      WafResult result = acl.evaluate(req.view(), InspectionLimits.ALB);
      assertThat(result.action()).isIn(WafAction.ALLOW, WafAction.BLOCK);
    }
  }
}
