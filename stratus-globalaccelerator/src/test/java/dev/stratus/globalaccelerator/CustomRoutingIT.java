package dev.stratus.globalaccelerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.AssociatedEndpointGroupFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointAlreadyExistsException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidArgumentException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidPortRangeException;
import software.amazon.awssdk.services.globalaccelerator.model.LimitExceededException;
import software.amazon.awssdk.services.globalaccelerator.model.PortMapping;

/**
 * Custom routing accelerators through the SDK (globalaccelerator.md §12): subnet endpoints from
 * EC2, the static port map, every destination denied until allowed.
 */
class CustomRoutingIT {
  static ApiTestServer server;
  static GlobalAcceleratorClient ga;
  static String subnet; // 10.9.1.0/28: 16 addresses, 11 mapped (first four and last reserved)

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new GlobalAcceleratorModule());
    ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
    Ec2Client ec2 = server.client(Ec2Client.builder().region(Region.US_EAST_1));
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.9.1.0/28")).subnet().subnetId();
  }

  @AfterAll
  static void stop() { server.close(); }

  record Built(String accelerator, String listener, String group) {}

  static Built build(int fromPort, int toPort) {
    String a = ga.createCustomRoutingAccelerator(r -> r.name("game").idempotencyToken(UUID.randomUUID().toString()))
        .accelerator().acceleratorArn();
    String l = ga.createCustomRoutingListener(r -> r.acceleratorArn(a).portRanges(p -> p.fromPort(fromPort).toPort(toPort))
        .idempotencyToken(UUID.randomUUID().toString())).listener().listenerArn();
    String g = ga.createCustomRoutingEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .destinationConfigurations(d -> d.fromPort(7000).toPort(7001).protocolsWithStrings("TCP", "UDP"))
        .idempotencyToken(UUID.randomUUID().toString())).endpointGroup().endpointGroupArn();
    return new Built(a, l, g);
  }

  @Test
  void portMap_givesEachAddressAndDestinationPortOneAcceleratorPort_deniedUntilAllowed() {
    Built b = build(10_000, 10_999);
    ga.addCustomRoutingEndpoints(r -> r.endpointGroupArn(b.group()).endpointConfigurations(e -> e.endpointId(subnet)));
    var first = ga.listCustomRoutingPortMappings(r -> r.acceleratorArn(b.accelerator()).maxResults(3));
    assertThat(first.portMappings()).extracting(PortMapping::acceleratorPort).containsExactly(10_000, 10_001, 10_002);
    assertThat(first.portMappings()).extracting(m -> m.destinationSocketAddress().ipAddress() + ":" + m.destinationSocketAddress().port())
        .containsExactly("10.9.1.4:7000", "10.9.1.4:7001", "10.9.1.5:7000");
    assertThat(first.portMappings()).allMatch(m -> m.destinationTrafficStateAsString().equals("DENY"));
    int total = first.portMappings().size();
    String token = first.nextToken();
    while (token != null) {
      String t = token;
      var page = ga.listCustomRoutingPortMappings(r -> r.acceleratorArn(b.accelerator()).maxResults(5).nextToken(t));
      total += page.portMappings().size();
      token = page.nextToken();
    }
    assertThat(total).isEqualTo(11 * 2);

    ga.allowCustomRoutingTraffic(r -> r.endpointGroupArn(b.group()).endpointId(subnet)
        .destinationAddresses("10.9.1.5").destinationPorts(7001));
    // Every accelerator mapping the address answers (other tests map the subnet too).
    var byDestination = ga.listCustomRoutingPortMappingsByDestination(r -> r.endpointId(subnet).destinationAddress("10.9.1.5"))
        .destinationPortMappings().stream().filter(m -> m.acceleratorArn().equals(b.accelerator())).toList();
    assertThat(byDestination).hasSize(2).allSatisfy(m -> assertThat(m.acceleratorSocketAddresses()).hasSize(2));
    assertThat(byDestination).extracting(m -> m.destinationSocketAddress().port() + "="
        + m.destinationTrafficStateAsString()).containsExactly("7000=DENY", "7001=ALLOW");

    ga.allowCustomRoutingTraffic(r -> r.endpointGroupArn(b.group()).endpointId(subnet).allowAllTrafficToEndpoint(true));
    ga.denyCustomRoutingTraffic(r -> r.endpointGroupArn(b.group()).endpointId(subnet).destinationAddresses("10.9.1.4"));
    var after = ga.listCustomRoutingPortMappings(r -> r.acceleratorArn(b.accelerator()).maxResults(4)).portMappings();
    assertThat(after).extracting(m -> m.destinationTrafficStateAsString()).containsExactly("DENY", "DENY", "ALLOW", "ALLOW");
  }

  @Test
  void tooFewListenerPorts_forTheDestinations_isRefused() {
    Built b = build(20_000, 20_009); // 10 ports for 22 destinations
    assertThatThrownBy(() -> ga.addCustomRoutingEndpoints(r -> r.endpointGroupArn(b.group())
        .endpointConfigurations(e -> e.endpointId(subnet)))).isInstanceOf(InvalidPortRangeException.class);
  }

  @Test
  void refusals() {
    Built b = build(30_000, 30_999);
    assertThatThrownBy(() -> ga.createCustomRoutingListener(r -> r.acceleratorArn(b.accelerator())
        .portRanges(p -> p.fromPort(31_000).toPort(31_999)).idempotencyToken(UUID.randomUUID().toString())))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ga.addCustomRoutingEndpoints(r -> r.endpointGroupArn(b.group())
        .endpointConfigurations(e -> e.endpointId("subnet-0000000000000dead")))).isInstanceOf(InvalidArgumentException.class);
    ga.addCustomRoutingEndpoints(r -> r.endpointGroupArn(b.group()).endpointConfigurations(e -> e.endpointId(subnet)));
    assertThatThrownBy(() -> ga.addCustomRoutingEndpoints(r -> r.endpointGroupArn(b.group())
        .endpointConfigurations(e -> e.endpointId(subnet)))).isInstanceOf(EndpointAlreadyExistsException.class);
    assertThatThrownBy(() -> ga.allowCustomRoutingTraffic(r -> r.endpointGroupArn(b.group()).endpointId(subnet)
        .destinationAddresses("10.9.2.1"))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.deleteCustomRoutingListener(r -> r.listenerArn(b.listener())))
        .isInstanceOf(AssociatedEndpointGroupFoundException.class);
    // The two kinds live apart: a custom routing accelerator is no standard accelerator.
    assertThatThrownBy(() -> ga.describeAccelerator(r -> r.acceleratorArn(b.accelerator())))
        .isInstanceOf(AcceleratorNotFoundException.class);
    ga.tagResource(r -> r.resourceArn(b.accelerator()).tags(t -> t.key("k").value("v")));
    assertThat(ga.listTagsForResource(r -> r.resourceArn(b.accelerator())).tags()).hasSize(1);
  }
}
