package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ALB {@code lambda} target groups through real HTTP: RegisterTargets refused until the
 * function's policy allows ELB, then the ALB's event reaches a Python function and its answer
 * becomes the response; errors and invalid answers are 502.
 */
@org.junit.jupiter.api.Timeout(value = 90, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class AlbLambdaTargetIT {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String FUNCTION = """
      import json

      def handler(event, context):
          path = event["path"]
          if path == "/boom":
              raise RuntimeError("boom")
          if path == "/bad":
              return {"no": "statusCode"}
          if path == "/binary":
              return {"statusCode": 201, "statusDescription": "201 Created", "isBase64Encoded": True,
                      "headers": {"content-type": "application/octet-stream"}, "body": "AAEC"}
          return {"statusCode": 200, "headers": {"content-type": "application/json", "x-from": "lambda"},
                  "body": json.dumps(event)}
      """;

  static ApiTestServer server;
  static Elbv2Module elbModule;
  static ElasticLoadBalancingV2Client elb;
  static LambdaClient lambda;

  @BeforeAll
  static void start() {
    elbModule = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), elbModule, new LambdaModule());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    lambda = server.client(LambdaClient.builder());
  }

  @AfterAll
  static void stop() { if (server != null) server.close(); }

  @Test
  void albInvokesTheFunction_onlyOnceItsPolicyAllowsElb() throws Exception {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    String fn = lambda.createFunction(r -> r.functionName("alb-fn").runtime("python3.12").handler("app.handler").role(ROLE)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("app.py", FUNCTION))))).functionArn();
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    String lbArn = elb.createLoadBalancer(r -> r.name("fn-alb").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
        .loadBalancers().get(0).loadBalancerArn();
    String tg = elb.createTargetGroup(r -> r.name("fn-tg").targetType(TargetTypeEnum.LAMBDA)).targetGroups().get(0).targetGroupArn();

    assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(fn))))
        .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("elasticloadbalancing principal does not have permission"
              + " to invoke " + fn + " from target group " + tg);
        });
    lambda.addPermission(r -> r.functionName("alb-fn").statementId("elb").action("lambda:InvokeFunction")
        .principal("elasticloadbalancing.amazonaws.com").sourceArn(tg));
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(fn)));

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String listenerArn = elb.createListener(r -> r.loadBalancerArn(lbArn).protocol(ProtocolEnum.HTTP).port(port)
        .defaultActions(d -> d.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).listeners().get(0).listenerArn();
    var node = new AtomicReference<InetSocketAddress>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = elbModule.dataPlane().listeners().get(listenerArn);
      if (nodes == null || nodes.isEmpty()) return false;
      node.set(nodes.values().iterator().next());
      return true;
    });
    elbModule.dataPlane().awaitCurrent();

    String ok = send(node.get(), "GET /hello?a=1&a=2&b=x%20y HTTP/1.1\r\nHost: app.example\r\nX-Multi: one\r\nX-Multi: two\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(ok).startsWith("HTTP/1.1 200 OK");
    assertThat(ok).containsIgnoringCase("x-from: lambda").containsIgnoringCase("server: awselb/2.0");
    JsonNode event = JSON.readTree(ok.substring(ok.indexOf("\r\n\r\n") + 4));
    assertThat(event.get("httpMethod").asString()).isEqualTo("GET");
    assertThat(event.get("path").asString()).isEqualTo("/hello");
    assertThat(event.get("requestContext").get("elb").get("targetGroupArn").asString()).isEqualTo(tg);
    assertThat(event.get("queryStringParameters").get("a").asString()).isEqualTo("2"); // the last value wins
    assertThat(event.get("queryStringParameters").get("b").asString()).isEqualTo("x%20y"); // not decoded
    assertThat(event.get("headers").get("x-multi").asString()).isEqualTo("two");
    assertThat(event.get("headers").get("host").asString()).isEqualTo("app.example");
    assertThat(event.get("headers").get("x-forwarded-proto").asString()).isEqualTo("http");
    assertThat(event.get("headers").get("x-forwarded-port").asString()).isEqualTo(Integer.toString(port));
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

    String binary = send(node.get(), "GET /binary HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n");
    assertThat(binary).startsWith("HTTP/1.1 201 Created").containsIgnoringCase("content-length: 3");
    assertThat(send(node.get(), "GET /boom HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 502");
    assertThat(send(node.get(), "GET /bad HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 502");

    elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg).attributes(t -> t.key("lambda.multi_value_headers.enabled").value("true")));
    elbModule.dataPlane().awaitCurrent();
    String multi = send(node.get(), "POST /m?a=1&a=2 HTTP/1.1\r\nHost: a\r\nX-Multi: one\r\nX-Multi: two\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    JsonNode multiEvent = JSON.readTree(multi.substring(multi.indexOf("\r\n\r\n") + 4));
    assertThat(multiEvent.get("multiValueQueryStringParameters").get("a").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(multiEvent.get("multiValueHeaders").get("x-multi").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(multiEvent.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(multiEvent.get("body").asString()).isEqualTo("YWJj");

    // The permission removed: the ALB's invocation is refused (502).
    lambda.removePermission(r -> r.functionName("alb-fn").statementId("elb"));
    assertThat(send(node.get(), "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 502");
  }

  static String send(InetSocketAddress to, String raw) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(to, 5_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
