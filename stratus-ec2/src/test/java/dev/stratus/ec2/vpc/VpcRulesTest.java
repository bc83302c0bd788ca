package dev.stratus.ec2.vpc;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcRulesTest {
  static Vpc vpc(List<String> v4, List<String> v6) {
    List<Vpc.CidrAssociation> a4 = new ArrayList<>();
    for (int i = 0; i < v4.size(); i++) a4.add(new Vpc.CidrAssociation("vpc-cidr-assoc-" + i, Cidr.parse(v4.get(i)), "associated"));
    List<Vpc.CidrAssociation> a6 = new ArrayList<>();
    for (int i = 0; i < v6.size(); i++) a6.add(new Vpc.CidrAssociation("vpc-cidr-assoc-6" + i, Cidr.parse(v6.get(i)), "associated"));
    return new Vpc("vpc-1", a4, a6, false, "default", "dopt-1", true, false, "rtb-main", "acl-1", "sg-1");
  }

  static Subnet subnet(String id, String cidr, String... v6) {
    return new Subnet(id, "vpc-1", Cidr.parse(cidr), java.util.Arrays.stream(v6)
        .map(c -> new Vpc.CidrAssociation("subnet-cidr-assoc-" + c, Cidr.parse(c), "associated")).toList(),
        "us-east-1a", "use1-az1", false, false, false);
  }

  private final Vpc vpc = vpc(List.of("10.0.0.0/16", "10.1.0.0/16"), List.of());

  @Test
  void createVpc_outsideSixteenToTwentyEight_range() {
    assertViolation(VpcRules.createVpc(Cidr.parse("10.0.0.0/8")), "InvalidVpc.Range", "The CIDR '10.0.0.0/8' is invalid.");
    assertViolation(VpcRules.createVpc(Cidr.parse("10.0.0.0/29")), "InvalidVpc.Range", "The CIDR '10.0.0.0/29' is invalid.");
    assertThat(VpcRules.createVpc(Cidr.parse("10.0.0.0/28"))).isEmpty();
  }

  @Test
  void createDefaultVpc_whileOneExists_refused() {
    assertViolation(VpcRules.createDefaultVpc(true), "DefaultVpcAlreadyExists",
        "A Default VPC already exists for this account in this region.");
    assertThat(VpcRules.createDefaultVpc(false)).isEmpty();
  }

  @Test
  void modifyAttribute_exactlyOne() {
    assertViolation(VpcRules.modifyAttribute(true, true, false), "InvalidParameterCombination",
        "Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames");
    assertViolation(VpcRules.modifyAttribute(false, false, false), "MissingParameter",
        "The request must contain the parameter attribute");
    assertThat(VpcRules.modifyAttribute(true, false, false)).isEmpty();
    assertThat(VpcRules.modifyAttribute(false, true, false)).isEmpty();
    assertThat(VpcRules.modifyAttribute(false, false, true)).isEmpty();
  }

  @Test
  void ipv6Block_fifthIsTheLast() {
    var four = vpc(List.of("10.0.0.0/16"), List.of("2600:1f18:0:100::/56", "2600:1f18:0:200::/56",
        "2600:1f18:0:300::/56", "2600:1f18:0:400::/56"));
    assertThat(VpcRules.ipv6Block(four)).isEmpty();
    var five = vpc(List.of("10.0.0.0/16"), List.of("2600:1f18:0:100::/56", "2600:1f18:0:200::/56",
        "2600:1f18:0:300::/56", "2600:1f18:0:400::/56", "2600:1f18:0:500::/56"));
    assertViolation(VpcRules.ipv6Block(five), "CidrLimitExceeded",
        "This network 'vpc-1' has met its maximum number of allowed CIDRs: 5");
  }

  @Test
  void secondaryBlock_eachViolationAsAwsAnswersIt() {
    assertViolation(VpcRules.secondaryBlock(vpc, Cidr.parse("10.2.0.0/30"), List.of()), "InvalidVpc.Range",
        "The CIDR '10.2.0.0/30' is invalid.");
    var full = vpc(List.of("10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"), List.of());
    assertViolation(VpcRules.secondaryBlock(full, Cidr.parse("10.5.0.0/16"), List.of()), "CidrLimitExceeded",
        "This network 'vpc-1' has met its maximum number of allowed CIDRs: 5");
    String restricted = "The CIDR '%s' is restricted. Use a CIDR from the same private address range as the current"
        + " VPC CIDR, or use a publicly-routable CIDR.";
    assertViolation(VpcRules.secondaryBlock(vpc, Cidr.parse("192.168.0.0/16"), List.of()), "InvalidVpc.Range",
        restricted.formatted("192.168.0.0/16"));
    assertViolation(VpcRules.secondaryBlock(vpc, Cidr.parse("169.254.0.0/16"), List.of()), "InvalidVpc.Range",
        restricted.formatted("169.254.0.0/16"));
    assertViolation(VpcRules.secondaryBlock(vpc, Cidr.parse("10.1.128.0/17"), List.of()), "CidrConflict",
        "The CIDR '10.1.128.0/17' conflicts with another CIDR or a route in VPC 'vpc-1'.");
    assertViolation(VpcRules.secondaryBlock(vpc, Cidr.parse("10.2.0.0/16"), List.of(Cidr.parse("10.2.1.0/24"))),
        "CidrConflict", "The CIDR '10.2.0.0/16' conflicts with another CIDR or a route in VPC 'vpc-1'.");
    assertThat(VpcRules.secondaryBlock(vpc, Cidr.parse("10.2.0.0/16"), List.of())).isEmpty();
  }

  @Test
  void disassociateBlock_primaryOrInUse_refused() {
    assertViolation(VpcRules.disassociateBlock(vpc, vpc.cidrBlocks().get(0), List.of()), "OperationNotPermitted",
        "The vpc CIDR block with association ID vpc-cidr-assoc-0 may not be disassociated. It is the primary IPv4"
            + " CIDR block of the VPC");
    var second = vpc.cidrBlocks().get(1);
    assertViolation(VpcRules.disassociateBlock(vpc, second, List.of(subnet("subnet-1", "10.1.3.0/24"))),
        "InvalidParameterCombination",
        "The vpc CIDR block 10.1.0.0/16 cannot be disassociated because it has subnets in it");
    assertThat(VpcRules.disassociateBlock(vpc, second, List.of(subnet("subnet-1", "10.0.3.0/24")))).isEmpty();
  }
}
