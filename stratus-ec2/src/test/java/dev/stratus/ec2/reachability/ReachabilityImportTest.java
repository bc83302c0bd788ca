package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Vpc;
import org.junit.jupiter.api.Test;

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
    NetworkInterface nat = Fixtures.network("routing").networkInterfaces().stream()
        .filter(e -> e.id().equals("eni-nat")).findFirst().orElseThrow();
    assertThat(nat.attachment()).isEqualTo(new NetworkInterface.Attachment.NatGateway("nat-r"));
    assertThat(nat.publicIp()).contains(Cidr.parseBlockOrAddress("54.9.9.9"));
  }

  @Test
  void fromDescribeOutputs_vpcAttributeFiles_setDnsAttributes() {
    Vpc v = Fixtures.network("onprem").vpcs().get(0);
    assertThat(v.enableDnsSupport()).isTrue();
    assertThat(v.enableDnsHostnames()).isFalse();
  }

}
