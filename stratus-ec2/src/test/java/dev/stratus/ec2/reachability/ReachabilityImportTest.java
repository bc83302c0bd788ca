package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReachabilityImport} and {@link ReachabilityExport}. Fixture {@code reachability/malformed}:
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
    Subnet s = Fixtures.network("routing").subnets().stream().filter(x -> x.id().equals("subnet-pub")).findFirst()
        .orElseThrow();
    assertThat(s.routeTableId()).contains("rtb-pub");
    assertThat(s.networkAclId()).contains("acl-r");
    Subnet priv = Fixtures.network("routing").subnets().stream().filter(x -> x.id().equals("subnet-priv"))
        .findFirst().orElseThrow();
    assertThat(priv.routeTableId()).contains("rtb-priv");
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

  @ParameterizedTest
  @ValueSource(strings = {"peering", "nacl", "routing", "tgw", "onprem", "egress", "interregion"})
  void toDescribeOutputs_thenImport_roundTrips(String scenario, @TempDir Path tmp) {
    Network original = Fixtures.network(scenario);
    List<Path> files = ReachabilityExport.toDescribeOutputs(original, tmp);
    assertThat(files).isNotEmpty();
    ReachabilityImport.Result again = ReachabilityImport.fromDescribeOutputs(tmp);
    assertThat(again.problems()).isEmpty();
    assertThat(sorted(again.network())).isEqualTo(sorted(original));
  }

  @Test
  void toDescribeOutputs_thenAnalyze_sameVerdict(@TempDir Path tmp) {
    Network original = Fixtures.network("routing");
    ReachabilityExport.toDescribeOutputs(original, tmp);
    Network again = ReachabilityImport.fromDescribeOutputs(tmp).orThrow();
    Query q = new Query(Optional.of("i-app"), Optional.of("igw-r"), Optional.empty(), Optional.empty(), Protocol.TCP,
        Optional.of(443), Optional.empty());
    assertThat(ReachabilityAnalysis.analyze(again, q)).isEqualTo(ReachabilityAnalysis.analyze(original, q));
  }

  /** The network's lists as sets, so file order does not matter. */
  private static java.util.Map<String, java.util.Set<?>> sorted(Network n) {
    java.util.Map<String, java.util.Set<?>> m = new java.util.TreeMap<>();
    for (var c : Network.class.getRecordComponents()) {
      try {
        m.put(c.getName(), new java.util.HashSet<>((List<?>) c.getAccessor().invoke(n)));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return m;
  }
}
