package dev.stratus.globalaccelerator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.ClientLocation;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.globalaccelerator.GlobalAcceleratorModule;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.Accelerator;
import software.amazon.awssdk.services.globalaccelerator.model.PortOverride;

/**
 * Global Accelerator's data plane through real sockets: an accelerator made through the SDK,
 * endpoint groups in us-east-1 and ap-southeast-2 whose balancers are stood in for by local
 * servers (ELB's {@link LoadBalancers} view is what GA reads of them), and clients placed by
 * their source address: 127.61.0.0/16 is Sydney, anything else stands in Ashburn.
 */
class GaDataPlaneIT {
  static final String EAST_ALB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/east/0123456789abcdef";
  static final String SYDNEY_NLB = "arn:aws:elasticloadbalancing:ap-southeast-2:000000000000:loadbalancer/net/syd/0123456789abcdef";
  static final Map<String, LoadBalancerView> views = new ConcurrentHashMap<>();
  static ApiTestServer server;
  static GlobalAcceleratorClient ga;
  static GlobalAcceleratorModule module = new GlobalAcceleratorModule();
  static Backend east;
  static Backend sydney;

  /** The ELB side GA reads: a view per balancer (tests flip health). */
  static final class BalancerViews implements ServiceModule {
    @Override public String name() { return "elb-views"; }
    @Override public Set<Class<?>> provides() { return Set.of(LoadBalancers.class); }
    @Override public Started start(StratusContext context) {
      context.extensions().provide(LoadBalancers.class, arn -> Optional.ofNullable(views.get(arn)));
      return Started.handlers();
    }
  }

  @BeforeAll
  static void start() throws IOException {
    east = Backend.start("east", "127.0.77.1");
    sydney = Backend.start("sydney", "127.0.77.2");
    views.put(EAST_ALB, new LoadBalancerView(EAST_ALB, "application", "internet-facing", List.of("127.0.77.1"), true));
    views.put(SYDNEY_NLB, new LoadBalancerView(SYDNEY_NLB, "network", "internet-facing", List.of("127.0.77.2"), true));
    Settings settings = Settings.ephemeral(0, 0).withClientLocations(List.of(ClientLocation.ofCity("127.61.0.0/16", "Sydney")));
    server = ApiTestServer.start(Clock.systemUTC(), settings, new BalancerViews(), module);
    ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    east.close();
    sydney.close();
  }

  @AfterEach
  void healthy() {
    views.put(EAST_ALB, new LoadBalancerView(EAST_ALB, "application", "internet-facing", List.of("127.0.77.1"), true));
    views.put(SYDNEY_NLB, new LoadBalancerView(SYDNEY_NLB, "network", "internet-facing", List.of("127.0.77.2"), true));
  }

  /** An accelerator with a TCP+UDP listener pair on {@code port} and a group per Region. */
  record Built(Accelerator accelerator, int port, String eastGroup, String sydneyGroup) {}

