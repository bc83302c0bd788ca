package dev.stratus.globalaccelerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.Accelerator;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorNotDisabledException;
import software.amazon.awssdk.services.globalaccelerator.model.AssociatedEndpointGroupFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.AssociatedListenerFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointAlreadyExistsException;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroupAlreadyExistsException;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroupNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidArgumentException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidPortRangeException;
import software.amazon.awssdk.services.globalaccelerator.model.ListenerNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.PortRange;

/** Global Accelerator's control plane through the real SDK client (its API lives in us-west-2). */
class GlobalAcceleratorControlPlaneIT {
  static final ManualTime time = new ManualTime(Instant.parse("2026-12-07T00:00:00Z"));
  static ApiTestServer server;
  static GlobalAcceleratorClient ga;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(time.clock(), new GlobalAcceleratorModule());
    ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
  }

  @AfterAll
  static void stop() { server.close(); }

  private static Accelerator create(String name) {
    return ga.createAccelerator(r -> r.name(name).idempotencyToken(UUID.randomUUID().toString())).accelerator();
  }

  private static PortRange range(int from, int to) { return PortRange.builder().fromPort(from).toPort(to).build(); }

  private static String listener(String acceleratorArn, String protocol, int from, int to) {
    return ga.createListener(r -> r.acceleratorArn(acceleratorArn).protocol(protocol).portRanges(range(from, to))
        .idempotencyToken(UUID.randomUUID().toString())).listener().listenerArn();
  }

  @Test
  void createAccelerator_givesTwoStaticAddresses_aDnsName_andDeploysOnTheClock() {
    var a = create("web");
    assertThat(a.acceleratorArn()).matches("arn:aws:globalaccelerator::000000000000:accelerator/[0-9a-f-]{36}");
    assertThat(a.enabled()).isTrue();
    assertThat(a.ipAddressTypeAsString()).isEqualTo("IPV4");
    assertThat(a.ipSets()).singleElement().satisfies(s -> {
      assertThat(s.ipAddressFamilyAsString()).isEqualTo("IPv4");
      assertThat(s.ipAddresses()).hasSize(2).doesNotHaveDuplicates();
    });
    assertThat(a.dnsName()).matches("a[0-9a-f]{16}\\.awsglobalaccelerator\\.localhost");
    assertThat(a.statusAsString()).isEqualTo("IN_PROGRESS");
    time.advance(Duration.ofSeconds(11));
    assertThat(ga.describeAccelerator(r -> r.acceleratorArn(a.acceleratorArn())).accelerator().statusAsString())
        .isEqualTo("DEPLOYED");
  }

  @Test
  void createAccelerator_sameIdempotencyToken_returnsTheSameAccelerator() {
    String token = UUID.randomUUID().toString();
    var first = ga.createAccelerator(r -> r.name("idem").idempotencyToken(token)).accelerator();
    var again = ga.createAccelerator(r -> r.name("idem").idempotencyToken(token)).accelerator();
    assertThat(again.acceleratorArn()).isEqualTo(first.acceleratorArn());
  }

  @Test
  void dualStack_reportsFourAddresses_andTheDualStackName() {
    var a = ga.createAccelerator(r -> r.name("dual").ipAddressType("DUAL_STACK")
        .idempotencyToken(UUID.randomUUID().toString())).accelerator();
    assertThat(a.ipSets()).hasSize(2);
    assertThat(a.ipSets().get(1).ipAddresses()).hasSize(2).allMatch(ip -> ip.contains(":"));
    assertThat(a.dualStackDnsName()).endsWith(".dualstack.awsglobalaccelerator.localhost");
  }

  @Test
  void badName_isInvalidArgument() {
    assertThatThrownBy(() -> create("-starts-with-hyphen")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> create("x".repeat(65))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void delete_needsDisabled_thenNoListeners_thenSucceeds() {
    var a = create("order");
    String l = listener(a.acceleratorArn(), "TCP", 80, 80);
    assertThatThrownBy(() -> ga.deleteAccelerator(r -> r.acceleratorArn(a.acceleratorArn())))
        .isInstanceOf(AcceleratorNotDisabledException.class);
    ga.updateAccelerator(r -> r.acceleratorArn(a.acceleratorArn()).enabled(false));
    assertThatThrownBy(() -> ga.deleteAccelerator(r -> r.acceleratorArn(a.acceleratorArn())))
        .isInstanceOf(AssociatedListenerFoundException.class);
    ga.deleteListener(r -> r.listenerArn(l));
    ga.deleteAccelerator(r -> r.acceleratorArn(a.acceleratorArn()));
    assertThatThrownBy(() -> ga.describeAccelerator(r -> r.acceleratorArn(a.acceleratorArn())))
        .isInstanceOf(AcceleratorNotFoundException.class);
  }

  @Test
  void listeners_portRangesAreChecked_andSameProtocolRangesMustNotOverlap() {
    var a = create("ports");
    // Port 0 breaks the API model's own constraint (1–65535), checked before the service's rules.
    assertThatThrownBy(() -> listener(a.acceleratorArn(), "TCP", 0, 80)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> listener(a.acceleratorArn(), "TCP", 90, 80)).isInstanceOf(InvalidPortRangeException.class);
    listener(a.acceleratorArn(), "TCP", 80, 90);
    assertThatThrownBy(() -> listener(a.acceleratorArn(), "TCP", 85, 85)).isInstanceOf(InvalidPortRangeException.class);
    listener(a.acceleratorArn(), "UDP", 85, 85); // another protocol may share the ports
    var listed = ga.listListeners(r -> r.acceleratorArn(a.acceleratorArn())).listeners();
    assertThat(listed).hasSize(2);
    assertThat(listed).allMatch(l -> l.clientAffinityAsString().equals("NONE"));
    assertThatThrownBy(() -> ga.createListener(r -> r.acceleratorArn(a.acceleratorArn()).protocol("SCTP")
        .portRanges(range(1, 2)).idempotencyToken("x"))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void endpointGroups_onePerRegion_withAwsDefaults_andDeleteOrder() {
    var a = create("groups");
    String l = listener(a.acceleratorArn(), "TCP", 443, 443);
    var g = ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("eu-west-1")
        .idempotencyToken(UUID.randomUUID().toString())).endpointGroup();
    assertThat(g.trafficDialPercentage()).isEqualTo(100f);
    assertThat(g.healthCheckProtocolAsString()).isEqualTo("TCP");
    assertThat(g.healthCheckIntervalSeconds()).isEqualTo(30);
    assertThat(g.thresholdCount()).isEqualTo(3);
    assertThat(g.endpointGroupArn()).startsWith(l + "/endpoint-group/");
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("eu-west-1")
        .idempotencyToken(UUID.randomUUID().toString()))).isInstanceOf(EndpointGroupAlreadyExistsException.class);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("mars-north-1")
        .idempotencyToken(UUID.randomUUID().toString()))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.deleteListener(r -> r.listenerArn(l))).isInstanceOf(AssociatedEndpointGroupFoundException.class);
    ga.deleteEndpointGroup(r -> r.endpointGroupArn(g.endpointGroupArn()));
    assertThatThrownBy(() -> ga.describeEndpointGroup(r -> r.endpointGroupArn(g.endpointGroupArn())))
        .isInstanceOf(EndpointGroupNotFoundException.class);
    ga.deleteListener(r -> r.listenerArn(l));
    assertThatThrownBy(() -> ga.describeListener(r -> r.listenerArn(l))).isInstanceOf(ListenerNotFoundException.class);
  }

  @Test
  void endpointGroupSettings_outOfRange_areInvalidArgument() {
    var a = create("limits");
    String l = listener(a.acceleratorArn(), "TCP", 80, 80);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .trafficDialPercentage(101f).idempotencyToken("t1"))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .healthCheckIntervalSeconds(20).idempotencyToken("t2"))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .thresholdCount(11).idempotencyToken("t3"))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .portOverrides(o -> o.listenerPort(81).endpointPort(8081)).idempotencyToken("t4")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void endpoints_addRemove_weightsAndClientIpPreservationDefaults() {
    var a = create("endpoints");
    String l = listener(a.acceleratorArn(), "TCP", 80, 80);
    var g = ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .idempotencyToken(UUID.randomUUID().toString())).endpointGroup();
    var added = ga.addEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn())
        .endpointConfigurations(e -> e.endpointId("i-0123456789abcdef0"), e -> e.endpointId("eipalloc-0abc").weight(7)));
    assertThat(added.endpointDescriptions()).hasSize(2);
    assertThat(added.endpointDescriptions().get(0).weight()).isEqualTo(128);
    assertThat(added.endpointDescriptions().get(0).clientIPPreservationEnabled()).isTrue();
    assertThat(added.endpointDescriptions().get(1).clientIPPreservationEnabled()).isFalse();
    assertThatThrownBy(() -> ga.addEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn())
        .endpointConfigurations(e -> e.endpointId("i-0123456789abcdef0")))).isInstanceOf(EndpointAlreadyExistsException.class);
    assertThatThrownBy(() -> ga.addEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn())
        .endpointConfigurations(e -> e.endpointId("i-0fedcba9876543210").weight(256)))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ga.addEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn())
        .endpointConfigurations(e -> e.endpointId("eipalloc-0def").clientIPPreservationEnabled(true))))
        .isInstanceOf(InvalidArgumentException.class);
    ga.removeEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn()).endpointIdentifiers(e -> e.endpointId("eipalloc-0abc")));
    assertThat(ga.describeEndpointGroup(r -> r.endpointGroupArn(g.endpointGroupArn())).endpointGroup().endpointDescriptions())
        .extracting(d -> d.endpointId()).containsExactly("i-0123456789abcdef0");
    assertThatThrownBy(() -> ga.removeEndpoints(r -> r.endpointGroupArn(g.endpointGroupArn())
        .endpointIdentifiers(e -> e.endpointId("eipalloc-0abc")))).isInstanceOf(EndpointNotFoundException.class);
  }

  @Test
  void endpointInAnotherRegion_isInvalidArgument() {
    var a = create("regions");
    String l = listener(a.acceleratorArn(), "TCP", 80, 80);
    assertThatThrownBy(() -> ga.createEndpointGroup(r -> r.listenerArn(l).endpointGroupRegion("us-east-1")
        .endpointConfigurations(e -> e.endpointId(
            "arn:aws:elasticloadbalancing:eu-west-1:000000000000:loadbalancer/app/web/0123456789abcdef"))
        .idempotencyToken(UUID.randomUUID().toString()))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void attributesAndTags() {
    var a = create("attrs");
    assertThat(ga.describeAcceleratorAttributes(r -> r.acceleratorArn(a.acceleratorArn())).acceleratorAttributes()
        .flowLogsEnabled()).isFalse();
    assertThatThrownBy(() -> ga.updateAcceleratorAttributes(r -> r.acceleratorArn(a.acceleratorArn()).flowLogsEnabled(true)))
        .isInstanceOf(InvalidArgumentException.class);
    var updated = ga.updateAcceleratorAttributes(r -> r.acceleratorArn(a.acceleratorArn()).flowLogsEnabled(true)
        .flowLogsS3Bucket("logs").flowLogsS3Prefix("ga/")).acceleratorAttributes();
    assertThat(updated.flowLogsS3Bucket()).isEqualTo("logs");
    ga.tagResource(r -> r.resourceArn(a.acceleratorArn()).tags(t -> t.key("team").value("edge")));
    assertThat(ga.listTagsForResource(r -> r.resourceArn(a.acceleratorArn())).tags())
        .singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("edge"));
    ga.untagResource(r -> r.resourceArn(a.acceleratorArn()).tagKeys("team"));
    assertThat(ga.listTagsForResource(r -> r.resourceArn(a.acceleratorArn())).tags()).isEmpty();
  }

  @Test
  void listAccelerators_maxResultsOutOfRange_isInvalidArgument() {
    assertThatThrownBy(() -> ga.listAccelerators(r -> r.maxResults(101))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void describeAccelerator_unknown_isAcceleratorNotFound() {
    assertThatThrownBy(() -> ga.describeAccelerator(r -> r.acceleratorArn(
        "arn:aws:globalaccelerator::000000000000:accelerator/1234abcd-abcd-1234-abcd-1234abcdef00")))
        .isInstanceOf(AcceleratorNotFoundException.class);
  }
}
