package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Vpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReachabilityImport} of describe-output folders (the round trip through the control plane
 * and {@code DescribeExport} is {@code insights.DescribeExportIT}). Fixture {@code reachability/malformed}:
 * us-east-1 has a good describe-vpcs, a describe-subnets whose second subnet lacks CidrBlock, a
 * truncated describe-security-groups and a NACL entry with RuleAction "permit"; eu-west-1 has
 * one good VPC.
 */
class ReachabilityImportTest {

  @Test
  void fromDescribeOutputs_brokenFiles_reportedByFileAndField() {
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(Fixtures.dir("malformed"));
    assertThat(r.problems()).extracting(ReachabilityImport.Problem::file).containsExactlyInAnyOrder(
        "us-east-1/describe-subnets.json", "us-east-1/describe-security-groups.json",
        "us-east-1/describe-network-acls.json");
    assertThat(r.problems()).extracting(ReachabilityImport.Problem::message).anySatisfy(m -> assertThat(m)
        .isEqualTo("us-east-1/describe-subnets.json: subnet-bad: field CidrBlock: missing"));
    assertThat(r.problems()).extracting(ReachabilityImport.Problem::message).anySatisfy(m -> assertThat(m)
        .startsWith("us-east-1/describe-network-acls.json: acl-x: field RuleAction: unknown RuleAction: permit"));
    assertThat(r.problems()).extracting(ReachabilityImport.Problem::message).anySatisfy(m -> assertThat(m)
        .startsWith("us-east-1/describe-security-groups.json: not valid JSON"));
  }

  @Test
  void fromDescribeOutputs_brokenFile_doesNotBlankTheRest() {
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(Fixtures.dir("malformed"));
    assertThat(r.network().vpcs()).extracting(Vpc::id).containsExactly("vpc-eu", "vpc-ok");
    assertThat(r.network().subnets()).isEmpty();
    assertThatThrownBy(r::orThrow).hasMessageContaining("subnet-bad: field CidrBlock");
  }

  @Test
  void fromDescribeOutputs_missingFiles_meanNone() {
    Network n = Fixtures.network("peering");
    assertThat(n.transitGateways()).isEmpty();
    assertThat(n.natGateways()).isEmpty();
    assertThat(n.vpcs()).hasSize(3);
  }

  @Test
  void fromDescribeOutputs_subnetWithoutAssociation_usesMainTableAndDefaultAcl() {
    ReachabilityAnalysis a = ReachabilityAnalysis.of(Fixtures.network("routing"));
    assertThat(a.routeTableOf("subnet-pub")).contains("rtb-pub");
    assertThat(a.networkAclOf("subnet-pub")).contains("acl-r");
    assertThat(a.routeTableOf("subnet-priv")).contains("rtb-priv");
  }

  @Test
  void fromDescribeOutputs_natGatewayWithoutListedInterface_getsOne() {
    Network n = Fixtures.network("routing");
    NetworkInterface nat = n.networkInterfaces().stream().filter(e -> e.id().equals("eni-nat")).findFirst().orElseThrow();
    assertThat(nat.interfaceType()).isEqualTo("nat_gateway");
    assertThat(nat.description()).isEqualTo("Interface for NAT Gateway nat-r");
    assertThat(nat.association().publicIp()).isEqualTo("54.9.9.9");
    assertThat(n.region(nat.id())).isEqualTo("us-east-1");
    NetworkIndex ix = new NetworkIndex(n);
    assertThat(ix.owner(nat)).isEqualTo(new InterfaceOwner.NatGateway("nat-r"));
    assertThat(ix.publicIp(nat)).contains(Cidr.parseBlockOrAddress("54.9.9.9"));
  }

  @Test
  void fromDescribeOutputs_interfacesKeepWhatAwsPrints_andTheIndexReadsTheOwnerFromIt() {
    Network n = Fixtures.network("egress");
    NetworkInterface tgw = n.networkInterfaces().stream().filter(e -> e.id().equals("eni-tgw-spoke")).findFirst().orElseThrow();
    assertThat(tgw.description()).isEqualTo("Network Interface for Transit Gateway Attachment tgw-attach-spoke");
    assertThat(tgw.sourceDestCheck()).isFalse();
    assertThat(tgw.attachment()).isNull();
    assertThat(new NetworkIndex(n).owner(tgw)).isEqualTo(new InterfaceOwner.TransitGatewayAttachment("tgw-attach-spoke"));
    NetworkInterface instance = n.networkInterfaces().stream()
        .filter(e -> e.attachment() != null && e.attachment().instanceId() != null).findFirst().orElseThrow();
    assertThat(new NetworkIndex(n).owner(instance)).isEqualTo(new InterfaceOwner.Instance(instance.attachment().instanceId()));
  }

