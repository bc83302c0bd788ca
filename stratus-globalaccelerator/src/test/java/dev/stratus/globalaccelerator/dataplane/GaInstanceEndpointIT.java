package dev.stratus.globalaccelerator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.globalaccelerator.GlobalAcceleratorModule;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/**
 * An EC2 instance endpoint (globalaccelerator.md §10): reached at its {@code stratus:host}
 * address, health-checked by Global Accelerator itself (TCP on the endpoint port), HEALTHY once a
 * check succeeds.
 */
class GaInstanceEndpointIT {
  static ApiTestServer server;
  static GlobalAcceleratorModule module = new GlobalAcceleratorModule();
  static ServerSocket backend;

  @BeforeAll
  static void start() throws IOException {
    backend = new ServerSocket();
    backend.bind(new InetSocketAddress("127.0.79.1", 0));
    Thread.ofVirtual().start(() -> {
      while (!backend.isClosed()) {
        try (Socket s = backend.accept()) {
          s.getOutputStream().write("instance".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // closed
        }
      }
    });
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), module);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    backend.close();
  }

  @Test
  void instanceEndpoint_isCheckedByGa_andCarriesFlows() throws IOException {
    var ec2 = server.client(Ec2Client.builder().region(Region.US_EAST_1));
    var ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
    String instance = ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)
        .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("stratus:host").value("127.0.79.1"))))
        .instances().get(0).instanceId();
    int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
    var a = ga.createAccelerator(r -> r.name("vm").idempotencyToken(UUID.randomUUID().toString())).accelerator();
    String l = ga.createListener(r -> r.acceleratorArn(a.acceleratorArn()).protocol("TCP")
        .portRanges(p -> p.fromPort(port).toPort(port)).idempotencyToken(UUID.randomUUID().toString())).listener().listenerArn();
    String g = ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1").healthCheckIntervalSeconds(10)
        .thresholdCount(1).portOverrides(o -> o.listenerPort(port).endpointPort(backend.getLocalPort()))
        .endpointConfigurations(c -> c.endpointId(instance)).idempotencyToken(UUID.randomUUID().toString()))
        .endpointGroup().endpointGroupArn();
    module.dataPlane().awaitCurrent();
    await().atMost(Duration.ofSeconds(30)).until(() -> ga.describeEndpointGroup(r -> r.endpointGroupArn(g)).endpointGroup()
        .endpointDescriptions().get(0).healthStateAsString().equals("HEALTHY"));
    var at = module.dataPlane().listening(a.ipSets().getFirst().ipAddresses().getFirst(), port, "TCP").orElseThrow();
    try (Socket s = new Socket()) {
      s.connect(at, 2000);
      s.setSoTimeout(5000);
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("instance");
    }
  }
}
