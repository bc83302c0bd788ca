package dev.stratus.globalaccelerator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.globalaccelerator.GlobalAcceleratorModule;
import dev.stratus.globalaccelerator.dataplane.GaDataPlaneIT.Backend;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.PortOverride;

/**
 * The configured default client location ({@code defaultClientLocation}): with it at
 * ap-southeast-2, a client nothing places (127.0.0.1) is routed to the Sydney endpoint group, not
 * to us-east-1 as without it (GaDataPlaneIT).
 */
class GaDefaultClientLocationIT {
  static final String EAST = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/east/00000000000000d1";
  static final String SYDNEY = "arn:aws:elasticloadbalancing:ap-southeast-2:000000000000:loadbalancer/net/syd/00000000000000d2";

  @Test
  void anUnplacedClient_goesToTheGroupNearestTheDefaultLocation() throws Exception {
    try (Backend east = Backend.start("east", "127.0.79.1"); Backend sydney = Backend.start("sydney", "127.0.79.2")) {
      Map<String, LoadBalancerView> views = Map.of(
          EAST, new LoadBalancerView(EAST, "application", "internet-facing", List.of("127.0.79.1"), true),
          SYDNEY, new LoadBalancerView(SYDNEY, "network", "internet-facing", List.of("127.0.79.2"), true));
      ServiceModule balancers = new ServiceModule() {
        @Override public String name() { return "elb-views"; }
        @Override public Set<Class<?>> provides() { return Set.of(LoadBalancers.class); }
        @Override public Started start(StratusContext context) {
          context.extensions().provide(LoadBalancers.class, arn -> Optional.ofNullable(views.get(arn)));
          return Started.handlers();
        }
      };
      var module = new GlobalAcceleratorModule();
      Settings settings = Settings.ephemeral(0, 0).withDefaultClientLocation("ap-southeast-2");
      try (ApiTestServer server = ApiTestServer.start(Clock.systemUTC(), settings, balancers, module)) {
        var ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
        int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
        var a = ga.createAccelerator(r -> r.name("web").idempotencyToken(UUID.randomUUID().toString())).accelerator();
        String l = ga.createListener(r -> r.acceleratorArn(a.acceleratorArn()).protocol("TCP")
            .portRanges(p -> p.fromPort(port).toPort(port)).idempotencyToken(UUID.randomUUID().toString()))
            .listener().listenerArn();
        ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
            .portOverrides(PortOverride.builder().listenerPort(port).endpointPort(east.tcpPort()).build())
            .endpointConfigurations(c -> c.endpointId(EAST)).idempotencyToken(UUID.randomUUID().toString()));
        ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("ap-southeast-2")
            .portOverrides(PortOverride.builder().listenerPort(port).endpointPort(sydney.tcpPort()).build())
            .endpointConfigurations(c -> c.endpointId(SYDNEY)).idempotencyToken(UUID.randomUUID().toString()));
        module.dataPlane().awaitCurrent();
        InetSocketAddress at = module.dataPlane()
            .listening(a.ipSets().getFirst().ipAddresses().getFirst(), port, "TCP").orElseThrow();
        try (Socket s = new Socket()) {
          s.bind(new InetSocketAddress("127.0.0.1", 0));
          s.connect(at, 2000);
          s.setSoTimeout(5000);
          assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("sydney ");
        }
      }
    }
  }
}
