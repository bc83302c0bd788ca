package dev.stratus.wafv2.dataplane;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.wafv2.Wafv2Module;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * An in-process Stratus (EC2, ELB, WAF) with one internal ALB forwarding to a local backend, and
 * a raw HTTP/1.1 client that sends from a chosen loopback source address to the ALB's node.
 */
final class AlbWithWaf implements AutoCloseable {
  record Reply(int status, Map<String, String> headers, String body) {}

  final ApiTestServer server;
  final Elbv2Module elbModule = new Elbv2Module(d -> Duration.ofMillis(200));
  final Wafv2Module wafModule = new Wafv2Module();
  final ElasticLoadBalancingV2Client elb;
  final Wafv2Client waf;
  final HttpServer backend;
  final AtomicInteger hits = new AtomicInteger();
  final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();
  final AtomicReference<String> lastBody = new AtomicReference<>();
  final String subnetA, subnetB, albArn, albDns;
  final InetSocketAddress node;

  AlbWithWaf(String albName) throws Exception {
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    backend.setExecutor(Executors.newCachedThreadPool());
    backend.createContext("/", ex -> {
      if (!ex.getRequestURI().getPath().equals("/health")) {
        hits.incrementAndGet();
        Map<String, List<String>> h = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        lastHeaders.set(h);
        lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      byte[] body = "backend\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    backend.start();

    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), elbModule, wafModule);
    var ec2 = server.client(Ec2Client.builder());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    waf = server.client(Wafv2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    var lb = elb.createLoadBalancer(r -> r.name(albName).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA, subnetB))
        .loadBalancers().get(0);
    albArn = lb.loadBalancerArn();
    albDns = lb.dnsName();
    String tg = elb.createTargetGroup(r -> r.name(albName + "-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
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
    await().atMost(Duration.ofSeconds(10)).until(() -> get("127.0.0.1", "/").status() == 200);
  }

  /** Waits until the WAF data plane applied every commit so far (and wrote pending log lines). */
  void awaitWaf() { wafModule.dataPlane().awaitCurrent(); }

  Reply get(String from, String path) throws IOException { return send(from, "GET", path, Map.of(), null); }

  /** A GET through the AWS API port by the balancer's DNS name in Host (ARCHITECTURE "Addresses"). */
  Reply viaApiPort(String from, String path) throws IOException {
    return send(new InetSocketAddress("127.0.0.1", server.port()), albDns, from, "GET", path, Map.of(), null);
  }

  /** One HTTP/1.1 request from loopback address {@code from}; a User-Agent unless headers name one. */
  Reply send(String from, String method, String path, Map<String, String> headers, String body) throws IOException {
    return send(node, "waf-web.example", from, method, path, headers, body);
  }

  private Reply send(InetSocketAddress to, String host, String from, String method, String path, Map<String, String> headers,
      String body) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(to, 5_000);
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      Map<String, String> all = new LinkedHashMap<>(Map.of("User-Agent", "waf-test", "Authorization", "secret"));
      all.putAll(headers);
      all.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) req.append("Content-Length: ").append(payload.length).append("\r\n");
      req.append("\r\n");
      var out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      s.getInputStream().transferTo(got);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> replyHeaders = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        replyHeaders.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), replyHeaders, text.substring(end + 4));
    }
  }

  @Override
  public void close() {
    server.close();
    backend.stop(0);
  }
}
