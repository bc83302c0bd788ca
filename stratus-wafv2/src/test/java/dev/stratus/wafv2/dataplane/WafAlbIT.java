package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * A web ACL on a real ALB: associated through the SDK, enforced in the WAF slot of the ALB's
 * filter chain, traffic from chosen loopback source addresses over raw sockets to the ALB node,
 * and what WAF saw read back (samples, metrics counters, the log file).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WafAlbIT {
  static final String BLOCKED = "127.0.0.66", COUNTED = "127.0.0.77", PLAIN = "127.0.0.1";
  static AlbWithWaf alb;
  static Wafv2Client waf;
  static String albArn, ipSetArn, aclName, aclId;
  static WebACLSummary acl;

  @BeforeAll
  static void start() throws Exception {
    alb = new AlbWithWaf("waf-web");
    waf = alb.waf;
    albArn = alb.albArn;
    ipSetArn = waf.createIPSet(r -> r.name("bad-clients").scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
        .addresses(BLOCKED + "/32")).summary().arn();
    String countSet = waf.createIPSet(r -> r.name("watched").scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
        .addresses(COUNTED + "/32")).summary().arn();
    aclName = "alb-acl";
    acl = waf.createWebACL(r -> r.name(aclName).scope(Scope.REGIONAL)
        .defaultAction(d -> d.allow(AllowAction.builder().build()))
        .rules(ipRule("deny-bad", 0, ipSetArn, RuleAction.builder().block(BlockAction.builder().build()).build()),
            ipRule("watch", 1, countSet, RuleAction.builder().count(c -> c.customRequestHandling(h -> h
                .insertHeaders(CustomHTTPHeader.builder().name("watched").value("yes").build()))).build()))
        .visibilityConfig(vis("alb-acl"))).summary();
    aclId = acl.id();
  }

  @AfterAll
  static void stop() {
    if (alb != null) alb.close();
  }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  static Rule ipRule(String name, int priority, String arn, RuleAction action) {
    return Rule.builder().name(name).priority(priority).action(action)
        .statement(s -> s.ipSetReferenceStatement(i -> i.arn(arn))).visibilityConfig(vis(name)).build();
  }

  static AlbWithWaf.Reply get(String from, String path) throws Exception { return alb.get(from, path); }

  static void awaitWaf() { alb.awaitWaf(); }

  @Test
  @Order(1)
  void associated_ipSetRule_blocksWithAwsDefault403_othersReachTheTarget() throws Exception {
    assertThat(get(BLOCKED, "/").status()).isEqualTo(200); // no web ACL yet
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(albArn));
    awaitWaf();
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(albArn)).webACL().name()).isEqualTo(aclName);
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).containsExactly(albArn);

    int before = alb.hits.get();
    AlbWithWaf.Reply blocked = get(BLOCKED, "/admin?x=1");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.headers().get("content-type")).startsWith("text/html");
    assertThat(blocked.body()).isEqualTo("""
        <html>
        <head><title>403 Forbidden</title></head>
        <body>
        <center><h1>403 Forbidden</h1></center>
        </body>
        </html>
        """);
    assertThat(alb.hits.get()).isEqualTo(before); // a blocked request never reaches the target

    AlbWithWaf.Reply plain = get(PLAIN, "/");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo("backend\n");
    assertThat(alb.lastHeaders.get()).doesNotContainKey("x-amzn-waf-watched");

    AlbWithWaf.Reply counted = get(COUNTED, "/");
    assertThat(counted.status()).isEqualTo(200);
    assertThat(alb.lastHeaders.get().get("x-amzn-waf-watched")).containsExactly("yes");
  }

  @Test
  @Order(2)
  void sampledRequests_andMetricsCounters_showTheDecisions() {
    Instant now = Instant.now();
    var all = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).scope(Scope.REGIONAL).ruleMetricName("alb-acl")
        .maxItems(100L).timeWindow(w -> w.startTime(now.minusSeconds(300)).endTime(now.plusSeconds(5))));
    assertThat(all.populationSize()).isEqualTo(3L);
    assertThat(all.sampledRequests()).anySatisfy(s -> {
      assertThat(s.action()).isEqualTo("BLOCK");
      assertThat(s.request().clientIP()).isEqualTo(BLOCKED);
      assertThat(s.request().uri()).isEqualTo("/admin");
      assertThat(s.responseCodeSent()).isEqualTo(403);
    });
    var deny = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).scope(Scope.REGIONAL).ruleMetricName("deny-bad")
        .maxItems(100L).timeWindow(w -> w.startTime(now.minusSeconds(300)).endTime(now.plusSeconds(5))));
    assertThat(deny.sampledRequests()).singleElement().satisfies(s -> assertThat(s.action()).isEqualTo("BLOCK"));
    var watch = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).scope(Scope.REGIONAL).ruleMetricName("watch")
        .maxItems(100L).timeWindow(w -> w.startTime(now.minusSeconds(300)).endTime(now.plusSeconds(5))));
    assertThat(watch.sampledRequests()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("COUNT");
      assertThat(s.requestHeadersInserted()).extracting(HTTPHeader::name).containsExactly("x-amzn-waf-watched");
    });

    var metrics = alb.wafModule.dataPlane().stats(acl.arn()).metrics();
    assertThat(metrics.get("ALL")).containsEntry("BlockedRequests", 1L).containsEntry("AllowedRequests", 2L);
    assertThat(metrics.get("deny-bad")).containsEntry("BlockedRequests", 1L);
    assertThat(metrics.get("watch")).containsEntry("CountedRequests", 1L);
    assertThat(metrics.get("Default_Action")).containsEntry("AllowedRequests", 2L);
  }

  @Test
  @Order(3)
  void loggingConfiguration_writesAwsWafLogLines_withRedactedFields() throws Exception {
    String dest = "arn:aws:logs:us-east-1:000000000000:log-group:aws-waf-logs-alb-it-" + System.nanoTime();
    waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn()).logDestinationConfigs(dest)
        .redactedFields(FieldToMatch.builder().singleHeader(h -> h.name("authorization")).build())));
    awaitWaf();
    assertThat(get(BLOCKED, "/login?user=a").status()).isEqualTo(403);
    awaitWaf();
    var file = alb.wafModule.dataPlane().logFile(dest);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    var line = tools.jackson.databind.json.JsonMapper.builder().build().readTree(lines.get(0));
    assertThat(line.get("webaclId").asString()).isEqualTo(acl.arn());
    assertThat(line.get("terminatingRuleId").asString()).isEqualTo("deny-bad");
    assertThat(line.get("terminatingRuleType").asString()).isEqualTo("REGULAR");
    assertThat(line.get("action").asString()).isEqualTo("BLOCK");
    assertThat(line.get("httpSourceName").asString()).isEqualTo("ALB");
    assertThat(line.get("responseCodeSent").asInt()).isEqualTo(403);
    assertThat(line.get("httpRequest").get("clientIp").asString()).isEqualTo(BLOCKED);
    assertThat(line.get("httpRequest").get("uri").asString()).isEqualTo("/login");
    assertThat(line.get("httpRequest").get("args").asString()).isEqualTo("user=a");
    assertThat(line.get("httpRequest").get("headers").toString()).contains("\"REDACTED\"").doesNotContain("secret");
    Files.deleteIfExists(file);
  }

  @Test
  @Order(4)
  void customResponse_replacesTheDefault403() throws Exception {
    var current = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId));
    var rules = new ArrayList<>(current.webACL().rules());
    rules.set(0, ipRule("deny-bad", 0, ipSetArn, RuleAction.builder().block(bl -> bl.customResponse(c -> c
        .responseCode(429).customResponseBodyKey("slow-down")
        .responseHeaders(CustomHTTPHeader.builder().name("Retry-After").value("60").build()))).build()));
    waf.updateWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId).lockToken(current.lockToken())
        .defaultAction(current.webACL().defaultAction()).rules(rules).visibilityConfig(current.webACL().visibilityConfig())
        .customResponseBodies(Map.of("slow-down", CustomResponseBody.builder()
            .contentType(ResponseContentType.APPLICATION_JSON).content("{\"error\":\"slow down\"}").build())));
    awaitWaf();
    AlbWithWaf.Reply r = get(BLOCKED, "/");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers().get("content-type")).startsWith("application/json");
    assertThat(r.headers().get("retry-after")).isEqualTo("60");
    assertThat(r.body()).isEqualTo("{\"error\":\"slow down\"}");
  }

  @Test
  @Order(5)
  void ipSetUpdate_rebuildsTheFilter_thenDisassociationRemovesIt() throws Exception {
    var set = waf.getIPSet(r -> r.scope(Scope.REGIONAL).name("bad-clients").id(ipSetArn.substring(ipSetArn.lastIndexOf('/') + 1)));
    waf.updateIPSet(r -> r.scope(Scope.REGIONAL).name("bad-clients").id(set.ipSet().id()).lockToken(set.lockToken())
        .addresses(PLAIN + "/32"));
    awaitWaf();
    assertThat(get(BLOCKED, "/").status()).isEqualTo(200);
    assertThat(get(PLAIN, "/").status()).isEqualTo(429);
    // The balancer reached by Host header on the API port is behind the same web ACL.
    assertThat(alb.viaApiPort(PLAIN, "/").status()).isEqualTo(429);
    assertThat(alb.viaApiPort(BLOCKED, "/").status()).isEqualTo(200);

    waf.disassociateWebACL(r -> r.resourceArn(albArn));
    awaitWaf();
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(albArn)).webACL()).isNull();
    assertThat(get(PLAIN, "/").status()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void associateWebACL_missingAlb_isNonexistentItem() {
    String missing = albArn.substring(0, albArn.lastIndexOf('/') + 1) + "0123456789abcdef";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(missing)))
        .isInstanceOf(WafNonexistentItemException.class);
  }

  @Test
  @Order(7)
  void deletedAlb_dropsItsAssociation_soTheWebAclCanBeDeleted() {
    String gone = alb.elb.createLoadBalancer(r -> r.name("waf-gone").scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(alb.subnetA, alb.subnetB)).loadBalancers().get(0).loadBalancerArn();
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(gone));
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).containsExactly(gone);
    var lock = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId)).lockToken();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(aclName)
        .id(aclId).lockToken(lock))).isInstanceOf(WafAssociatedItemException.class);
    alb.elb.deleteLoadBalancer(r -> r.loadBalancerArn(gone));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns().isEmpty());
    waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId).lockToken(lock));
    awaitWaf();
    assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()).extracting(WebACLSummary::name).doesNotContain(aclName);
  }
}
