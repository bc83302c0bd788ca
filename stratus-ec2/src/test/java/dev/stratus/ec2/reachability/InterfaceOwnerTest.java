package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.model.NetworkInterface;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index reads an interface's owner from what AWS answers for it (stored rows old and new). */
class InterfaceOwnerTest {

  private static NetworkInterface eni(String type, String description, NetworkInterface.Attachment attachment,
      String requesterId) {
    return new NetworkInterface("eni-1", "subnet-1", "vpc-1", "us-east-1a", "10.0.1.5", List.of(), List.of(), "in-use", type,
        description, null, requesterId != null, true, attachment, null, requesterId, List.of());
  }

  private static InterfaceOwner owner(NetworkInterface e) { return InterfaceOwner.of(e, Map.of(), Map.of()); }

  @Test
  void attachmentInstance_isTheOwner() {
    assertThat(owner(eni("interface", "Primary network interface",
        new NetworkInterface.Attachment("eni-attach-1", "i-1", 0, "attached", true, "111111111111"), null)))
        .isEqualTo(new InterfaceOwner.Instance("i-1"));
  }

  @Test
  void serviceInterfaces_ownerFromTypeAndDescription_asAwsWritesThem() {
    assertThat(owner(eni("nat_gateway", "Interface for NAT Gateway nat-0a1b", null, null)))
        .isEqualTo(new InterfaceOwner.NatGateway("nat-0a1b"));
    assertThat(owner(eni("vpc_endpoint", "VPC Endpoint Interface vpce-0c2d", null, null)))
        .isEqualTo(new InterfaceOwner.InterfaceEndpoint("vpce-0c2d"));
    // The console's older form: type "interface", the endpoint named after a colon.
    assertThat(owner(eni("interface", "VPC Endpoint Interface: vpce-0e3f", null, null)))
        .isEqualTo(new InterfaceOwner.InterfaceEndpoint("vpce-0e3f"));
    assertThat(owner(eni("transit_gateway", "Network Interface for Transit Gateway Attachment tgw-attach-0a", null, null)))
        .isEqualTo(new InterfaceOwner.TransitGatewayAttachment("tgw-attach-0a"));
  }

  @Test
  void loadBalancerNode_isNotDetached() {
    var elaAttach = new NetworkInterface.Attachment("ela-attach-1", null, 1, "attached", false, "amazon-elb");
    assertThat(owner(eni("interface", "ELB app/web/50dc6c495c0c9188", elaAttach, "amazon-elb")))
        .isEqualTo(new InterfaceOwner.LoadBalancer("app/web/50dc6c495c0c9188"));
    // A row stored before RequesterId was kept: the description still says it.
    assertThat(owner(eni("network_load_balancer", "ELB net/nlb/1234", null, null)))
        .isEqualTo(new InterfaceOwner.LoadBalancer("net/nlb/1234"));
  }

  @Test
  void listedByNatGatewayOrEndpoint_wins_overTheDescription() {
    NetworkInterface e = eni("interface", "whatever", null, null);
    assertThat(InterfaceOwner.of(e, Map.of("eni-1", "nat-9"), Map.of())).isEqualTo(new InterfaceOwner.NatGateway("nat-9"));
    assertThat(InterfaceOwner.of(e, Map.of(), Map.of("eni-1", "vpce-9"))).isEqualTo(new InterfaceOwner.InterfaceEndpoint("vpce-9"));
  }

  @Test
  void nothingSaysAnOwner_detached() {
    assertThat(owner(eni("interface", "my own interface", null, null))).isEqualTo(new InterfaceOwner.Detached());
  }
}
