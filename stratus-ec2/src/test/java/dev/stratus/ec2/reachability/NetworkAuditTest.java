package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.model.Vpc;
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

  /**
   * Seed 001, failure case 1 ("Transit Gateway routing loop"), as its CLI lines build it: one
   * transit gateway with DefaultRouteTableAssociation and DefaultRouteTablePropagation enabled,
   * VPCs vpc-prod-01 and vpc-staging-01 (no Environment tags: only their ids say which is which)
   * and a third VPC whose Name tag says dev. Every attachment is associated with and propagates
   * into the default table, so each environment reaches the others.
   */
  @Test
  void findings_seed001DefaultAssociationAndPropagation_namesSuggestEnvironments() {
    List<Finding> f = NetworkAudit.findings(Fixtures.network("seed001"));
    List<Finding> joined = f.stream().filter(x -> x.type() == Finding.Type.TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS).toList();

    assertThat(joined).extracting(Finding::resourceId).containsOnly("tgw-rtb-0default");
    assertThat(joined).extracting(x -> x.message().replaceAll(".*, so (\\w+ reaches \\w+)\\..*", "$1"))
        .containsExactlyInAnyOrder("prod reaches staging", "prod reaches dev", "staging reaches prod",
            "staging reaches dev", "dev reaches prod", "dev reaches staging");
    Finding prodToStaging = joined.stream().filter(x -> x.message().contains("prod reaches staging")).findFirst().orElseThrow();
    assertThat(prodToStaging.message()).contains("VPCs named vpc-prod-01 [vpc-prod-01]")
        .contains("(the default route table of tgw-01234567890abcdef)")
        .contains("has DefaultRouteTableAssociation and DefaultRouteTablePropagation enabled");
    assertThat(prodToStaging.fix()).startsWith("Disable DefaultRouteTableAssociation and DefaultRouteTablePropagation")
        .contains("aws ec2 modify-transit-gateway --transit-gateway-id tgw-01234567890abcdef")
        .contains("per-environment route tables");
    assertThat(joined.stream().filter(x -> x.message().contains("dev reaches prod")).findFirst().orElseThrow().message())
        .contains("named dev-workloads [vpc-0a1b2c3d4e5f60718]");
  }

  @Test
  void environmentHint_tagsBeatNames_andWordsMustMatchWhole() {
    Vpc tagged = Fixtures.vpc("vpc-dev-1");
    Vpc named = Fixtures.vpc("vpc-1");
    Vpc silent = Fixtures.vpc("vpc-2");
    java.util.Map<String, String> attachment = java.util.Map.of(); // the attachment's tags

    assertThat(EnvironmentHint.of(tagged, java.util.Map.of("Environment", "Production", "Name", "dev-box"), attachment))
        .contains(new EnvironmentHint("prod", "tagged Environment=Production"));
    assertThat(EnvironmentHint.of(named, java.util.Map.of("Name", "web-prd-eu"), attachment))
        .contains(new EnvironmentHint("prod", "named web-prd-eu"));
    assertThat(EnvironmentHint.of(silent, java.util.Map.of("Name", "productive-devices"), attachment)).isEmpty();
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
