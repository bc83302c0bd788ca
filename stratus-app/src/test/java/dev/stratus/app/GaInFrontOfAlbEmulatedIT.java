package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.ClientLocation;
import dev.stratus.core.Settings;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.PortOverride;

/**
 * {@code --emulate-network} through a whole Stratus: a Sydney client (clientLocations) reaches an
 * ALB in us-east-1 directly in the public internet's modelled round trip, and through an
 * accelerator in front of that ALB in the edge + backbone round trip only (the ALB does not hold
 * the accelerator's connection again for the client's internet distance), plus on a new
 * connection the edge's wait for its own connection to the ALB; a CloudFront hit at Sydney's edge
 * in the edge's round trip. New connections on the three paths stand in the model's proportions
 * (issue 12: within 10 %), handshakes included where Stratus may hold SYNs.
 */
class GaInFrontOfAlbEmulatedIT {
  @Test
  void sydneyThroughGa_paysTheEdgeAndBackbone_notAlsoTheInternet() throws Exception {
    HttpServer backend = OkBackend.start();
    Settings settings = Settings.ephemeral(0, 0).withEmulateNetwork(true)
        .withClientLocations(List.of(ClientLocation.ofCity("127.61.0.0/16", "Sydney")));
    try (var server = StratusServer.start(settings, Clock.systemUTC())) {
      URI api = URI.create("http://127.0.0.1:" + server.apiPort());
      var ec2 = SdkClients.of(Ec2Client.builder(), api, Region.US_EAST_1);
      var elb = SdkClients.of(ElasticLoadBalancingV2Client.builder(), api, Region.US_EAST_1);
      var ga = SdkClients.of(GlobalAcceleratorClient.builder(), api, Region.US_WEST_2);
      String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
      var subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
          .limit(2).map(s -> s.subnetId()).toList();
      String alb = elb.createLoadBalancer(r -> r.name("far-alb").subnets(subnets)).loadBalancers().get(0).loadBalancerArn();
      String tg = elb.createTargetGroup(r -> r.name("far-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
          .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1")
          .port(backend.getAddress().getPort()).build()));
      int port = freePort();
      elb.createListener(r -> r.loadBalancerArn(alb).protocol(ProtocolEnum.HTTP).port(port)
          .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
      var node = new AtomicReference<InetSocketAddress>();
      await().atMost(Duration.ofSeconds(20)).until(() -> server.endpoints().stream()
          .filter(e -> e.port() == port && e.description().contains("far-alb")).findFirst()
          .map(e -> { node.set(new InetSocketAddress(e.address(), e.port())); return true; }).orElse(false));
      await().atMost(Duration.ofSeconds(20)).until(() -> get("127.0.0.1", node.get()).startsWith("HTTP/1.1 200"));

      int gaPort = freePort();
      var accelerator = ga.createAccelerator(r -> r.name("far-ga").idempotencyToken(UUID.randomUUID().toString())).accelerator();
      String listener = ga.createListener(r -> r.acceleratorArn(accelerator.acceleratorArn()).protocol("TCP")
          .portRanges(p -> p.fromPort(gaPort).toPort(gaPort)).idempotencyToken(UUID.randomUUID().toString()))
          .listener().listenerArn();
      ga.createEndpointGroup(r -> r.listenerArn(listener).endpointGroupRegion("us-east-1")
          .portOverrides(PortOverride.builder().listenerPort(gaPort).endpointPort(port).build())
          .endpointConfigurations(e -> e.endpointId(alb)).idempotencyToken(UUID.randomUUID().toString()));
      var entry = new AtomicReference<InetSocketAddress>();
      String gaAddress = accelerator.ipSets().getFirst().ipAddresses().getFirst();
      await().atMost(Duration.ofSeconds(20)).until(() -> server.endpoints().stream()
          .filter(e -> e.description().startsWith("Global Accelerator TCP:" + gaPort) && e.address().equals(gaAddress))
          .findFirst().map(e -> { entry.set(new InetSocketAddress(e.address(), e.port())); return true; }).orElse(false));
      await().atMost(Duration.ofSeconds(20)).until(() -> get("127.0.0.1", entry.get()).startsWith("HTTP/1.1 200"));

      var cf = SdkClients.of(software.amazon.awssdk.services.cloudfront.CloudFrontClient.builder(), api, Region.AWS_GLOBAL);
      String distribution = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("sydney").comment("")
          .enabled(true).origins(o -> o.quantity(1).items(i -> i.id("o").domainName("localhost")
              .customOriginConfig(x -> x.httpPort(backend.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only"))))
          .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("allow-all")
              .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution().domainName();
      var edgeListener = new AtomicReference<InetSocketAddress>();
      await().atMost(Duration.ofSeconds(20)).until(() -> server.endpoints().stream()
          .filter(e -> e.description().startsWith("CloudFront edge") && e.protocol().equals("http")).findFirst()
          .map(e -> { edgeListener.set(new InetSocketAddress(e.address(), e.port())); return true; }).orElse(false));
      await().atMost(Duration.ofSeconds(20)).until(() -> get("127.0.0.1", edgeListener.get(), distribution).startsWith("HTTP/1.1 200"));

      var model = LatencyModel.standard();
      var sydney = model.tables().city("Sydney").orElseThrow().point();
      var virginia = model.tables().region("us-east-1").orElseThrow().point();
      double internet = model.roundTripMillis(sydney, virginia, NetworkPath.PUBLIC_INTERNET);
      double viaEdge = model.viaEdgeMillis(sydney, model.nearestEdge(sydney).orElseThrow().point(), virginia);

      double edge = model.roundTripMillis(sydney, model.nearestEdge(sydney).orElseThrow().point(), NetworkPath.PUBLIC_INTERNET);
      // A new connection's first bytes wait at the edge for its own connection to the ALB (stratus plan's formula).
      double edgeWait = Math.max(0, model.roundTripMillis(model.nearestEdge(sydney).orElseThrow().point(), virginia,
          NetworkPath.AWS_BACKBONE) - edge);

      // The best of three after a warm-up: the emulated delay is a floor, a loaded machine only adds to it.
      // The request and answer are timed after connect(); connect() itself (the SYN held) apart.
      dev.stratus.net.emulation.handshake.HandshakeHold.settle(); // the listeners' SYN rules in place
      double direct = Double.MAX_VALUE;
      double throughGa = Double.MAX_VALUE;
      double directConnect = Double.MAX_VALUE;
      double gaConnect = Double.MAX_VALUE;
      double directAgain = Double.MAX_VALUE;
      double throughGaAgain = Double.MAX_VALUE;
      double directNew = Double.MAX_VALUE; // connect() and the first answer, as curl's time_starttransfer
      double gaNew = Double.MAX_VALUE;
      double hitNew = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        double[] d = timed("127.61.0.2", node.get(), "far.example");
        double[] g = timed("127.61.0.3", entry.get(), "far.example");
        if (i == 0) continue;
        directNew = Math.min(directNew, d[0] + d[1]);
        gaNew = Math.min(gaNew, g[0] + g[1]);
        directConnect = Math.min(directConnect, d[0]);
        direct = Math.min(direct, d[1]);
        directAgain = Math.min(directAgain, d[2]);
        gaConnect = Math.min(gaConnect, g[0]);
        throughGa = Math.min(throughGa, g[1]);
        throughGaAgain = Math.min(throughGaAgain, g[2]);
      }
      // A hit costs the edge round trip alone, ~30 ms, so the edge's own serving time counts for more:
      // warmed longer (the first is Sydney's edge's miss). CI measured 15.0 against 16.4 after 10.
      for (int i = 0; i < 50; i++) {
        double[] h = timed("127.61.0.4", edgeListener.get(), distribution);
        if (i >= 40) hitNew = Math.min(hitNew, h[0] + h[1]);
      }
      System.out.printf(java.util.Locale.ROOT, "Sydney -> us-east-1 ALB: direct %.1f ms then %.1f (model %.1f), via GA %.1f ms"
          + " (model %.1f + edge wait %.1f) then %.1f (model %.1f); connect direct %.1f ms (model %.1f), via GA %.1f ms (edge model %.1f)%n",
          direct, directAgain, internet, throughGa, viaEdge, edgeWait, throughGaAgain, viaEdge, directConnect, internet, gaConnect, edge);
      assertThat(direct).isBetween(internet * 0.95, internet * 1.10 + 30);
      assertThat(directAgain).isBetween(internet * 0.95, internet * 1.10 + 30);
      // Not viaEdge + internet (~450 ms): the ALB does not hold GA's connection again. The first
      // request waits at the edge for the edge's connection to the ALB; the second does not.
      assertThat(edgeWait).isGreaterThan(100);
      assertThat(throughGa).isBetween((viaEdge + edgeWait) * 0.95, (viaEdge + edgeWait) * 1.10 + 30);
      assertThat(throughGaAgain).isBetween(viaEdge * 0.95, viaEdge * 1.10 + 30);
      if (dev.stratus.net.emulation.handshake.HandshakeHold.unavailable().isEmpty()) {
        // The handshake ends at the Region directly, at the nearest edge through GA (GA's own SYN to the ALB is not held).
        assertThat(directConnect).isBetween(internet * 0.95, internet * 1.10 + 15);
        // A verdict leaves early by the lateness measured so far, at most TimerLateness.MAX_NANOS.
        assertThat(gaConnect).isBetween(edge - dev.stratus.net.emulation.TimerLateness.MAX_NANOS / 1e6 - 0.5, edge * 1.10 + 15);
        // What the seeds argue in: a new connection directly, through GA, and a CloudFront hit at the edge.
        double modelDirect = 2 * internet;
        double modelGa = edge + viaEdge + edgeWait;
        double modelHit = 2 * edge;
        System.out.printf(java.util.Locale.ROOT, "new connection + first answer: direct %.1f ms (model %.1f), via GA %.1f (%.1f),"
            + " CloudFront hit %.1f (%.1f)%n", directNew, modelDirect, gaNew, modelGa, hitNew, modelHit);
        assertThat(directNew / gaNew).as("direct ÷ GA").isCloseTo(modelDirect / modelGa, withinPercentage(10));
        assertThat(directNew / hitNew).as("direct ÷ CloudFront hit").isCloseTo(modelDirect / modelHit, withinPercentage(10));
      } else {
        assertThat(directConnect).isLessThan(internet / 4); // the kernel's handshake, not held here
      }
    } finally {
      backend.stop(0);
    }
  }

  private static int freePort() throws IOException {
    try (var free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  /**
   * Milliseconds for connect(), then for a first request and its whole answer, then for a second
   * request on the same connection.
   */
  private static double[] timed(String from, InetSocketAddress to, String host) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      long start = System.nanoTime();
      s.connect(to, 5_000);
      long connected = System.nanoTime();
      s.setSoTimeout(10_000);
      byte[] request = ("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      s.getOutputStream().write(request);
      String first = response(s.getInputStream());
      long answered = System.nanoTime();
      s.getOutputStream().write(request);
      String second = response(s.getInputStream());
      long done = System.nanoTime();
      assertThat(first).startsWith("HTTP/1.1 200").endsWith("ok\n");
      assertThat(second).startsWith("HTTP/1.1 200").endsWith("ok\n");
      return new double[] {(connected - start) / 1e6, (answered - connected) / 1e6, (done - answered) / 1e6};
    }
  }

  /** One HTTP/1.1 response with a Content-Length, read to its end. */
  private static String response(java.io.InputStream in) throws IOException {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new java.io.EOFException("closed after " + head);
      head.append((char) b);
    }
    var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
    int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  private static String get(String from, InetSocketAddress to) throws IOException {
    return get(from, to, "far.example");
  }

  private static String get(String from, InetSocketAddress to, String host) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(to, 5_000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