  static Built build(String affinity) {
    int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
    var a = ga.createAccelerator(r -> r.name("web").idempotencyToken(UUID.randomUUID().toString())).accelerator();
    String groups[] = new String[2];
    for (String protocol : List.of("TCP", "UDP")) {
      String l = ga.createListener(r -> r.acceleratorArn(a.acceleratorArn()).protocol(protocol).clientAffinity(affinity)
          .portRanges(p -> p.fromPort(port).toPort(port)).idempotencyToken(UUID.randomUUID().toString()))
          .listener().listenerArn();
      String e = ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
          .portOverrides(override(port, protocol.equals("TCP") ? east.tcpPort() : east.udpPort()))
          .endpointConfigurations(c -> c.endpointId(EAST_ALB)).idempotencyToken(UUID.randomUUID().toString()))
          .endpointGroup().endpointGroupArn();
      String s = ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("ap-southeast-2")
          .portOverrides(override(port, protocol.equals("TCP") ? sydney.tcpPort() : sydney.udpPort()))
          .endpointConfigurations(c -> c.endpointId(SYDNEY_NLB)).idempotencyToken(UUID.randomUUID().toString()))
          .endpointGroup().endpointGroupArn();
      if (protocol.equals("TCP")) {
        groups[0] = e;
        groups[1] = s;
      }
    }
    module.dataPlane().awaitCurrent();
    return new Built(a, port, groups[0], groups[1]);
  }

  static PortOverride override(int listenerPort, int endpointPort) {
    return PortOverride.builder().listenerPort(listenerPort).endpointPort(endpointPort).build();
  }

  /** What the backend answered a TCP connection from {@code clientAddress} to the accelerator. */
  static String tcp(Built b, String clientAddress) throws IOException {
    String address = b.accelerator().ipSets().getFirst().ipAddresses().getFirst();
    InetSocketAddress at = module.dataPlane().listening(address, b.port(), "TCP").orElseThrow();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(clientAddress, 0));
      s.connect(at, 2000);
      s.setSoTimeout(5000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void tcpFlow_goesToTheNearestRegion_byWhereTheClientIs() throws IOException {
    Built b = build("NONE");
    assertThat(tcp(b, "127.61.0.1")).startsWith("sydney ");
    assertThat(tcp(b, "127.0.0.1")).startsWith("east ");
  }

  @Test
  void clientIpPreservation_albEndpointSeesTheClient_nlbEndpointSeesTheAccelerator() throws IOException {
    Built b = build("NONE");
    assertThat(tcp(b, "127.0.0.9")).isEqualTo("east /127.0.0.9");
    String accelerator = b.accelerator().ipSets().getFirst().ipAddresses().getFirst();
    assertThat(tcp(b, "127.61.0.9")).isEqualTo("sydney /" + accelerator);
  }

  @Test
  void trafficDialZero_drainsTheNearestRegion() throws IOException {
    Built b = build("NONE");
    ga.updateEndpointGroup(r -> r.endpointGroupArn(b.sydneyGroup()).trafficDialPercentage(0f));
    module.dataPlane().awaitCurrent();
    assertThat(tcp(b, "127.61.0.1")).startsWith("east ");
  }

  @Test
  void blueGreen_dial90_sendsAboutTenPercentOfNewFlowsAway() throws IOException {
    Built b = build("NONE");
    ga.updateEndpointGroup(r -> r.endpointGroupArn(b.eastGroup()).trafficDialPercentage(90f));
    module.dataPlane().awaitCurrent();
    int toSydney = 0;
    for (int i = 0; i < 200; i++) if (tcp(b, "127.0.0." + (2 + i % 200)).startsWith("sydney ")) toSydney++;
    assertThat(toSydney).isBetween(6, 40); // 10 % of 200 flows, by the 5-tuple hash
  }

  @Test
  void unhealthyNearestRegion_failsOver_andRecovers() throws IOException {
    Built b = build("NONE");
    views.put(SYDNEY_NLB, new LoadBalancerView(SYDNEY_NLB, "network", "internet-facing", List.of("127.0.77.2"), false));
    assertThat(tcp(b, "127.61.0.1")).startsWith("east ");
    assertThat(ga.describeEndpointGroup(r -> r.endpointGroupArn(b.sydneyGroup())).endpointGroup().endpointDescriptions()
        .getFirst().healthStateAsString()).isEqualTo("UNHEALTHY");
    healthy();
    assertThat(tcp(b, "127.61.0.1")).startsWith("sydney ");
  }

  @Test
  void everythingUnhealthy_failsOpenToTheNearestRegion() throws IOException {
    Built b = build("NONE");
    views.put(SYDNEY_NLB, new LoadBalancerView(SYDNEY_NLB, "network", "internet-facing", List.of("127.0.77.2"), false));
    views.put(EAST_ALB, new LoadBalancerView(EAST_ALB, "application", "internet-facing", List.of("127.0.77.1"), false));
    assertThat(tcp(b, "127.61.0.1")).startsWith("sydney ");
  }

  @Test
  void udpFlow_isProxiedToo() throws IOException {
    Built b = build("NONE");
    String address = b.accelerator().ipSets().getFirst().ipAddresses().getFirst();
    InetSocketAddress at = module.dataPlane().listening(address, b.port(), "UDP").orElseThrow();
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.61.0.7", 0))) {
      s.setSoTimeout(5000);
      byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(ping, ping.length, at));
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      s.receive(reply);
      assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).startsWith("sydney ");
    }
  }

  @Test
  void disabledAccelerator_stopsListening_andItsNameResolvesToItsAddresses() throws IOException {
    Built b = build("NONE");
    var dns = DnsTargetRegistry.in(server.context().extensions());
    var target = dns.find(b.accelerator().dnsName()).orElseThrow();
    assertThat(target.addresses()).extracting(InetAddress::getHostAddress)
        .containsExactlyElementsOf(b.accelerator().ipSets().getFirst().ipAddresses());
    assertThat(dns.find(b.accelerator().dnsName().replace(".localhost", ".com"))).isPresent();
    ga.updateAccelerator(r -> r.acceleratorArn(b.accelerator().acceleratorArn()).enabled(false));
    module.dataPlane().awaitCurrent();
    String address = b.accelerator().ipSets().getFirst().ipAddresses().getFirst();
    assertThat(module.dataPlane().listening(address, b.port(), "TCP")).isEmpty();
  }

  @Test
  void sourceIpAffinity_keepsAClientOnOneRegion_evenWithADial() throws IOException {
    Built b = build("SOURCE_IP");
    ga.updateEndpointGroup(r -> r.endpointGroupArn(b.eastGroup()).trafficDialPercentage(50f));
    module.dataPlane().awaitCurrent();
    String first = tcp(b, "127.0.0.50").split(" ")[0];
    for (int i = 0; i < 10; i++) assertThat(tcp(b, "127.0.0.50")).startsWith(first + " ");
  }

  /** A stand-in endpoint: TCP answers "name /client-address" and closes; UDP echoes the same. */
  record Backend(String name, ServerSocket tcp, DatagramSocket udp) implements AutoCloseable {
    static Backend start(String name, String address) throws IOException {
      ServerSocket tcp = new ServerSocket();
      tcp.bind(new InetSocketAddress(address, 0));
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
      Thread.ofVirtual().start(() -> {
        while (!tcp.isClosed()) {
          try (Socket s = tcp.accept()) {
            s.getOutputStream().write((name + " " + s.getInetAddress()).getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            // closed
          }
        }
      });
      Thread.ofVirtual().start(() -> {
        byte[] buf = new byte[512];
        while (!udp.isClosed()) {
          try {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            byte[] out = (name + " " + p.getAddress()).getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
          } catch (IOException e) {
            // closed
          }
        }
      });
      return new Backend(name, tcp, udp);
    }

    int tcpPort() { return tcp.getLocalPort(); }

    int udpPort() { return udp.getLocalPort(); }

    @Override
    public void close() throws IOException {
      tcp.close();
      udp.close();
    }
  }
}
