package dev.stratus.elbv2.dataplane;

import static dev.stratus.elbv2.dataplane.AlbTraffic.get;
import static dev.stratus.elbv2.dataplane.AlbTraffic.request;
import static dev.stratus.elbv2.dataplane.AlbTraffic.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.Extensions;
import dev.stratus.core.StratusContext;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.dataplane.AlbTraffic.Backend;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * The ALB data plane through real sockets: listeners built with the SDK on an in-process Stratus,
 * traffic sent with a raw HTTP client to the node's address, local HTTP servers as ip targets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlbDataPlaneIT {
  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());
  static final Clock CLOCK = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return NOW.get(); }
  };
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static String vpc, subnetA, subnetB;
  static LoadBalancer alb;
  static Backend b1, b2;

  @BeforeAll
  static void start() throws Exception {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(CLOCK, new Ec2Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    var ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    alb = newAlb("web");
    b1 = new Backend("b1");
    b2 = new Backend("b2");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (b1 != null) b1.close();
    if (b2 != null) b2.close();
  }

  static LoadBalancer newAlb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA, subnetB))
        .loadBalancers().get(0);
  }

  static String targetGroup(String name, Consumer<CreateTargetGroupRequest.Builder> more, Backend... targets) {
    String arn = elb.createTargetGroup(r -> {
      r.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc).targetType(TargetTypeEnum.IP)
          .healthCheckPath("/health").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).unhealthyThresholdCount(2).healthyThresholdCount(2);
      more.accept(r);
    }).targetGroups().get(0).targetGroupArn();
    if (targets.length > 0) {
      elb.registerTargets(r -> r.targetGroupArn(arn).targets(java.util.Arrays.stream(targets)
          .map(b -> TargetDescription.builder().id("127.0.0.1").port(b.port()).build()).toList()));
    }
    return arn;
  }

  static String targetGroup(String name, Backend... targets) { return targetGroup(name, r -> { }, targets); }

  static Action forward(String tg) { return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build(); }

  static Action fixed(int status, String body) {
    return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode(String.valueOf(status)).contentType("text/plain").messageBody(body)).build();
  }

  /** A listener on a fresh port of {@code lb}; returns where its first node listens once open. */
  static InetSocketAddress listener(LoadBalancer lb, Action defaultAction, AtomicReference<String> arnOut) throws Exception {
    int port = AlbTraffic.freePort();
    String arn = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(port)
        .defaultActions(defaultAction)).listeners().get(0).listenerArn();
    if (arnOut != null) arnOut.set(arn);
    return nodeOf(arn);
  }

  static InetSocketAddress nodeOf(String listenerArn) {
    var at = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = module.dataPlane().listeners().get(listenerArn);
      if (nodes == null || nodes.size() < 2) return false;
      at.set(nodes.values().iterator().next());
      return true;
    });
    return at.get();
  }

  static void rule(String listenerArn, int priority, Action action, RuleCondition... conditions) {
    elb.createRule(r -> r.listenerArn(listenerArn).priority(priority).conditions(conditions).actions(action));
  }

  static RuleCondition path(String... v) { return RuleCondition.builder().field("path-pattern").values(v).build(); }

  static void awaitRouting() { module.dataPlane().awaitCurrent(); }

  @Test
  @Order(1)
  void rules_firstMatchByPriority_eachConditionType_fixedResponse() throws Exception {
    var arn = new AtomicReference<String>();
    var at = listener(alb, fixed(404, "none"), arn);
    rule(arn.get(), 5, fixed(200, "img"), path("/img/*"));
    rule(arn.get(), 3, fixed(200, "special"), path("/img/special"));
    rule(arn.get(), 10, fixed(200, "never"), path("/img/special"));
    rule(arn.get(), 20, fixed(200, "host"), RuleCondition.builder().field("host-header").values("*.example.com").build());
    rule(arn.get(), 30, fixed(200, "method"), RuleCondition.builder().field("http-request-method").values("PATCH").build());
    rule(arn.get(), 40, fixed(200, "header"),
        RuleCondition.builder().field("http-header").httpHeaderConfig(h -> h.httpHeaderName("X-Env").values("stag*")).build());
    rule(arn.get(), 50, fixed(200, "query"),
        RuleCondition.builder().field("query-string").queryStringConfig(q -> q.values(v -> v.key("version").value("v2"))).build());
    rule(arn.get(), 60, fixed(201, "source"), RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("127.0.0.0/8")).build(),
        path("/src"));
    rule(arn.get(), 70, fixed(200, "other-source"), RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/8")).build(),
        path("/src2"));
    awaitRouting();

    var img = get(at, "a.test", "/img/a.jpg");
    assertThat(img.status()).isEqualTo(200);
    assertThat(img.body()).isEqualTo("img");
    assertThat(img.header("Server")).isEqualTo("awselb/2.0");
    assertThat(img.header("Content-Type")).startsWith("text/plain");
    assertThat(get(at, "a.test", "/img/special").body()).isEqualTo("special"); // priority 3 before 5, 10 never
    assertThat(get(at, "a.test", "/IMG/a.jpg").body()).isEqualTo("none");    // path is case-sensitive
    assertThat(get(at, "WWW.Example.com", "/").body()).isEqualTo("host");    // host is not
    assertThat(get(at, "example.com", "/").body()).isEqualTo("none");        // *.example.com needs a label
    assertThat(request(at, "PATCH", "a.test", "/").body()).isEqualTo("method");
    assertThat(request(at, "patch", "a.test", "/").body()).isEqualTo("none");
    assertThat(get(at, "a.test", "/", "X-Env: STAGING").body()).isEqualTo("header");
    assertThat(get(at, "a.test", "/?a=1&version=V2").body()).isEqualTo("query");
    var src = get(at, "a.test", "/src");
    assertThat(src.status()).isEqualTo(201);
    assertThat(src.body()).isEqualTo("source");
    assertThat(get(at, "a.test", "/src2").status()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void redirect_keepsUnsetPartsAndAnswers301() throws Exception {
    var arn = new AtomicReference<String>();
    var at = listener(alb, fixed(404, "none"), arn);
    rule(arn.get(), 1, Action.builder().type(ActionTypeEnum.REDIRECT)
        .redirectConfig(c -> c.path("/new/#{path}").statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build(), path("/old*"));
    rule(arn.get(), 2, Action.builder().type(ActionTypeEnum.REDIRECT)
        .redirectConfig(c -> c.host("other.example").port("8080").statusCode(RedirectActionStatusCodeEnum.HTTP_302)).build(), path("/away"));
    awaitRouting();
    var r = get(at, "shop.test", "/old/x?q=1");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("http://shop.test:" + at.getPort() + "/new/old/x?q=1");
    assertThat(r.header("Server")).isEqualTo("awselb/2.0");
    var away = get(at, "shop.test", "/away");
    assertThat(away.status()).isEqualTo(302);
    assertThat(away.header("Location")).isEqualTo("http://other.example:8080/away");
  }

  @Test
  @Order(3)
  void forward_addsForwardedHeadersAndTraceId_andAppendsTheListenerPortToHost() throws Exception {
    String tg = targetGroup("hdr", b1);
    var at = listener(alb, forward(tg), null);
    var r = get(at, "app.test", "/x", "X-Forwarded-For: 203.0.113.7");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("b1\n");
    assertThat(b1.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(b1.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(b1.header("X-Forwarded-Port")).isEqualTo(String.valueOf(at.getPort()));
    assertThat(b1.header("Host")).isEqualTo("app.test:" + at.getPort());
    assertThat(b1.header("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    assertThat(b1.header("Content-Length")).isNull(); // a GET goes on without a body's framing, as the client sent it
    var posted = send(at, "POST /x HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(posted.status()).isEqualTo(200);
    assertThat(b1.header("Content-Length")).isEqualTo("5");
    get(at, "app.test", "/x", "X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    assertThat(b1.header("X-Amzn-Trace-Id"))
        .matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

    String tooMany = "X-Forwarded-For: " + String.join(", ", java.util.Collections.nCopies(31, "192.0.2.1"));
    int before = b1.hits.get();
    var refused = get(at, "app.test", "/x", tooMany);
    assertThat(refused.status()).isEqualTo(463);
    assertThat(refused.header("Server")).isEqualTo("awselb/2.0");
    assertThat(b1.hits.get()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void xffModes_preserveAndRemove() throws Exception {
    var lb = newAlb("xff");
    String tg = targetGroup("xff", b2);
    var at = listener(lb, forward(tg), null);
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("routing.http.xff_header_processing.mode").value("remove")));
    awaitRouting();
    get(at, "app.test", "/", "X-Forwarded-For: 203.0.113.7");
    assertThat(b2.header("X-Forwarded-For")).isNull();
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("routing.http.xff_header_processing.mode").value("preserve")));
    awaitRouting();
    get(at, "app.test", "/", "X-Forwarded-For: 203.0.113.7");
    assertThat(b2.header("X-Forwarded-For")).isEqualTo("203.0.113.7");
  }

  @Test
  @Order(5)
  void weightedForward_splitsWithinTolerance() throws Exception {
    String one = targetGroup("w1", b1);
    String three = targetGroup("w3", b2);
    var at = listener(alb, Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
        t -> t.targetGroupArn(one).weight(1), t -> t.targetGroupArn(three).weight(3))).build(), null);
    Map<String, Integer> counts = new HashMap<>();
    int n = 400;
    for (int i = 0; i < n; i++) counts.merge(get(at, "w.test", "/").body(), 1, Integer::sum);
    assertThat(counts.getOrDefault("b1\n", 0)).isBetween(n / 4 - 40, n / 4 + 40);
    assertThat(counts.getOrDefault("b2\n", 0)).isBetween(3 * n / 4 - 40, 3 * n / 4 + 40);
  }

  @Test
  @Order(6)
  void lbCookieStickiness_pinsTheTarget_roundRobinOtherwise() throws Exception {
    String tg = targetGroup("sticky", b1, b2);
    elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a.key("stickiness.enabled").value("true"),
        a -> a.key("stickiness.type").value("lb_cookie")));
    var at = listener(alb, forward(tg), null);
    var first = get(at, "s.test", "/");
    assertThat(first.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSALB=").contains("Expires=").contains("Path=/"));
    assertThat(first.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSALBCORS=").contains("SameSite=None; Secure"));
    String cookie = first.all("Set-Cookie").stream().filter(c -> c.startsWith("AWSALB=")).findFirst().orElseThrow().split(";")[0];
    for (int i = 0; i < 20; i++) {
      var r = get(at, "s.test", "/", "Cookie: " + cookie);
      assertThat(r.body()).isEqualTo(first.body());
      assertThat(r.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSALB=")); // refreshed every request
    }
    var bodies = new java.util.HashSet<String>();
    for (int i = 0; i < 6; i++) bodies.add(get(at, "s.test", "/").body());
    assertThat(bodies).containsExactlyInAnyOrder("b1\n", "b2\n");
    assertThat(get(at, "s.test", "/", "Cookie: AWSALB=forged").status()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void appCookieStickiness_followsTheApplicationsCookie() throws Exception {
    String tg = targetGroup("app-sticky", b1, b2);
    elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(a -> a.key("stickiness.enabled").value("true"),
        a -> a.key("stickiness.type").value("app_cookie"), a -> a.key("stickiness.app_cookie.cookie_name").value("SESSION")));
    var at = listener(alb, forward(tg), null);
    var first = get(at, "a.test", "/app-cookie");
    String app = first.all("Set-Cookie").stream().filter(c -> c.startsWith("AWSALBAPP-0=")).findFirst().orElseThrow().split(";")[0];
    assertThat(first.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("SESSION=abc"));
    for (int i = 0; i < 10; i++) {
      assertThat(get(at, "a.test", "/", "Cookie: SESSION=abc; " + app).body()).isEqualTo(first.body());
    }
  }

  @Test
  @Order(7)
  void groupStickiness_setsAwsalbtg() throws Exception {
    String one = targetGroup("g1", b1);
    String two = targetGroup("g2", b2);
    var at = listener(alb, Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
        t -> t.targetGroupArn(one).weight(1), t -> t.targetGroupArn(two).weight(1))
        .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(3600))).build(), null);
    var first = get(at, "g.test", "/");
    String cookie = first.all("Set-Cookie").stream().filter(c -> c.startsWith("AWSALBTG=")).findFirst().orElseThrow().split(";")[0];
    assertThat(first.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("AWSALBTGCORS="));
    for (int i = 0; i < 20; i++) assertThat(get(at, "g.test", "/", "Cookie: " + cookie).body()).isEqualTo(first.body());
  }

  @Test
  @Order(8)
  void health_unhealthyTargetGetsNoTraffic_allUnhealthyFailsOpen() throws Exception {
    try (var h1 = new Backend("h1"); var h2 = new Backend("h2")) {
      String tg = targetGroup("health", h1, h2);
      var at = listener(alb, forward(tg), null);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg))
          .targetHealthDescriptions()).allSatisfy(d -> assertThat(d.targetHealth().state()).isEqualTo(TargetHealthStateEnum.HEALTHY)));
      h2.healthStatus.set(500);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg))
          .targetHealthDescriptions()).filteredOn(d -> d.targetHealth().state() == TargetHealthStateEnum.UNHEALTHY).hasSize(1));
      awaitRouting();
      for (int i = 0; i < 10; i++) assertThat(get(at, "h.test", "/").body()).isEqualTo("h1\n");
      h1.healthStatus.set(500);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg))
          .targetHealthDescriptions()).allSatisfy(d -> assertThat(d.targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY)));
      awaitRouting();
      var bodies = new java.util.HashSet<String>();
      for (int i = 0; i < 6; i++) bodies.add(get(at, "h.test", "/").body());
      assertThat(bodies).containsExactlyInAnyOrder("h1\n", "h2\n"); // fail-open: every target as if healthy
      h1.healthStatus.set(200);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        awaitRouting();
        for (int i = 0; i < 4; i++) assertThat(get(at, "h.test", "/").body()).isEqualTo("h1\n");
      });
    }
  }

  @Test
  @Order(9)
  void errors_502Refused_503NoTargets_504Slow_400Smuggling() throws Exception {
    int closed = AlbTraffic.freePort();
    String refusedTg = targetGroup("refused", r -> { });
    elb.registerTargets(r -> r.targetGroupArn(refusedTg).targets(t -> t.id("127.0.0.1").port(closed)));
    String emptyTg = targetGroup("empty");
    String okTg = targetGroup("ok", b1);
    var arn = new AtomicReference<String>();
    var at = listener(alb, forward(okTg), arn);
    rule(arn.get(), 1, forward(refusedTg), path("/refused"));
    rule(arn.get(), 2, forward(emptyTg), path("/empty"));
    awaitRouting();

    var bad = get(at, "e.test", "/refused");
    assertThat(bad.status()).isEqualTo(502);
    assertThat(bad.header("Server")).isEqualTo("awselb/2.0");
    assertThat(bad.body()).isEqualTo("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n");
    var none = get(at, "e.test", "/empty");
    assertThat(none.status()).isEqualTo(503);
    assertThat(none.body()).contains("<title>503 Service Temporarily Unavailable</title>", "<center><h1>503");

    int before = b1.hits.get();
    var smuggled = send(at, "POST / HTTP/1.1\r\nHost: e.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertThat(smuggled.status()).isEqualTo(400);
    assertThat(smuggled.header("Server")).isEqualTo("awselb/2.0");
    var duplicate = send(at, "POST / HTTP/1.1\r\nHost: e.test\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(b1.hits.get()).isEqualTo(before);

    var slowLb = newAlb("slow");
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(slowLb.loadBalancerArn())
        .attributes(a -> a.key("idle_timeout.timeout_seconds").value("1")));
    var slowAt = listener(slowLb, forward(targetGroup("slow", b2)), null);
    long t0 = System.nanoTime();
    var timeout = get(slowAt, "e.test", "/slow");
    assertThat(timeout.status()).isEqualTo(504);
    assertThat(timeout.body()).contains("504 Gateway Time-out");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2900));
  }

  @Test
  @Order(10)
  void apiPort_answersTheBalancersDnsNamesByHostHeader() throws Exception {
    var lb = newAlb("vhost");
    String tg = targetGroup("vhost", b1);
    listener(lb, forward(tg), null);
    awaitRouting();
    var api = new InetSocketAddress("127.0.0.1", server.port());
    var r = get(api, lb.dnsName() + ":" + server.port(), "/through-api");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("b1\n");
    String aws = lb.dnsName().replace(".elb.localhost", ".elb.amazonaws.com");
    assertThat(get(api, aws, "/").body()).isEqualTo("b1\n");
    assertThat(get(api, "127.0.0.1", "/_stratus/health").status()).isNotEqualTo(200 + 1); // the API still answers
    assertThat(get(api, "127.0.0.1", "/_stratus/health").body()).doesNotContain("b1");
  }

  @Test
  @Order(11)
  void accessLogs_writtenInAlbFormatWhenEnabled() throws Exception {
    var lb = newAlb("logged");
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(
        a -> a.key("access_logs.s3.enabled").value("true"), a -> a.key("access_logs.s3.bucket").value("logs")));
    var at = listener(lb, forward(targetGroup("logged", b1)), null);
    awaitRouting();
    get(at, "log.test", "/logged?x=1", "User-Agent: curl/8.0");
    Path file = AlbAccessLog.fileOf(Path.of(System.getProperty("java.io.tmpdir"), "stratus-access-logs"), lb.loadBalancerArn());
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && !Files.readString(file).isEmpty());
    String line = Files.readAllLines(file).get(0);
    String id = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("loadbalancer/") + "loadbalancer/".length());
    assertThat(line).startsWith("http ").contains(" " + id + " ")
        .contains(" 200 200 ").contains("\"GET http://log.test:" + at.getPort() + "/logged?x=1 HTTP/1.1\" \"curl/8.0\" - - ")
        .contains("127.0.0.1:" + b1.port()).contains("\"forward\"").containsPattern("\"Root=1-[0-9a-f]{8}-[0-9a-f]{24}\"");
  }

  @Test
  @Order(12)
  void webSocketUpgrade_becomesATunnelToTheTarget() throws Exception {
    try (var ws = new java.net.ServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
      Thread.ofVirtual().start(() -> {
        while (!ws.isClosed()) {
          try {
            var s = ws.accept();
            Thread.ofVirtual().start(() -> echoWebSocket(s));
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      String tg = elb.createTargetGroup(r -> r.name("ws").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
          .targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)).targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(ws.getLocalPort())));
      var at = listener(alb, forward(tg), null);
      try (var client = new java.net.Socket()) {
        client.connect(at, 5_000);
        client.setSoTimeout(10_000);
        var out = client.getOutputStream();
        out.write(("GET /chat HTTP/1.1\r\nHost: ws.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes());
        out.flush();
        var in = client.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        out.write("ping-through-alb".getBytes());
        out.flush();
        byte[] echoed = in.readNBytes("ping-through-alb".length());
        assertThat(new String(echoed)).isEqualTo("ping-through-alb");
      }
    }
  }

  /** A WebSocket "server": reads the upgrade request, answers 101, then echoes raw bytes. */
  private static void echoWebSocket(java.net.Socket s) {
    try (s) {
      var in = s.getInputStream();
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) return;
        head.append((char) b);
      }
      if (!head.toString().toLowerCase(java.util.Locale.ROOT).contains("upgrade: websocket")) {
        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes()); // health checks
        return;
      }
      var out = s.getOutputStream();
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes());
      out.flush();
      byte[] buf = new byte[1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (java.io.IOException e) {
      // the client went away
    }
  }

  @Test
  @Order(20)
  void deleteLoadBalancer_closesItsListeners_andRestartReopensTheRest() throws Exception {
    var gone = newAlb("gone");
    var arn = new AtomicReference<String>();
    var at = listener(gone, fixed(200, "here"), arn);
    assertThat(get(at, "x.test", "/").body()).isEqualTo("here");
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(gone.loadBalancerArn()));
    awaitRouting();
    assertThat(module.dataPlane().listeners()).doesNotContainKey(arn.get());
    assertThatThrownBy(() -> get(at, "x.test", "/")).isInstanceOf(ConnectException.class);
    var api = new InetSocketAddress("127.0.0.1", server.port());
    assertThat(get(api, gone.dnsName(), "/").body()).doesNotContain("here");

    // Restart: a new module over the same store opens the surviving listeners again.
    var keep = new AtomicReference<String>();
    var kept = listener(alb, fixed(200, "kept"), keep);
    module.dataPlane().close();
    assertThatThrownBy(() -> get(kept, "x.test", "/")).isInstanceOf(ConnectException.class);
    var ext = new Extensions();
    ext.provide(ListenerRegistry.class, new ListenerRegistry());
    var restarted = new Elbv2Module(d -> Duration.ofMillis(100)).start(new StratusContext(server.context().store(), CLOCK,
        server.context().settings(), ext));
    try {
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .untilAsserted(() -> assertThat(get(kept, "x.test", "/").body()).isEqualTo("kept"));
      assertThat(ListenerRegistry.class.cast(ext.find(ListenerRegistry.class).orElseThrow()).listeners())
          .anySatisfy(l -> assertThat(l.actual()).isEqualTo(kept));
    } finally {
      for (var r : List.copyOf(restarted.resources()).reversed()) r.close();
    }
  }
}
