package dev.stratus.ec2.vpc;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static dev.stratus.ec2.vpc.VpcRulesTest.subnet;
import static dev.stratus.ec2.vpc.VpcRulesTest.vpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.Vpc;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetRulesTest {
  private final Vpc vpc = vpc(List.of("10.0.0.0/16"), List.of("2600:1f18:0:100::/56"));

  @Test
  void createSubnet_sizeOutsideVpcOrOverlap_refused() {
    var existing = List.of(subnet("subnet-1", "10.0.1.0/24"));
    assertViolation(SubnetRules.createSubnet(vpc, Cidr.parse("10.0.0.0/29"), existing), "InvalidSubnet.Range",
        "The CIDR '10.0.0.0/29' is invalid.");
    assertViolation(SubnetRules.createSubnet(vpc, Cidr.parse("10.9.0.0/24"), existing), "InvalidSubnet.Range",
        "The CIDR '10.9.0.0/24' is invalid.");
    assertViolation(SubnetRules.createSubnet(vpc, Cidr.parse("10.0.1.128/25"), existing), "InvalidSubnet.Conflict",
        "The CIDR '10.0.1.128/25' conflicts with another subnet");
    assertThat(SubnetRules.createSubnet(vpc, Cidr.parse("10.0.2.0/24"), existing)).isEmpty();
  }

  @Test
  void ipv6Block_aSixtyFourInsideTheVpc() {
    assertViolation(SubnetRules.ipv6Block(vpc, Cidr.parse("2600:1f18:0:100::/60")), "InvalidSubnet.Range",
        "The CIDR '2600:1f18:0:100::/60' is invalid.");
    assertViolation(SubnetRules.ipv6Block(vpc, Cidr.parse("2600:1f18:0:900::/64")), "InvalidSubnet.Range",
        "The CIDR '2600:1f18:0:900::/64' is invalid.");
    assertThat(SubnetRules.ipv6Block(vpc, Cidr.parse("2600:1f18:0:101::/64"))).isEmpty();
  }

  @Test
  void associateIpv6Block_takenByAnotherSubnet_conflict() {
    var taken = List.of(subnet("subnet-1", "10.0.1.0/24", "2600:1f18:0:101::/64"));
    assertViolation(SubnetRules.associateIpv6Block(vpc, Cidr.parse("2600:1f18:0:101::/64"), taken),
        "InvalidSubnet.Conflict", "The CIDR '2600:1f18:0:101::/64' conflicts with another subnet");
    assertViolation(SubnetRules.associateIpv6Block(vpc, Cidr.parse("2600:1f18:0:900::/64"), taken),
        "InvalidSubnet.Range", "The CIDR '2600:1f18:0:900::/64' is invalid.");
    assertThat(SubnetRules.associateIpv6Block(vpc, Cidr.parse("2600:1f18:0:102::/64"), taken)).isEmpty();
  }

  @Test
  void deleteSubnet_withInterfaces_dependencyViolation() {
    var eni = new NetworkInterface("eni-1", "subnet-1", "vpc-1", "us-east-1a", "10.0.1.5", List.of(), List.of(),
        "in-use", "interface", "", "02:00:00:00:00:01", false, true, null, null);
    var s = subnet("subnet-1", "10.0.1.0/24");
    assertViolation(SubnetRules.deleteSubnet(s, List.of(eni)), "DependencyViolation",
        "The subnet 'subnet-1' has dependencies and cannot be deleted.");
    assertThat(SubnetRules.deleteSubnet(subnet("subnet-2", "10.0.2.0/24"), List.of(eni))).isEmpty();
  }
}
