package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/**
 * GET /_stratus/metrics on the API port of a whole Stratus: AWS WAF's counts (AllowedRequests,
 * BlockedRequests, CountedRequests per web ACL and rule) after real requests through an ALB.
 */
class WafMetricsIT {
  @Test
  void wafCountsPerWebAclAndRule_inPrometheusText() throws Exception {
    HttpServer backend = OkBackend.start();
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      URI api = URI.create("http://127.0.0.1:" + server.apiPort());
      var ec2 = SdkClients.of(Ec2Client.builder(), api);
      var elb = SdkClients.of(ElasticLoadBalancingV2Client.builder(), api);
      var waf = SdkClients.of(Wafv2Client.builder(), api);
      assertThat(metrics(api).body()).doesNotContain("stratus_waf_requests_total{"); // nothing counted yet

      String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
      var subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
          .limit(2).map(s -> s.subnetId()).toList();
      String alb = elb.createLoadBalancer(r -> r.name("metrics-alb").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnets))
          .loadBalancers().get(0).loadBalancerArn();
      String tg = elb.createTargetGroup(r -> r.name("metrics-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
          .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1")
          .port(backend.getAddress().getPort()).build()));
      int port;
      try (var free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      elb.createListener(r -> r.loadBalancerArn(alb).protocol(ProtocolEnum.HTTP).port(port)
          .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
      var node = new AtomicReference<InetSocketAddress>();
      await().atMost(Duration.ofSeconds(20)).until(() -> server.endpoints().stream().filter(e -> e.port() == port).findFirst()
          .map(e -> { node.set(new InetSocketAddress(e.address(), port)); return true; }).orElse(false));
      await().atMost(Duration.ofSeconds(20)).until(() -> status(node.get(), "GET", "/") == 200);

      Rule blockAdmin = Rule.builder().name("block-admin").priority(0).action(RuleAction.builder().block(b -> { }).build())
          .statement(Statement.builder().byteMatchStatement(b -> b.searchString(SdkBytes.fromUtf8String("/admin"))
              .fieldToMatch(FieldToMatch.builder().uriPath(u -> { }).build()).positionalConstraint(PositionalConstraint.STARTS_WITH)
              .textTransformations(t -> t.priority(0).type(TextTransformationType.NONE))).build())
          .visibilityConfig(vis("block-admin")).build();
      Rule countPosts = Rule.builder().name("count-posts").priority(1).action(RuleAction.builder().count(c -> { }).build())
          .statement(Statement.builder().byteMatchStatement(b -> b.searchString(SdkBytes.fromUtf8String("POST"))
              .fieldToMatch(FieldToMatch.builder().method(m -> { }).build()).positionalConstraint(PositionalConstraint.EXACTLY)
              .textTransformations(t -> t.priority(0).type(TextTransformationType.NONE))).build())
          .visibilityConfig(vis("count-posts")).build();
      String acl = waf.createWebACL(r -> r.name("metrics-acl").scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
          .rules(blockAdmin, countPosts).visibilityConfig(vis("metrics-acl"))).summary().arn();
      waf.associateWebACL(r -> r.webACLArn(acl).resourceArn(alb));
      // the filter is in place once /admin is refused: that request is the first one WAF counts
      await().atMost(Duration.ofSeconds(20)).until(() -> status(node.get(), "GET", "/admin") == 403);
      assertThat(status(node.get(), "GET", "/admin/users")).isEqualTo(403);
      assertThat(status(node.get(), "GET", "/admin")).isEqualTo(403);
      assertThat(status(node.get(), "GET", "/")).isEqualTo(200);
      assertThat(status(node.get(), "POST", "/form")).isEqualTo(200);

      var response = metrics(api);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      String labels = "stratus_waf_requests_total{web_acl=\"metrics-acl\",web_acl_arn=\"" + acl + "\",";
      assertThat(response.body()).contains("# TYPE stratus_waf_requests_total counter\n")
          .contains(labels + "rule=\"ALL\",action=\"BLOCK\",metric_name=\"BlockedRequests\"} 3\n")
          .contains(labels + "rule=\"ALL\",action=\"ALLOW\",metric_name=\"AllowedRequests\"} 2\n")
          .contains(labels + "rule=\"block-admin\",action=\"BLOCK\",metric_name=\"BlockedRequests\"} 3\n")
          .contains(labels + "rule=\"Default_Action\",action=\"ALLOW\",metric_name=\"AllowedRequests\"} 2\n")
          .contains(labels + "rule=\"count-posts\",action=\"COUNT\",metric_name=\"CountedRequests\"} 1\n");
      assertThat(response.body().lines().filter(l -> !l.startsWith("#")))
          .allMatch(l -> l.matches("stratus_waf_requests_total\\{(\\w+=\"[^\"]*\",?)+\\} \\d+"));
    } finally {
      backend.stop(0);
    }
  }

  private static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().metricName(metric).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).build();
  }

  private static HttpResponse<String> metrics(URI api) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(api.resolve("/_stratus/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** One HTTP/1.1 request on its own connection; the status code. */
  private static int status(InetSocketAddress node, String method, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(node, 5_000);
      s.setSoTimeout(10_000);
      String body = method.equals("POST") ? "a=1" : "";
      s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: metrics.example\r\nUser-Agent: metrics-it\r\n"
          + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return reply.startsWith("HTTP/1.1 ") ? Integer.parseInt(reply.substring(9, 12)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
