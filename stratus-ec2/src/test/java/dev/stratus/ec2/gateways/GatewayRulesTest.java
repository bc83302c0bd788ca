package dev.stratus.ec2.gateways;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayRulesTest {
  private static final Address FREE = new Address("eipalloc-1", "203.0.113.10", null, null, null, null);
  private static final Address BOUND = new Address("eipalloc-1", "203.0.113.10", "eipassoc-1", "eni-1", null, "10.0.0.5");

  private static NatGateway nat(String state) {
    return new NatGateway("nat-1", "subnet-1", "vpc-1", "public", state, "eni-9", "10.0.0.9", "eipalloc-1",
        "203.0.113.10", Instant.EPOCH, null);
  }

  private static NetworkInterface eni(NetworkInterface.PublicIp publicIp) {
    return new NetworkInterface("eni-1", "subnet-1", "vpc-1", "us-east-1a", "10.0.0.5", List.of(), List.of(),
        "in-use", "interface", "", "02:00:00:00:00:01", false, true, null, publicIp);
  }

  @Test
  void attachInternetGateway_gatewayOrVpcTaken_alreadyAssociated() {
    var free = new InternetGateway("igw-1", false, null);
    assertViolation(GatewayRules.attachInternetGateway(new InternetGateway("igw-1", false, "vpc-9"), "vpc-1", List.of()),
        "Resource.AlreadyAssociated", "resource igw-1 is already attached to network vpc-9");
    assertViolation(GatewayRules.attachInternetGateway(free, "vpc-1", List.of(new InternetGateway("igw-2", false, "vpc-1"))),
        "Resource.AlreadyAssociated", "resource vpc-1 is already attached to network an internet gateway");
    assertThat(GatewayRules.attachInternetGateway(free, "vpc-1", List.of(new InternetGateway("eigw-2", true, "vpc-1"))))
        .isEmpty();
  }

  @Test
  void detachInternetGateway_notAttachedOrPublicAddressesMapped_refused() {
    var attached = new InternetGateway("igw-1", false, "vpc-1");
    assertViolation(GatewayRules.detachInternetGateway(attached, "vpc-2", List.of()), "Gateway.NotAttached",
        "resource igw-1 is not attached to network vpc-2");
    assertViolation(GatewayRules.detachInternetGateway(attached, "vpc-1",
        List.of(eni(new NetworkInterface.PublicIp("203.0.113.10", "eipalloc-1", "eipassoc-1")))), "DependencyViolation",
        "Network vpc-1 has some mapped public address(es). Please unmap those public address(es) before detaching the"
            + " gateway.");
    assertThat(GatewayRules.detachInternetGateway(attached, "vpc-1", List.of(eni(null)))).isEmpty();
  }

  @Test
  void deleteInternetGateway_attached_dependencyViolation() {
    assertViolation(GatewayRules.deleteInternetGateway(new InternetGateway("igw-1", false, "vpc-1")), "DependencyViolation",
        "The internetGateway 'igw-1' has dependencies and cannot be deleted.");
    assertThat(GatewayRules.deleteInternetGateway(new InternetGateway("igw-1", false, null))).isEmpty();
  }

  @Test
  void natAddress_associatedOrUsedByLiveNat_refused() {
    String message = "Elastic IP address [eipalloc-1] is already associated";
    assertViolation(GatewayRules.natAddress(BOUND, List.of()), "Resource.AlreadyAssociated", message);
    assertViolation(GatewayRules.natAddress(FREE, List.of(nat("available"))), "Resource.AlreadyAssociated", message);
    assertThat(GatewayRules.natAddress(FREE, List.of(nat("deleted")))).isEmpty();
  }

  @Test
  void deleteNatGateway_deleted_notFound() {
    assertViolation(GatewayRules.deleteNatGateway(nat("deleted")), "NatGatewayNotFound", "NAT gateway nat-1 was not found");
    assertThat(GatewayRules.deleteNatGateway(nat("available"))).isEmpty();
  }

  @Test
  void publicIp_malformedOrUnknown_refused() {
    assertViolation(GatewayRules.publicIp("203.0.113", List.of(FREE)), "InvalidAddress.Malformed",
        "Invalid address: '203.0.113'");
    assertViolation(GatewayRules.publicIp("2001:db8::1", List.of(FREE)), "InvalidAddress.Malformed",
        "Invalid address: '2001:db8::1'");
    assertViolation(GatewayRules.publicIp("203.0.113.11", List.of(FREE)), "InvalidAddress.NotFound",
        "Address '203.0.113.11' not found.");
    assertThat(GatewayRules.publicIp("203.0.113.10", List.of(FREE))).isEmpty();
  }

  @Test
  void associateAddress_alreadyAssociatedWithoutReassociation_refused() {
    assertViolation(GatewayRules.associateAddress(BOUND, false), "Resource.AlreadyAssociated",
        "resource eipalloc-1 is already associated with associate-id eipassoc-1");
    assertThat(GatewayRules.associateAddress(BOUND, true)).isEmpty();
    assertThat(GatewayRules.associateAddress(FREE, false)).isEmpty();
  }

  @Test
  void releaseAddress_inUse_refused() {
    assertViolation(GatewayRules.releaseAddress(BOUND, List.of()), "InvalidIPAddress.InUse", "Address eipalloc-1 is in use.");
    assertViolation(GatewayRules.releaseAddress(FREE, List.of(nat("available"))), "InvalidIPAddress.InUse",
        "Address eipalloc-1 is in use.");
    assertThat(GatewayRules.releaseAddress(FREE, List.of(nat("deleted")))).isEmpty();
  }
}