  /** describe-security-groups prints no rule ids: each gets a minted one, the same on every import. */
  @Test
  void fromDescribeOutputs_securityGroupsWithoutRulesFile_mintDeterministicRuleIds() {
    SecurityGroup web = group(Fixtures.network("routing"), "sg-web");
    assertThat(web.rules()).hasSize(4);
    assertThat(web.rules()).extracting(SecurityGroup.Rule::id).allMatch(id -> id.matches("sgr-[0-9a-f]{17}"))
        .doesNotHaveDuplicates();
    assertThat(group(Fixtures.network("routing"), "sg-web")).isEqualTo(web);
    assertThat(web.rules().get(0)).isEqualTo(new SecurityGroup.Rule(web.rules().get(0).id(), false, "tcp", 22, 22,
        new SecurityGroup.CidrPeer(Cidr.parse("0.0.0.0/0")), "ssh from anywhere"));
    assertThat(web.rules().get(3)).isEqualTo(new SecurityGroup.Rule(web.rules().get(3).id(), true, "-1", -1, -1,
        new SecurityGroup.CidrPeer(Cidr.parse("0.0.0.0/0")), null));
  }

  /** With describe-security-group-rules beside it, the rules are AWS's own, ids included. */
  @Test
  void fromDescribeOutputs_securityGroupRulesFile_givesTheRulesTheirIds(@TempDir Path dir) throws IOException {
    Path region = Files.createDirectories(dir.resolve("us-east-1"));
    try (var files = Files.list(Fixtures.dir("routing").resolve("us-east-1"))) {
      for (Path f : files.toList()) Files.copy(f, region.resolve(f.getFileName()));
    }
    Files.writeString(region.resolve("describe-security-group-rules.json"), """
        {"SecurityGroupRules": [
          {"SecurityGroupRuleId": "sgr-0123456789abcdef0", "GroupId": "sg-web", "GroupOwnerId": "111111111111",
           "IsEgress": false, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "0.0.0.0/0",
           "Description": "ssh from anywhere"},
          {"SecurityGroupRuleId": "sgr-0123456789abcdef1", "GroupId": "sg-web", "GroupOwnerId": "111111111111",
           "IsEgress": false, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "ReferencedGroupInfo":
           {"GroupId": "sg-p", "UserId": "111111111111"}},
          {"SecurityGroupRuleId": "sgr-0123456789abcdef2", "GroupId": "sg-web", "GroupOwnerId": "111111111111",
           "IsEgress": true, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0"}
        ]}
        """);
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(dir);
    assertThat(r.problems()).isEmpty();
    SecurityGroup web = group(r.network(), "sg-web");
    assertThat(web.rules()).containsExactly(
        new SecurityGroup.Rule("sgr-0123456789abcdef0", false, "tcp", 22, 22, new SecurityGroup.CidrPeer(Cidr.parse("0.0.0.0/0")),
            "ssh from anywhere"),
        new SecurityGroup.Rule("sgr-0123456789abcdef1", false, "tcp", 443, 443,
            new SecurityGroup.GroupPeer("sg-p", "111111111111"), null),
        new SecurityGroup.Rule("sgr-0123456789abcdef2", true, "-1", -1, -1, new SecurityGroup.CidrPeer(Cidr.parse("0.0.0.0/0")), null));
    // A group the rules file does not list keeps the rules read from describe-security-groups.
    assertThat(group(r.network(), "sg-p").rules()).isEqualTo(group(Fixtures.network("routing"), "sg-p").rules());
  }

  private static SecurityGroup group(Network n, String id) {
    return n.securityGroups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void fromDescribeOutputs_vpcAttributeFiles_setDnsAttributes() {
    Vpc v = Fixtures.network("onprem").vpcs().get(0);
    assertThat(v.enableDnsSupport()).isTrue();
    assertThat(v.enableDnsHostnames()).isFalse();
  }

}
