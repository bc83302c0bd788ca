package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.testing.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.CustomResponseBody;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.ResponseContentType;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** Web ACL evaluation: priority, actions, headers, custom responses, tokens, groups and overrides. */
class EvaluationTest {
  private static final Statement PATH_X = byteMatch(uriPath(), "/x", PositionalConstraint.STARTS_WITH);

  @Test
  void lowestPriorityFirstAndTheFirstTerminatingActionWins() {
    WebACL a = acl(rule("block", 2, PATH_X, block()), rule("allow", 1, PATH_X, allow()), rule("count", 0, PATH_X, count()));
    WafResult r = eval(a, get("/x"));
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
    assertThat(r.terminatingRule()).isEqualTo("allow");
    assertThat(r.matches()).extracting(RuleMatch::webAclRule).containsExactly("count", "allow");
    assertThat(r.matches()).extracting(RuleMatch::action).containsExactly(WafAction.COUNT, WafAction.ALLOW);
  }

  @Test
  void defaultActionWhenNothingTerminates() {
    WafResult allowed = eval(acl(rule("count", 0, PATH_X, count())), get("/x"));
    assertThat(allowed.action()).isEqualTo(WafAction.ALLOW);
    assertThat(allowed.terminatingRule()).isEqualTo("Default_Action");
    assertThat(allowed.toFilterVerdict()).isEqualTo(FilterVerdict.CONTINUE);
    WafResult blocked = eval(acl(blockByDefault(), rule("count", 0, PATH_X, count())), get("/y"));
    assertThat(blocked.action()).isEqualTo(WafAction.BLOCK);
    assertThat(blocked.response().orElseThrow().status()).isEqualTo(403);
    assertThat(new String(blocked.response().get().body(), StandardCharsets.US_ASCII)).contains("403 Forbidden");
  }

