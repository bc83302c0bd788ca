package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.PortRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * NACLs are stateless, security groups are not (vpc.md §14, §19–21), fixture {@code reachability/nacl}.
 *
 * <p>One VPC (10.0.0.0/16, one route table with only the local route) and three subnets: the
 * client subnet (default NACL, allow all) holds i-client 10.0.1.10 in sg-client, which has no
 * inbound rule at all; subnet-strict holds i-strict 10.0.2.10 and its NACL admits PostgreSQL in
 * but lets out only HTTPS (443) — no ephemeral ports for replies; subnet-good holds i-good
 * 10.0.3.10 and its NACL admits PostgreSQL in and 1024–65535 out (after a rule 90 denying
 * 10.0.9.0/24). Both servers are in sg-db: PostgreSQL from sg-client in, and no outbound rules.
 */
class StatelessReturnReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("nacl"));

  @Test
  @DisplayName("§21 reply ports 1024-65535 allowed out: reachable both ways")
  void analyze_naclAllowsEphemeralReturn_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-client", "i-good", Protocol.TCP, 5432));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("i-client", "eni-client", "sg-client", "acl-default", "rtb-n",
        "acl-good", "sg-db", "eni-good", "i-good");
    assertThat(v.returnHopIds()).containsExactly("eni-good", "acl-good", "rtb-n", "acl-default", "eni-client",
        "i-client");
    assertThat(v.returnPathComponents().get(1).rule()).get()
        .isEqualTo(new AnalysisRule.AclRule(100, true, "allow", "6", new PortRange(1024, 65535), "10.0.0.0/16"));
  }

  @Test
  @DisplayName("§21 no outbound ephemeral rule: forward OK, reply dropped by the implicit deny")
  void analyze_naclWithoutEphemeralReturn_blockedOnReturn() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-client", "i-strict", Protocol.TCP, 5432));
    assertThat(v.networkPathFound()).isFalse();
    assertThat(v.forwardHopIds()).endsWith("acl-strict", "sg-db", "eni-strict", "i-strict");
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.SUBNET_ACL_RESTRICTION);
    Explanation e = v.explanations().get(0);
    assertThat(e.onReturnPath()).isTrue();
    assertThat(e.component().id()).isEqualTo("acl-strict");
    assertThat(e.direction()).contains(Explanation.Direction.EGRESS);
    assertThat(e.rule()).get().isInstanceOfSatisfying(AnalysisRule.AclRule.class, r -> {
      assertThat(r.implicitDeny()).isTrue();
      assertThat(r.egress()).isTrue();
    });
    assertThat(v.toText()).contains("Blocked on the return path", "acl-strict", "SUBNET_ACL_RESTRICTION");
  }

  @Test
  @DisplayName("§14 stateful groups: no inbound rule on the client, no outbound rule on the server, still reachable")
  void analyze_statefulGroups_noReturnRulesNeeded() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-client", "i-good", Protocol.TCP, 5432));
    assertThat(v.networkPathFound()).isTrue();
    assertThat(v.returnHopIds()).doesNotContain("sg-db", "sg-client");
  }

  @Test
  @DisplayName("§13 the server's group has no outbound rules: it cannot open a connection itself")
  void analyze_groupWithoutOutboundRules_refusesNewConnections() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-good", "i-client", Protocol.TCP, 22));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.ENI_SG_RULES_MISMATCH);
    assertThat(v.explanations().get(0).direction()).contains(Explanation.Direction.EGRESS);
  }

  @Test
  @DisplayName("§19 a lower-numbered deny wins over a later allow")
  void analyze_lowerNumberedDeny_wins() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-client", "i-good", Protocol.TCP, 5432)
        .withSourceIp("10.0.9.9"));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.SUBNET_ACL_RESTRICTION);
    assertThat(v.explanations().get(0).rule()).get().extracting(r -> ((AnalysisRule.AclRule) r).ruleNumber())
        .isEqualTo(90);
  }
}
