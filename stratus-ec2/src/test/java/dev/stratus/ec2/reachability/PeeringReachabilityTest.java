package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.PortRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Peering traps (vpc.md §15, §27), fixture {@code reachability/peering}.
 *
 * <p>Three VPCs in us-east-1: A (10.0.0.0/16), B (10.1.0.0/16) and C (10.2.0.0/16), one subnet
 * and one instance each (i-a 10.0.1.10, i-b 10.1.1.10, i-c 10.2.1.10), default NACLs. A peers with
 * B (pcx-ab) and with C (pcx-ac). A routes to both peers; C routes only to A; B routes to A and —
 * the classic mistake — also sends C's block to pcx-ab, hoping A will pass it on. Every group
 * admits SSH from 10.0.0.0/8; B's group also admits PostgreSQL (5432) from A's group sg-a by
 * reference across the peering.
 */
class PeeringReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("peering"));

  @Test
  @DisplayName("§27 A to B over pcx-ab: reachable, hop by hop")
  void analyze_directPeer_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-a", "i-b", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("i-a", "eni-a", "sg-a", "acl-a", "rtb-a", "pcx-ab", "acl-b", "sg-b",
        "eni-b", "i-b");
    assertThat(v.returnHopIds()).containsExactly("eni-b", "acl-b", "rtb-b", "pcx-ab", "acl-a", "eni-a", "i-a");
  }

  @Test
  @DisplayName("§27 B to C through A: peering is not transitive")
  void analyze_transitivePeering_refusedAtPeering() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-b", "i-c", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).isFalse();
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("pcx-ab");
    assertThat(v.forwardHopIds()).containsExactly("i-b", "eni-b", "sg-b", "acl-b", "rtb-b");
  }

  @Test
  @DisplayName("§27 C to B: C has no route to B at all")
  void analyze_noRouteToPeerOfPeer_noRoute() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-c", "i-b", Protocol.TCP, 22));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.NO_ROUTE_TO_DESTINATION);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("rtb-c");
  }

  @Test
  @DisplayName("§15 a rule referencing sg-a admits A's instance across a same-Region peering")
  void analyze_groupReferenceAcrossPeering_admitted() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-a", "i-b", Protocol.TCP, 5432));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardPathComponents().get(7).rule()).get()
        .isEqualTo(new AnalysisRule.SecurityGroupRule("sg-b", "ingress", "tcp", PortRange.single(5432), "sg-a"));
  }

  @Test
  @DisplayName("§15 C's instance is not in sg-a: PostgreSQL on B refused by B's group")
  void analyze_groupReferenceNonMember_refused() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-a", "i-b", Protocol.TCP, 5433));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.ENI_SG_RULES_MISMATCH);
    assertThat(v.explanations().get(0).direction()).contains(Explanation.Direction.INGRESS);
  }
}
