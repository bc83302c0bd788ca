package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Inter-Region peering (vpc.md §15, §28), fixture {@code reachability/interregion}: vpc-east
 * (us-east-1, 10.0.0.0/16, i-east 10.0.1.10 in sg-east) peers with vpc-west (eu-west-1,
 * 10.1.0.0/16, i-west 10.1.1.10) over pcx-x, which both Regions' dumps list. sg-west admits SSH
 * from 10.0.0.0/16 by CIDR and PostgreSQL from sg-east by group reference.
 */
class InterRegionPeeringReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("interregion"));

  @Test
  @DisplayName("§28 a CIDR rule admits the peer Region's instance")
  void analyze_cidrRuleAcrossRegions_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-east", "i-west", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).contains("pcx-x");
  }

  @Test
  @DisplayName("§15 a group reference does not work across an inter-Region peering")
  void analyze_groupReferenceAcrossRegions_refused() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-east", "i-west", Protocol.TCP, 5432));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.ENI_SG_RULES_MISMATCH);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("eni-west");
  }

  @Test
  void fromDescribeOutputs_peeringListedInBothRegions_keptOnce() {
    assertThat(Fixtures.network("interregion").vpcPeeringConnections()).hasSize(1);
  }
}
