package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NetworkAudit} over the reachability fixtures (their class javadocs draw the networks). */
class NetworkAuditTest {

  @Test
  void findings_defaultTgwRouteTable_joinsProdAndDev() {
    List<Finding> f = NetworkAudit.findings(Fixtures.network("tgw"));
    assertThat(f).filteredOn(x -> x.type() == Finding.Type.TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS)
        .extracting(Finding::resourceId, Finding::severity)
        .contains(org.assertj.core.groups.Tuple.tuple("tgw-rtb-default", Finding.Severity.HIGH));
    Finding joined = f.stream().filter(x -> x.resourceId().equals("tgw-rtb-default")
        && x.message().contains("Environment=prod [vpc-prod2]")).findFirst().orElseThrow();
    assertThat(joined.message()).contains("prod reaches dev");
    assertThat(joined.fix()).contains("DefaultRouteTableAssociation");
  }

  @Test
  void findings_isolatedTables_sharedOnlyIsNotReported() {
    List<Finding> f = NetworkAudit.findings(Fixtures.network("tgw"));
    // tgw-rtb-prod and tgw-rtb-dev learn only shared's route; shared carries no Environment pair of its own
    assertThat(f).filteredOn(x -> x.type() == Finding.Type.TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS)
        .extracting(Finding::resourceId).doesNotContain("tgw-rtb-prod", "tgw-rtb-dev");
  }

  @Test
  void findings_tgwStaticBlackhole_low() {
    assertThat(NetworkAudit.findings(Fixtures.network("tgw")))
        .filteredOn(x -> x.type() == Finding.Type.TGW_BLACKHOLE_ROUTE)
        .extracting(Finding::resourceId, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("tgw-rtb-prod", Finding.Severity.LOW));
  }

  @Test
  void findings_vpcBlackholeAndOpenSsh_reported() {
    List<Finding> f = NetworkAudit.findings(Fixtures.network("routing"));
    assertThat(f).filteredOn(x -> x.type() == Finding.Type.VPC_BLACKHOLE_ROUTE)
        .extracting(Finding::resourceId).containsExactly("rtb-pub");
    assertThat(f).filteredOn(x -> x.type() == Finding.Type.SECURITY_GROUP_OPEN_ADMIN_PORT)
        .extracting(Finding::resourceId, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sg-web", Finding.Severity.HIGH));
    assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.HIGH);
    assertThat(f.get(0).toText()).contains("SSH 22");
  }

  @Test
  void findings_privateDnsWithoutHostnames_reported() {
    List<Finding> f = NetworkAudit.findings(Fixtures.network("onprem"));
    assertThat(f).filteredOn(x -> x.type() == Finding.Type.ENDPOINT_PRIVATE_DNS_WITHOUT_VPC_DNS)
        .singleElement().satisfies(x -> {
          assertThat(x.resourceId()).isEqualTo("vpce-sqs");
          assertThat(x.fix()).contains("--enable-dns-hostnames").doesNotContain("--enable-dns-support");
          assertThat(x.message()).contains("sqs.us-east-1.amazonaws.com does not resolve to the endpoint", "resolver answers the service's public addresses");
        });
  }

  @Test
  void findings_cleanNetwork_none() {
    assertThat(NetworkAudit.findings(Fixtures.network("nacl"))).isEmpty();
  }
}