  @Test
  void blockWithCustomResponseBodyAndHeaders() {
    RuleAction custom = RuleAction.builder().block(b -> b.customResponse(c -> c.responseCode(429)
        .customResponseBodyKey("too-many").responseHeaders(h -> h.name("Retry-After").value("30")))).build();
    WebACL a = acl(rule("r", 0, PATH_X, custom)).toBuilder().customResponseBodies(Map.of("too-many",
        CustomResponseBody.builder().contentType(ResponseContentType.APPLICATION_JSON).content("{\"error\":\"slow down\"}").build())).build();
    WafResult r = eval(a, get("/x"));
    WafResponse resp = r.response().orElseThrow();
    assertThat(resp.status()).isEqualTo(429);
    assertThat(resp.headers()).containsEntry("content-type", "application/json").containsEntry("Retry-After", "30");
    assertThat(new String(resp.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"slow down\"}");
    assertThat(r.toFilterVerdict()).isInstanceOf(FilterVerdict.Respond.class);
  }

  @Test
  void allowAndCountInsertPrefixedRequestHeaders() {
    RuleAction countWithHeader = RuleAction.builder().count(c -> c.customRequestHandling(h -> h.insertHeaders(x -> x.name("seen").value("1")))).build();
    RuleAction allowWithHeader = RuleAction.builder().allow(c -> c.customRequestHandling(h -> h.insertHeaders(x -> x.name("sample").value("yes")))).build();
    WafResult r = eval(acl(rule("c", 0, PATH_X, countWithHeader), rule("a", 1, PATH_X, allowWithHeader)), get("/x"));
    assertThat(r.insertedHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("x-amzn-waf-seen", "1", "x-amzn-waf-sample", "yes"));
    assertThat(((FilterVerdict.Continue) r.toFilterVerdict()).addedHeaders()).containsEntry("x-amzn-waf-sample", "yes");
  }

  @Test
  void captchaAndChallengeAnswerWithoutTokenAndCountWithOne() {
    ManualTime time = new ManualTime(Instant.parse("2026-12-07T04:00:00Z"));
    WafEngine engine = new WafEngine(time.clock(), IpIntel.none());
    RuleAction captcha = RuleAction.builder().captcha(c -> { }).build();
    RuleAction challenge = RuleAction.builder().challenge(c -> { }).build();
    var cap = engine.compile(acl(rule("cap", 0, PATH_X, captcha)), WafLookups.none());
    var chal = engine.compile(acl(rule("chal", 0, PATH_X, challenge)), WafLookups.none());

    WafResult noToken = cap.evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(noToken.action()).isEqualTo(WafAction.CAPTCHA);
    assertThat(noToken.response().orElseThrow().status()).isEqualTo(405);
    assertThat(noToken.response().get().headers()).containsEntry("x-amzn-waf-action", "captcha");
    WafResult noToken2 = chal.evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(noToken2.response().orElseThrow().status()).isEqualTo(202);

    String token = engine.tokens().issueCaptcha();
    var withToken = get("/x").header("cookie", "aws-waf-token=" + token);
    WafResult passed = cap.evaluate(withToken.view(), InspectionLimits.ALB);
    assertThat(passed.action()).isEqualTo(WafAction.ALLOW);
    assertThat(passed.matches()).extracting(RuleMatch::action).containsExactly(WafAction.CAPTCHA); // non-terminating
    assertThat(chal.evaluate(withToken.view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.ALLOW); // CAPTCHA solves challenge too

    time.advance(Duration.ofSeconds(301)); // default immunity 300 s
    assertThat(cap.evaluate(withToken.view(), InspectionLimits.ALB).action()).isEqualTo(WafAction.CAPTCHA);
    String forged = token.substring(0, token.length() - 2) + "00";
    assertThat(cap.evaluate(get("/x").header("cookie", "aws-waf-token=" + forged).view(), InspectionLimits.ALB).action())
        .isEqualTo(WafAction.CAPTCHA);

    // immunity from the rule's CaptchaConfig
    Rule longImmunity = rule("cap", 0, PATH_X, captcha).toBuilder().captchaConfig(c -> c.immunityTimeProperty(p -> p.immunityTime(3600L))).build();
    var cap2 = engine.compile(acl(longImmunity), WafLookups.none());
    String fresh = engine.tokens().issueCaptcha();
    time.advance(Duration.ofSeconds(1800));
    assertThat(cap2.evaluate(get("/x").header("cookie", "aws-waf-token=" + fresh).view(), InspectionLimits.ALB).action())
        .isEqualTo(WafAction.ALLOW);
  }

  private static final String GROUP_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/mine/1";

  private static WafTestSupport.Lookups groupLookups() {
    var lookups = new WafTestSupport.Lookups();
    lookups.groups.put(GROUP_ARN, RuleGroup.builder().name("mine").arn(GROUP_ARN).rules(
        rule("g-count", 0, PATH_X, count(), "seen"),
        rule("g-block", 1, PATH_X, block(), "blocked"),
        rule("g-after", 2, PATH_X, block())).build());
    return lookups;
  }

  private static Rule groupRef(String name, int priority, OverrideAction override, Statement ref) {
    return Rule.builder().name(name).priority(priority).statement(ref).overrideAction(override)
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(false).sampledRequestsEnabled(false)).build();
  }

  private static OverrideAction none() { return OverrideAction.builder().none(n -> { }).build(); }

  private static OverrideAction countOverride() { return OverrideAction.builder().count(n -> { }).build(); }

  @Test
  void ruleGroupReferenceRunsInPlaceWithItsOwnNamespace() {
    Statement ref = Statement.builder().ruleGroupReferenceStatement(r -> r.arn(GROUP_ARN)).build();
    WebACL a = acl(groupRef("grp", 0, none(), ref), rule("later", 1, PATH_X, allow()));
    WafResult r = engine().compile(a, groupLookups()).evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(r.action()).isEqualTo(WafAction.BLOCK);
    assertThat(r.terminatingRule()).isEqualTo("grp");
    assertThat(r.ruleWithinGroup()).contains("g-block");
    assertThat(r.labels()).containsExactly("awswaf:123456789012:rulegroup:mine:seen", "awswaf:123456789012:rulegroup:mine:blocked");
    assertThat(r.matches()).extracting(RuleMatch::ruleWithinGroup).containsExactly(Optional.of("g-count"), Optional.of("g-block"));
  }

  @Test
  void overrideActionCountTurnsTheGroupsTerminatingResultIntoACount() {
    Statement ref = Statement.builder().ruleGroupReferenceStatement(r -> r.arn(GROUP_ARN)).build();
    WebACL a = acl(groupRef("grp", 0, countOverride(), ref));
    WafResult r = engine().compile(a, groupLookups()).evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
    assertThat(r.terminatingRule()).isEqualTo("Default_Action");
    assertThat(r.matches()).last().satisfies(m -> {
      assertThat(m.action()).isEqualTo(WafAction.COUNT);
      assertThat(m.overriddenAction()).contains(WafAction.BLOCK);
    });
    assertThat(r.matches()).extracting(RuleMatch::ruleWithinGroup).doesNotContain(Optional.of("g-after")); // the group stopped
    assertThat(r.labels()).contains("awswaf:123456789012:rulegroup:mine:blocked"); // the group's rules still label
  }

  @Test
  void ruleActionOverridesAndExcludedRules() {
    Statement overridden = Statement.builder().ruleGroupReferenceStatement(r -> r.arn(GROUP_ARN)
        .ruleActionOverrides(o -> o.name("g-block").actionToUse(count()))).build();
    WafResult r = engine().compile(acl(groupRef("grp", 0, none(), overridden)), groupLookups()).evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(r.ruleWithinGroup()).contains("g-after"); // g-block only counted; g-after blocks
    Statement excluded = Statement.builder().ruleGroupReferenceStatement(x -> x.arn(GROUP_ARN)
        .excludedRules(e -> e.name("g-block"), e -> e.name("g-after"))).build();
    WafResult r2 = engine().compile(acl(groupRef("grp", 0, none(), excluded)), groupLookups()).evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(r2.action()).isEqualTo(WafAction.ALLOW);
    assertThat(r2.matches()).hasSize(3).allSatisfy(m -> assertThat(m.action()).isEqualTo(WafAction.COUNT));
  }

  @Test
  void managedGroupScopeDownLimitsWhatTheGroupSees() {
    Statement scoped = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(ManagedRuleGroups.COMMON_RULE_SET)
        .scopeDownStatement(byteMatch(uriPath(), "/api", PositionalConstraint.STARTS_WITH))).build();
    WebACL a = acl(groupRef("crs", 0, none(), scoped));
    var noUa = get("/api/x").noHeader("user-agent");
    assertThat(eval(a, noUa).ruleWithinGroup()).contains("NoUserAgent_HEADER");
    assertThat(eval(a, get("/other").noHeader("user-agent")).action()).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void allowInsideAGroupEndsTheWebAclEvaluation() {
    var lookups = new WafTestSupport.Lookups();
    lookups.groups.put(GROUP_ARN, RuleGroup.builder().name("mine").arn(GROUP_ARN).rules(rule("ok", 0, PATH_X, allow())).build());
    Statement ref = Statement.builder().ruleGroupReferenceStatement(r -> r.arn(GROUP_ARN)).build();
    WebACL a = acl(groupRef("grp", 0, none(), ref), rule("block", 1, PATH_X, block()));
    WafResult r = engine().compile(a, lookups).evaluate(get("/x").view(), InspectionLimits.ALB);
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
    assertThat(r.terminatingRule()).isEqualTo("grp");
  }
}
