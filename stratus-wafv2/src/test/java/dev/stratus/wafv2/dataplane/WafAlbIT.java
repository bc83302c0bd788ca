package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.wafv2.Wafv2Module;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
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
  static ApiTestServer server;
  static Elbv2Module elbModule;
  static Wafv2Module wafModule;
  static Wafv2Client waf;
  static ElasticLoadBalancingV2Client elb;
  static String subnetA, subnetB;
  static HttpServer backend;
  static final AtomicInteger hits = new AtomicInteger();
  static final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();
  static String albArn, ipSetArn, aclName, aclId;
  static WebACLSummary acl;
  static InetSocketAddress node;

  @BeforeAll
  static void start() throws Exception {
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    backend.setExecutor(Executors.newCachedThreadPool());
    backend.createContext("/", ex -> {
      if (!ex.getRequestURI().getPath().equals("/health")) {
        hits.incrementAndGet();
        Map<String, List<String>> h = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        lastHeaders.set(h);
      }
      byte[] body = "backend\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    backend.start();

    elbModule = new Elbv2Module(d -> Duration.ofMillis(200));
    wafModule = new Wafv2Module();
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), elbModule, wafModule);
    var ec2 = server.client(Ec2Client.builder());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    waf = server.client(Wafv2Client.builder());

    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    subnetA = a;
    subnetB = b;
    albArn = elb.createLoadBalancer(r -> r.name("waf-web").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
        .loadBalancers().get(0).loadBalancerArn();
    String tg = elb.createTargetGroup(r -> r.name("waf-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
        .targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1")
        .port(backend.getAddress().getPort()).build()));
    int port;
    try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String listener = elb.createListener(r -> r.loadBalancerArn(albArn).protocol(ProtocolEnum.HTTP).port(port)
        .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).listeners().get(0).listenerArn();
    var at = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      var nodes = elbModule.dataPlane().listeners().get(listener);
      if (nodes == null || nodes.isEmpty()) return false;
      at.set(nodes.values().iterator().next());
      return true;
    });
    node = at.get();
    await().atMost(Duration.ofSeconds(10)).until(() -> get(PLAIN, "/").status() == 200);

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
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  static Rule ipRule(String name, int priority, String arn, RuleAction action) {
    return Rule.builder().name(name).priority(priority).action(action)
        .statement(s -> s.ipSetReferenceStatement(i -> i.arn(arn))).visibilityConfig(vis(name)).build();
  }

  record Reply(int status, Map<String, String> headers, String body) {}

  /** One HTTP/1.1 request from the loopback address {@code from} to the ALB node. */
  static Reply get(String from, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(node, 5_000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: waf-web.example\r\nUser-Agent: waf-test\r\n"
          + "Authorization: secret\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
  }

  static void awaitWaf() { wafModule.dataPlane().awaitCurrent(); }

  @Test
  @Order(1)
  void associated_ipSetRule_blocksWithAwsDefault403_othersReachTheTarget() throws Exception {
    assertThat(get(BLOCKED, "/").status()).isEqualTo(200); // no web ACL yet
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(albArn));
    awaitWaf();
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(albArn)).webACL().name()).isEqualTo(aclName);
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).containsExactly(albArn);

    int before = hits.get();
    Reply blocked = get(BLOCKED, "/admin?x=1");
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
    assertThat(hits.get()).isEqualTo(before); // a blocked request never reaches the target

    Reply plain = get(PLAIN, "/");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo("backend\n");
    assertThat(lastHeaders.get()).doesNotContainKey("x-amzn-waf-watched");

    Reply counted = get(COUNTED, "/");
    assertThat(counted.status()).isEqualTo(200);
    assertThat(lastHeaders.get().get("x-amzn-waf-watched")).containsExactly("yes");
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

    var metrics = wafModule.dataPlane().stats(acl.arn()).metrics();
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
    var file = wafModule.dataPlane().logFile(dest);
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
    Reply r = get(BLOCKED, "/");
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
    String gone = elb.createLoadBalancer(r -> r.name("waf-gone").scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(subnetA, subnetB)).loadBalancers().get(0).loadBalancerArn();
    waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(gone));
    assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).containsExactly(gone);
    var lock = waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId)).lockToken();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(aclName)
        .id(aclId).lockToken(lock))).isInstanceOf(WafAssociatedItemException.class);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(gone));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns().isEmpty());
    waf.deleteWebACL(r -> r.scope(Scope.REGIONAL).name(aclName).id(aclId).lockToken(lock));
    awaitWaf();
    assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()).extracting(WebACLSummary::name).doesNotContain(aclName);
  }
}
