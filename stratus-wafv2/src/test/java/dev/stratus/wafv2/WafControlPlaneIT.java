package dev.stratus.wafv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.wafv2.engine.ManagedRuleGroups;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.*;

/** WAFv2's control plane through the real SDK client: every operation and each refusal by its code. */
class WafControlPlaneIT {
  static ApiTestServer server;
  static Wafv2Client waf;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Wafv2Module());
    waf = server.client(Wafv2Client.builder());
  }

  @AfterAll
  static void stop() { server.close(); }

  static String name(String prefix) { return prefix + "-" + UUID.randomUUID().toString().substring(0, 8); }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  static DefaultAction allow() { return DefaultAction.builder().allow(AllowAction.builder().build()).build(); }

  static RuleAction block() { return RuleAction.builder().block(BlockAction.builder().build()).build(); }

  static Rule managed(String ruleName, int priority, String group) {
    return Rule.builder().name(ruleName).priority(priority)
        .overrideAction(OverrideAction.builder().none(NoneAction.builder().build()).build())
        .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name(group)))
        .visibilityConfig(vis(ruleName)).build();
  }

  static Rule ipRule(String ruleName, int priority, String ipSetArn) {
    return Rule.builder().name(ruleName).priority(priority).action(block())
        .statement(s -> s.ipSetReferenceStatement(i -> i.arn(ipSetArn))).visibilityConfig(vis(ruleName)).build();
  }

  static WebACLSummary createAcl(String name, Rule... rules) {
    return waf.createWebACL(r -> r.name(name).scope(Scope.REGIONAL).defaultAction(allow()).rules(rules)
        .visibilityConfig(vis(name))).summary();
  }

  static IPSetSummary createIpSet(String name, String... cidrs) {
    return waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
        .addresses(cidrs)).summary();
  }

  static void refused(Class<? extends Wafv2Exception> type, String messagePart, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
    });
  }

  static void validation(String member, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Wafv2Exception.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage()).contains(member);
    });
  }

  // --- web ACLs -------------------------------------------------------------------------------

  @Test
  void createWebACL_seedShape_inUsEast1Cloudfront_isStoredWithItsCapacityAndRules() {
    var cf = server.client(Wafv2Client.builder(), Region.US_EAST_1);
    String name = name("MyAppWAF");
    var summary = cf.createWebACL(r -> r.name(name).scope(Scope.CLOUDFRONT).defaultAction(allow())
        .rules(Rule.builder().name("RateLimitRule").priority(1).action(block())
                .statement(s -> s.rateBasedStatement(rb -> rb.limit(2000L).aggregateKeyType(RateBasedStatementAggregateKeyType.IP)))
                .visibilityConfig(vis("RateLimitRule")).build(),
            managed("AWSManagedRulesCore", 2, "AWSManagedRulesCommonRuleSet"))
        .visibilityConfig(vis("MyAppWAF"))).summary();
    assertThat(summary.arn()).startsWith("arn:aws:wafv2:us-east-1:000000000000:global/webacl/" + name + "/")
        .endsWith(summary.id());
    var got = cf.getWebACL(r -> r.scope(Scope.CLOUDFRONT).name(name).id(summary.id()));
    assertThat(got.lockToken()).isEqualTo(summary.lockToken());
    assertThat(got.webACL().capacity()).isEqualTo(702L); // rate-based 2 + CRS 700
    assertThat(got.webACL().rules()).extracting(Rule::name).containsExactly("RateLimitRule", "AWSManagedRulesCore");
    assertThat(got.webACL().rules().get(0).statement().rateBasedStatement().limit()).isEqualTo(2000L);
    assertThat(got.webACL().labelNamespace()).isEqualTo("awswaf:000000000000:webacl:" + name + ":");
    assertThat(cf.listWebACLs(r -> r.scope(Scope.CLOUDFRONT)).webACLs()).extracting(WebACLSummary::name).contains(name);
    assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()).extracting(WebACLSummary::name).doesNotContain(name);
  }

  @Test
  void createWebACL_cloudfrontOutsideUsEast1_isInvalidScope() {
    var eu = server.client(Wafv2Client.builder(), Region.EU_WEST_1);
    refused(WafInvalidParameterException.class, "field: SCOPE_VALUE, parameter: CLOUDFRONT",
        () -> eu.createWebACL(r -> r.name("x").scope(Scope.CLOUDFRONT).defaultAction(allow()).visibilityConfig(vis("x"))));
  }

  @Test
  void createWebACL_sameNameTwice_isDuplicateItem() {
    String name = name("dup");
    createAcl(name);
    refused(WafDuplicateItemException.class, "duplicate", () -> createAcl(name));
  }

  @Test
  void createWebACL_defaultActionNoneOrBoth_isInvalidParameter() {
    refused(WafInvalidParameterException.class, "field: DEFAULT_ACTION", () -> waf.createWebACL(r -> r.name(name("d"))
        .scope(Scope.REGIONAL).defaultAction(DefaultAction.builder().build()).visibilityConfig(vis("d"))));
    refused(WafInvalidParameterException.class, "field: DEFAULT_ACTION", () -> waf.createWebACL(r -> r.name(name("d"))
        .scope(Scope.REGIONAL).defaultAction(d -> d.allow(AllowAction.builder().build()).block(BlockAction.builder().build()))
        .visibilityConfig(vis("d"))));
  }

  @Test
  void createWebACL_managedGroupWithRuleAction_isInvalidOverrideAction() {
    Rule wrong = managed("crs", 1, "AWSManagedRulesCommonRuleSet").toBuilder().overrideAction((OverrideAction) null)
        .action(block()).build();
    refused(WafInvalidParameterException.class, "field: OVERRIDE_ACTION", () -> createAcl(name("m"), wrong));
  }

  @Test
  void createWebACL_ruleWithoutAction_isInvalidRuleAction() {
    var set = createIpSet(name("s"), "10.0.0.0/8");
    Rule noAction = ipRule("r", 1, set.arn()).toBuilder().action((RuleAction) null).build();
    refused(WafInvalidParameterException.class, "field: RULE_ACTION", () -> createAcl(name("a"), noAction));
  }

  @Test
  void createWebACL_duplicatePriority_isInvalidParameter() {
    var set = createIpSet(name("s"), "10.0.0.0/8");
    refused(WafInvalidParameterException.class, "field: RULE, parameter: 1",
        () -> createAcl(name("p"), ipRule("a", 1, set.arn()), ipRule("b", 1, set.arn())));
  }

  @Test
  void createWebACL_unknownManagedGroupOrVersion_isNonexistentItem() {
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> createAcl(name("u"), managed("x", 1, "AWSManagedRulesNope")));
    Rule badVersion = Rule.builder().name("crs").priority(1)
        .overrideAction(OverrideAction.builder().none(NoneAction.builder().build()).build())
        .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name("AWSManagedRulesCommonRuleSet").version("Version_9.9")))
        .visibilityConfig(vis("crs")).build();
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> createAcl(name("v"), badVersion));
  }

  @Test
  void createWebACL_ipSetReferenceToNothing_isNonexistentItem() {
    String ghost = "arn:aws:wafv2:us-east-1:000000000000:regional/ipset/ghost/" + UUID.randomUUID();
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> createAcl(name("g"), ipRule("r", 1, ghost)));
  }

  @Test
  void createWebACL_managedGroupInsideNot_isInvalidParameter() {
    Rule nested = Rule.builder().name("n").priority(1).action(block())
        .statement(s -> s.notStatement(n -> n.statement(st -> st.managedRuleGroupStatement(m -> m.vendorName("AWS")
            .name("AWSManagedRulesCommonRuleSet"))))).visibilityConfig(vis("n")).build();
    refused(WafInvalidParameterException.class, "field: MANAGED_RULE_SET_STATEMENT", () -> createAcl(name("n"), nested));
  }

  @Test
  void createWebACL_rateLimitBelowModelMinimum_isValidationError() {
    Rule rate = Rule.builder().name("rate").priority(1).action(block())
        .statement(s -> s.rateBasedStatement(rb -> rb.limit(99L).aggregateKeyType(RateBasedStatementAggregateKeyType.IP)))
        .visibilityConfig(vis("rate")).build();
    validation("rateBasedStatement.limit", () -> createAcl(name("r"), rate));
  }

  @Test
  void createWebACL_rateWindowNotOfAws_isInvalidParameter() {
    Rule rate = Rule.builder().name("rate").priority(1).action(block())
        .statement(s -> s.rateBasedStatement(rb -> rb.limit(100L).evaluationWindowSec(90L)
            .aggregateKeyType(RateBasedStatementAggregateKeyType.IP)))
        .visibilityConfig(vis("rate")).build();
    refused(WafInvalidParameterException.class, "field: RATE_BASED_STATEMENT, parameter: 90", () -> createAcl(name("r"), rate));
  }

  @Test
  void createWebACL_overCapacity_isLimitsExceeded() {
    // Eight CRS references: 5,600 WCU, over the 5,000 a web ACL may use.
    Rule[] rules = new Rule[8];
    for (int i = 0; i < 8; i++) rules[i] = managed("crs" + i, i, "AWSManagedRulesCommonRuleSet");
    refused(WafLimitsExceededException.class, "exceeded your resource limit", () -> createAcl(name("big"), rules));
  }

  @Test
  void updateWebACL_withLockToken_thenStaleToken_isOptimisticLock() {
    String name = name("upd");
    var created = createAcl(name);
    var set = createIpSet(name("s"), "192.0.2.0/24");
    Consumer<UpdateWebAclRequest.Builder> update = r -> r.name(name).id(created.id()).scope(Scope.REGIONAL)
        .defaultAction(DefaultAction.builder().block(BlockAction.builder().build()).build())
        .rules(ipRule("deny", 0, set.arn())).visibilityConfig(vis(name)).lockToken(created.lockToken());
    String next = waf.updateWebACL(update).nextLockToken();
    assertThat(next).isNotEqualTo(created.lockToken());
    var got = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()));
    assertThat(got.lockToken()).isEqualTo(next);
    assertThat(got.webACL().defaultAction().block()).isNotNull();
    assertThat(got.webACL().rules()).extracting(Rule::name).containsExactly("deny");
    assertThat(got.webACL().capacity()).isEqualTo(1L);
    refused(WafOptimisticLockException.class, "someone changed the resource", () -> waf.updateWebACL(update));
  }

  @Test
  void getAndDeleteWebACL_unknownOrWrongName_isNonexistentItem() {
    var created = createAcl(name("gone"));
    refused(WafNonexistentItemException.class, "doesn’t exist",
        () -> waf.getWebACL(r -> r.scope(Scope.REGIONAL).name("other").id(created.id())));
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.deleteWebACL(r -> r.scope(Scope.REGIONAL)
        .name("other").id(created.id()).lockToken(created.lockToken())));
  }

  @Test
  void deleteWebACL_staleLockToken_isOptimisticLock_thenDeletes() {
    String name = name("del");
    var created = createAcl(name);
    refused(WafOptimisticLockException.class, "Reapply", () -> waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(name)
        .id(created.id()).lockToken(UUID.randomUUID().toString())));
    waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()).lockToken(created.lockToken()));
    refused(WafNonexistentItemException.class, "doesn’t exist",
        () -> waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(created.id())));
  }

  @Test
  void listWebACLs_pagesWithLimitAndMarker() {
    String prefix = name("page");
    for (int i = 0; i < 3; i++) createAcl(prefix + i);
    var first = waf.listWebACLs(r -> r.scope(Scope.REGIONAL).limit(1));
    assertThat(first.webACLs()).hasSize(1);
    assertThat(first.nextMarker()).isNotNull();
    var second = waf.listWebACLs(r -> r.scope(Scope.REGIONAL).limit(1).nextMarker(first.nextMarker()));
    assertThat(second.webACLs()).hasSize(1).doesNotContainAnyElementsOf(first.webACLs());
    // The API model's own range (1–100) is checked before WAF's, as AWS's front end does.
    validation("limit", () -> waf.listWebACLs(r -> r.scope(Scope.REGIONAL).limit(101)));
  }

  @Test
  void createWebACL_reservedMetricNameOrElevenRateRules_areRefused() {
    var set = createIpSet(name("s"), "10.0.0.0/8");
    Rule all = ipRule("r", 1, set.arn()).toBuilder().visibilityConfig(vis("ALL")).build();
    refused(WafInvalidParameterException.class, "field: METRIC_NAME, parameter: ALL", () -> createAcl(name("m"), all));
    Rule[] rate = new Rule[11];
    for (int i = 0; i < 11; i++) {
      rate[i] = Rule.builder().name("rate" + i).priority(i).action(block()).visibilityConfig(vis("rate" + i))
          .statement(s -> s.rateBasedStatement(rb -> rb.limit(100L).aggregateKeyType(RateBasedStatementAggregateKeyType.IP))).build();
    }
    refused(WafLimitsExceededException.class, "resource limit", () -> createAcl(name("rates"), rate));
  }

  @Test
  void createRegexPatternSet_eleventhInARegion_isLimitsExceeded() {
    var frankfurt = server.client(Wafv2Client.builder(), Region.EU_CENTRAL_1);
    Consumer<CreateRegexPatternSetRequest.Builder> one = r -> r.name(name("q")).scope(Scope.REGIONAL)
        .regularExpressionList(Regex.builder().regexString("^/x").build());
    for (int i = 0; i < 10; i++) frankfurt.createRegexPatternSet(one);
    refused(WafLimitsExceededException.class, "resource limit", () -> frankfurt.createRegexPatternSet(one));
    assertThat(waf.createRegexPatternSet(one).summary().arn()).contains(":us-east-1:"); // quotas are per Region
  }

  // --- capacity ------------------------------------------------------------------------------------

  @Test
  void checkCapacity_pricesStatementsAsAws() {
    Rule contains = Rule.builder().name("b").priority(1).action(block())
        .statement(s -> s.byteMatchStatement(b -> b.searchString(SdkBytes.fromUtf8String("admin"))
            .fieldToMatch(f -> f.uriPath(UriPath.builder().build())).positionalConstraint(PositionalConstraint.CONTAINS)
            .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.LOWERCASE).build())))
        .visibilityConfig(vis("b")).build();
    Rule sqli = Rule.builder().name("q").priority(2).action(block())
        .statement(s -> s.sqliMatchStatement(q -> q.fieldToMatch(f -> f.body(Body.builder().build()))
            .sensitivityLevel(SensitivityLevel.HIGH)
            .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build())))
        .visibilityConfig(vis("q")).build();
    assertThat(waf.checkCapacity(r -> r.scope(Scope.REGIONAL).rules(contains)).capacity()).isEqualTo(20L);
    assertThat(waf.checkCapacity(r -> r.scope(Scope.REGIONAL).rules(sqli)).capacity()).isEqualTo(30L);
    assertThat(waf.checkCapacity(r -> r.scope(Scope.REGIONAL).rules(managed("crs", 3, "AWSManagedRulesCommonRuleSet"),
        managed("kbi", 4, "AWSManagedRulesKnownBadInputsRuleSet"), managed("ip", 5, "AWSManagedRulesAmazonIpReputationList")))
        .capacity()).isEqualTo(925L);
  }

  // --- IP sets and regex pattern sets ----------------------------------------------------------------

  @Test
  void ipSet_lifecycle_andRefusals() {
    String name = name("ips");
    var created = createIpSet(name, "192.0.2.0/24", "198.51.100.7/32");
    var got = waf.getIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()));
    assertThat(got.ipSet().addresses()).containsExactly("192.0.2.0/24", "198.51.100.7/32");
    assertThat(got.ipSet().arn()).contains(":regional/ipset/" + name + "/");
    String next = waf.updateIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()).addresses("203.0.113.0/24")
        .lockToken(created.lockToken())).nextLockToken();
    assertThat(waf.getIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id())).ipSet().addresses())
        .containsExactly("203.0.113.0/24");
    refused(WafOptimisticLockException.class, "Reapply", () -> waf.updateIPSet(r -> r.scope(Scope.REGIONAL).name(name)
        .id(created.id()).addresses("203.0.113.0/24").lockToken(created.lockToken())));
    assertThat(waf.listIPSets(r -> r.scope(Scope.REGIONAL)).ipSets()).extracting(IPSetSummary::name).contains(name);
    waf.deleteIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()).lockToken(next));
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.getIPSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id())));
  }

  @Test
  void createIPSet_addressWithoutPrefixOrWrongVersion_isInvalidIpAddress() {
    refused(WafInvalidParameterException.class, "field: IP_ADDRESS, parameter: 10.0.0.1", () -> createIpSet(name("bad"), "10.0.0.1"));
    refused(WafInvalidParameterException.class, "field: IP_ADDRESS, parameter: 10.0.0.0/33", () -> createIpSet(name("bad"), "10.0.0.0/33"));
    refused(WafInvalidParameterException.class, "field: IP_ADDRESS, parameter: 2001:db8::/32",
        () -> createIpSet(name("bad"), "2001:db8::/32"));
  }

  @Test
  void deleteIPSet_referencedByWebAcl_isAssociatedItem() {
    var set = createIpSet(name("used"), "10.0.0.0/8");
    createAcl(name("user"), ipRule("r", 1, set.arn()));
    refused(WafAssociatedItemException.class, "being used", () -> waf.deleteIPSet(r -> r.scope(Scope.REGIONAL)
        .name(set.name()).id(set.id()).lockToken(set.lockToken())));
  }

  @Test
  void regexPatternSet_lifecycle_andRefusals() {
    String name = name("rx");
    var created = waf.createRegexPatternSet(r -> r.name(name).scope(Scope.REGIONAL)
        .regularExpressionList(Regex.builder().regexString("^/admin").build())).summary();
    var got = waf.getRegexPatternSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()));
    assertThat(got.regexPatternSet().regularExpressionList()).extracting(Regex::regexString).containsExactly("^/admin");
    waf.updateRegexPatternSet(r -> r.scope(Scope.REGIONAL).name(name).id(created.id()).lockToken(created.lockToken())
        .regularExpressionList(Regex.builder().regexString("^/api/v[0-9]+").build()));
    assertThat(waf.listRegexPatternSets(r -> r.scope(Scope.REGIONAL)).regexPatternSets())
        .extracting(RegexPatternSetSummary::name).contains(name);
    List<Regex> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> Regex.builder().regexString("a" + i).build()).toList();
    refused(WafLimitsExceededException.class, "resource limit", () -> waf.createRegexPatternSet(r -> r.name(name("rx"))
        .scope(Scope.REGIONAL).regularExpressionList(eleven)));
    refused(WafInvalidParameterException.class, "field: REGEX_PATTERN_SET", () -> waf.createRegexPatternSet(r -> r
        .name(name("rx")).scope(Scope.REGIONAL).regularExpressionList(Regex.builder().regexString("(unclosed").build())));
  }

  // --- rule groups ------------------------------------------------------------------------------------

  @Test
  void ruleGroup_lifecycle_capacityAndReferences() {
    var set = createIpSet(name("s"), "10.0.0.0/8");
    String name = name("rg");
    Rule labelled = ipRule("deny-10", 1, set.arn()).toBuilder()
        .ruleLabels(software.amazon.awssdk.services.wafv2.model.Label.builder().name("internal").build()).build();
    var created = waf.createRuleGroup(r -> r.name(name).scope(Scope.REGIONAL).capacity(10L).rules(labelled)
        .visibilityConfig(vis(name))).summary();
    var byArn = waf.getRuleGroup(r -> r.arn(created.arn()));
    assertThat(byArn.ruleGroup().capacity()).isEqualTo(10L);
    assertThat(byArn.ruleGroup().availableLabels()).extracting(LabelSummary::name)
        .containsExactly("awswaf:000000000000:rulegroup:" + name + ":internal");
    Rule ref = Rule.builder().name("mine").priority(1)
        .overrideAction(OverrideAction.builder().none(NoneAction.builder().build()).build())
        .statement(s -> s.ruleGroupReferenceStatement(g -> g.arn(created.arn()))).visibilityConfig(vis("mine")).build();
    var acl = createAcl(name("withgroup"), ref);
    assertThat(waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(acl.name()).id(acl.id())).webACL().capacity()).isEqualTo(10L);
    refused(WafAssociatedItemException.class, "being used", () -> waf.deleteRuleGroup(r -> r.scope(Scope.REGIONAL)
        .name(name).id(created.id()).lockToken(created.lockToken())));
    Rule badOverride = ref.toBuilder().name("bad").priority(2).statement(s -> s.ruleGroupReferenceStatement(g -> g
        .arn(created.arn()).ruleActionOverrides(o -> o.name("no-such-rule").actionToUse(block())))).build();
    refused(WafInvalidParameterException.class, "parameter: no-such-rule", () -> createAcl(name("bo"), badOverride));
    assertThat(waf.listRuleGroups(r -> r.scope(Scope.REGIONAL)).ruleGroups()).extracting(RuleGroupSummary::name).contains(name);
  }

  @Test
  void createRuleGroup_capacityOverLimitOrRulesOverCapacity_isLimitsExceeded() {
    refused(WafLimitsExceededException.class, "resource limit", () -> waf.createRuleGroup(r -> r.name(name("rg"))
        .scope(Scope.REGIONAL).capacity(1_501L).visibilityConfig(vis("x"))));
    Rule xss = Rule.builder().name("x").priority(1).action(block())
        .statement(s -> s.xssMatchStatement(x -> x.fieldToMatch(f -> f.queryString(QueryString.builder().build()))
            .textTransformations(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build())))
        .visibilityConfig(vis("x")).build();
    refused(WafLimitsExceededException.class, "resource limit", () -> waf.createRuleGroup(r -> r.name(name("rg"))
        .scope(Scope.REGIONAL).capacity(39L).rules(xss).visibilityConfig(vis("x"))));
  }

  @Test
  void createRuleGroup_containingManagedGroup_isInvalidParameter() {
    refused(WafInvalidParameterException.class, "field: MANAGED_RULE_SET_STATEMENT", () -> waf.createRuleGroup(r -> r
        .name(name("rg")).scope(Scope.REGIONAL).capacity(800L).rules(managed("crs", 1, "AWSManagedRulesCommonRuleSet"))
        .visibilityConfig(vis("x"))));
  }

  // --- managed rule groups ---------------------------------------------------------------------------

  @Test
  void managedRuleGroups_catalogue_versions_andRulesWithLabels() {
    assertThat(waf.listAvailableManagedRuleGroups(r -> r.scope(Scope.REGIONAL)).managedRuleGroups())
        .extracting(ManagedRuleGroupSummary::name)
        .contains("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesAmazonIpReputationList");
    var versions = waf.listAvailableManagedRuleGroupVersions(r -> r.scope(Scope.REGIONAL).vendorName("AWS")
        .name("AWSManagedRulesCommonRuleSet"));
    assertThat(versions.versions()).isNotEmpty();
    assertThat(versions.versions()).extracting(ManagedRuleGroupVersion::name).contains(versions.currentDefaultVersion());
    var crs = waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name("AWSManagedRulesCommonRuleSet"));
    assertThat(crs.capacity()).isEqualTo(700L);
    assertThat(crs.labelNamespace()).isEqualTo("awswaf:managed:aws:core-rule-set:");
    assertThat(crs.rules()).extracting(RuleSummary::name).contains("NoUserAgent_HEADER", "SizeRestrictions_BODY",
        "CrossSiteScripting_BODY", "EC2MetaDataSSRF_BODY", "GenericLFI_URIPATH", "RestrictedExtensions_URIPATH");
    assertThat(crs.availableLabels()).extracting(LabelSummary::name)
        .contains("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body", "awswaf:managed:aws:core-rule-set:NoUserAgent_Header");
    var kbi = waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name("AWSManagedRulesKnownBadInputsRuleSet"));
    assertThat(kbi.rules()).extracting(RuleSummary::name).contains("Log4JRCE_HEADER", "Host_localhost_HEADER", "PROPFIND_METHOD");
    var sqli = waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name("AWSManagedRulesSQLiRuleSet"));
    assertThat(sqli.availableLabels()).extracting(LabelSummary::name).contains("awswaf:managed:aws:sql-database:SQLi_Body");
    var ip = waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name("AWSManagedRulesAmazonIpReputationList"));
    assertThat(ip.capacity()).isEqualTo(25L);
    assertThat(ip.rules()).filteredOn(r -> r.name().equals("AWSManagedIPDDoSList"))
        .singleElement().satisfies(r -> assertThat(r.action().count()).isNotNull());
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL)
        .vendorName("AWS").name("AWSManagedRulesNothing")));
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL)
        .vendorName("AWS").name("AWSManagedRulesCommonRuleSet").versionName("Version_0.1")));
  }

  @Test
  void managedRuleGroups_theCatalogueIsTheEngines_everyRuleLabelVersionAndDescription() {
    var listed = waf.listAvailableManagedRuleGroups(r -> r.scope(Scope.CLOUDFRONT)).managedRuleGroups();
    assertThat(listed).extracting(ManagedRuleGroupSummary::name).containsExactlyElementsOf(
        ManagedRuleGroups.offerings().stream().map(ManagedRuleGroups.Offering::name).toList());
    for (var o : ManagedRuleGroups.offerings()) {
      var summary = listed.stream().filter(s -> s.name().equals(o.name())).findFirst().orElseThrow();
      assertThat(summary.description()).isEqualTo(o.group().description()).isNotBlank();
      assertThat(summary.versioningSupported()).isEqualTo(!o.versions().isEmpty());
      var d = waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name(o.name()));
      assertThat(d.rules()).extracting(RuleSummary::name)
          .containsExactlyElementsOf(o.group().rules().stream().map(Rule::name).toList());
      assertThat(d.rules()).extracting(RuleSummary::action)
          .containsExactlyElementsOf(o.group().rules().stream().map(Rule::action).toList());
      assertThat(d.availableLabels()).extracting(LabelSummary::name)
          .containsExactlyElementsOf(o.group().availableLabels().stream().map(LabelSummary::name).toList());
      assertThat(d.capacity()).isEqualTo(o.group().capacity());
      assertThat(d.versionName()).isEqualTo(o.defaultVersion());
      var v = waf.listAvailableManagedRuleGroupVersions(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name(o.name()));
      assertThat(v.currentDefaultVersion()).isEqualTo(o.defaultVersion());
      assertThat(v.versions()).extracting(ManagedRuleGroupVersion::name)
          .containsExactlyElementsOf(o.versions().reversed());
      for (String version : o.versions()) {
        assertThat(waf.describeManagedRuleGroup(r -> r.scope(Scope.REGIONAL).vendorName("AWS").name(o.name())
            .versionName(version)).versionName()).isEqualTo(version);
      }
    }
    // a web ACL may pin any listed version, and no other
    String oldest = ManagedRuleGroups.offering("AWS", ManagedRuleGroups.COMMON_RULE_SET).orElseThrow().versions().getFirst();
    var pinned = managed("crs", 0, ManagedRuleGroups.COMMON_RULE_SET).toBuilder()
        .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name(ManagedRuleGroups.COMMON_RULE_SET)
            .version(oldest))).build();
    assertThat(createAcl(name("pin"), pinned).arn()).isNotBlank();
  }

  // --- associations with API Gateway stages, tags, logging, samples -------------------------------------

  @Test
  void associateWebACL_apiGatewayStage_listedAndGot_andDeleteRefusedWhileAssociated() {
    String name = name("api");
    var acl = createAcl(name);
    String stage = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod";
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(stage));
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(stage)).webACL().arn()).isEqualTo(acl.arn());
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn()).resourceType(ResourceType.API_GATEWAY)).resourceArns())
        .containsExactly(stage);
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).isEmpty(); // ALBs by default
    var lock = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(acl.id())).lockToken();
    refused(WafAssociatedItemException.class, "associated with another resource",
        () -> waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(acl.id()).lockToken(lock)));
    waf.disassociateWebACL(r -> r.resourceArn(stage));
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(stage)).webACL()).isNull();
    waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(acl.id()).lockToken(lock));
  }

  @Test
  void associateWebACL_badArnsAndMissingAlb_areRefused() {
    var acl = createAcl(name("assoc"));
    refused(WafInvalidParameterException.class, "field: RESOURCE_ARN", () -> waf.associateWebACL(r -> r.webACLArn(acl.arn())
        .resourceArn("arn:aws:s3:::my-bucket-of-many-things")));
    // No ELB module in this server: no load balancer exists.
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.associateWebACL(r -> r.webACLArn(acl.arn())
        .resourceArn("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/0123456789abcdef")));
    String ghostAcl = acl.arn().substring(0, acl.arn().lastIndexOf('/') + 1) + UUID.randomUUID();
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.associateWebACL(r -> r.webACLArn(ghostAcl)
        .resourceArn("arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod")));
  }

  @Test
  void tags_onCreate_tagUntagList_andUnknownArn() {
    String name = name("tagged");
    var acl = waf.createWebACL(r -> r.name(name).scope(Scope.REGIONAL).defaultAction(allow()).visibilityConfig(vis(name))
        .tags(Tag.builder().key("team").value("web").build())).summary();
    waf.tagResource(r -> r.resourceARN(acl.arn()).tags(Tag.builder().key("env").value("prod").build()));
    waf.untagResource(r -> r.resourceARN(acl.arn()).tagKeys("team"));
    var info = waf.listTagsForResource(r -> r.resourceARN(acl.arn())).tagInfoForResource();
    assertThat(info.resourceARN()).isEqualTo(acl.arn());
    assertThat(info.tagList()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"));
    String ghost = acl.arn().substring(0, acl.arn().lastIndexOf('/') + 1) + UUID.randomUUID();
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.listTagsForResource(r -> r.resourceARN(ghost)));
  }

  @Test
  void loggingConfiguration_putGetListDelete_andBadDestination() {
    var acl = createAcl(name("logged"));
    String dest = "arn:aws:firehose:us-east-1:000000000000:deliverystream/aws-waf-logs-web";
    refused(WafInvalidParameterException.class, "field: LOG_DESTINATION", () -> waf.putLoggingConfiguration(r -> r
        .loggingConfiguration(c -> c.resourceArn(acl.arn()).logDestinationConfigs(
            "arn:aws:firehose:us-east-1:000000000000:deliverystream/my-stream"))));
    var put = waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn()).logDestinationConfigs(dest)
        .redactedFields(FieldToMatch.builder().singleHeader(h -> h.name("authorization")).build())));
    assertThat(put.loggingConfiguration().logDestinationConfigs()).containsExactly(dest);
    var got = waf.getLoggingConfiguration(r -> r.resourceArn(acl.arn())).loggingConfiguration();
    assertThat(got.redactedFields()).singleElement().satisfies(f -> assertThat(f.singleHeader().name()).isEqualTo("authorization"));
    assertThat(waf.listLoggingConfigurations(r -> r.scope(Scope.REGIONAL)).loggingConfigurations())
        .extracting(LoggingConfiguration::resourceArn).contains(acl.arn());
    waf.deleteLoggingConfiguration(r -> r.resourceArn(acl.arn()));
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.getLoggingConfiguration(r -> r.resourceArn(acl.arn())));
  }

  @Test
  void getSampledRequests_noTraffic_isEmpty_andBadArguments() {
    var acl = createAcl(name("sampled"));
    Instant now = Instant.now();
    var empty = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).scope(Scope.REGIONAL).ruleMetricName(acl.name())
        .maxItems(100L).timeWindow(w -> w.startTime(now.minusSeconds(600)).endTime(now)));
    assertThat(empty.sampledRequests()).isEmpty();
    assertThat(empty.populationSize()).isZero();
    validation("maxItems", () -> waf.getSampledRequests(r -> r.webAclArn(acl.arn())
        .scope(Scope.REGIONAL).ruleMetricName(acl.name()).maxItems(501L).timeWindow(w -> w.startTime(now.minusSeconds(60)).endTime(now))));
  }

  @Test
  void getRateBasedStatementManagedKeys_seedRule_isEmptyUntilTraffic_unknownRuleIsNonexistent() {
    String name = name("rate");
    var acl = createAcl(name, Rule.builder().name("RateLimitRule").priority(1).action(block())
        .statement(s -> s.rateBasedStatement(rb -> rb.limit(2000L).aggregateKeyType(RateBasedStatementAggregateKeyType.IP)))
        .visibilityConfig(vis("RateLimitRule")).build());
    var keys = waf.getRateBasedStatementManagedKeys(r -> r.scope(Scope.REGIONAL).webACLName(name).webACLId(acl.id())
        .ruleName("RateLimitRule"));
    assertThat(keys.managedKeysIPV4().addresses()).isEmpty();
    refused(WafNonexistentItemException.class, "doesn’t exist", () -> waf.getRateBasedStatementManagedKeys(r -> r
        .scope(Scope.REGIONAL).webACLName(name).webACLId(acl.id()).ruleName("NoSuchRule")));
  }
}
