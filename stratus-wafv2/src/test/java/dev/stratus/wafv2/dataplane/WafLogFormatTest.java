package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.HttpRequestView;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.*;
import tools.jackson.databind.json.JsonMapper;

/** AWS's WAF log line and the LoggingFilter's keep/drop, without sockets. */
class WafLogFormatTest {
  static final WebACL ACL = WebACL.builder().name("acl").arn("arn:aws:wafv2:us-east-1:000000000000:regional/webacl/acl/1")
      .rules(Rule.builder().name("crs").priority(1)
          .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet"))).build())
      .build();

  static AclEngine.Decision blockedByCrs() {
    return new AclEngine.Decision("BLOCK", "crs", Optional.of("SizeRestrictions_BODY"),
        List.of("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body"), Map.of(),
        Optional.of(new AclEngine.Response(403, Map.of(), new byte[0])),
        List.of(new AclEngine.Match("crs", Optional.of("AWSManagedRulesCommonRuleSet"), Optional.of("SizeRestrictions_BODY"),
            "BLOCK", Optional.empty())));
  }

  static AclEngine.Decision allowed() {
    return new AclEngine.Decision("ALLOW", "Default_Action", Optional.empty(), List.of(), Map.of(), Optional.empty(), List.of());
  }

  static LoggingConfiguration config(LoggingFilter filter) {
    return LoggingConfiguration.builder().resourceArn(ACL.arn()).logDestinationConfigs("d").loggingFilter(filter).build();
  }

  @Test
  void managedGroupBlock_isLoggedWithItsGroupRuleAndLabels() throws Exception {
    var request = new HttpRequestView("POST", "/api/upload?v=2", "HTTP/1.1",
        Map.of("host", List.of("api.example"), "authorization", List.of("secret")), ByteBuffer.allocate(0),
        new InetSocketAddress("192.0.2.44", 50000), false);
    var config = config(null).toBuilder().redactedFields(FieldToMatch.builder().queryString(QueryString.builder().build()).build()).build();
    String line = WafLogFormat.line(ACL, config, "ALB", "000000000000-app/web/abc", request, blockedByCrs(),
        Instant.ofEpochMilli(1_700_000_000_123L), "req-1");
    var json = JsonMapper.builder().build().readTree(line);
    assertThat(json.get("timestamp").asLong()).isEqualTo(1_700_000_000_123L);
    assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(json.get("terminatingRuleId").asString()).isEqualTo("crs");
    assertThat(json.get("terminatingRuleType").asString()).isEqualTo("MANAGED_RULE_GROUP");
    assertThat(json.get("ruleGroupList").get(0).get("ruleGroupId").asString()).isEqualTo("AWS#AWSManagedRulesCommonRuleSet");
    assertThat(json.get("ruleGroupList").get(0).get("terminatingRule").get("ruleId").asString()).isEqualTo("SizeRestrictions_BODY");
    assertThat(json.get("labels").get(0).get("name").asString()).isEqualTo("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body");
    assertThat(json.get("httpRequest").get("args").asString()).isEqualTo("REDACTED");
    assertThat(json.get("httpRequest").get("uri").asString()).isEqualTo("/api/upload");
    assertThat(json.get("httpRequest").get("httpMethod").asString()).isEqualTo("POST");
    assertThat(json.get("responseCodeSent").asInt()).isEqualTo(403);
  }

  @Test
  void loggingFilter_keepsOnlyWhatItsConditionsSay() {
    var keepBlocks = LoggingFilter.builder().defaultBehavior(FilterBehavior.DROP).filters(Filter.builder()
        .behavior(FilterBehavior.KEEP).requirement(FilterRequirement.MEETS_ANY)
        .conditions(Condition.builder().actionCondition(a -> a.action(ActionValue.BLOCK)).build()).build()).build();
    assertThat(WafLogFormat.keep(config(keepBlocks), blockedByCrs())).isTrue();
    assertThat(WafLogFormat.keep(config(keepBlocks), allowed())).isFalse();

    var dropLabelled = LoggingFilter.builder().defaultBehavior(FilterBehavior.KEEP).filters(Filter.builder()
        .behavior(FilterBehavior.DROP).requirement(FilterRequirement.MEETS_ALL)
        .conditions(Condition.builder().labelNameCondition(l -> l.labelName("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body")).build(),
            Condition.builder().actionCondition(a -> a.action(ActionValue.BLOCK)).build()).build()).build();
    assertThat(WafLogFormat.keep(config(dropLabelled), blockedByCrs())).isFalse();
    assertThat(WafLogFormat.keep(config(dropLabelled), allowed())).isTrue();
    assertThat(WafLogFormat.keep(config(null), allowed())).isTrue();
  }
}
