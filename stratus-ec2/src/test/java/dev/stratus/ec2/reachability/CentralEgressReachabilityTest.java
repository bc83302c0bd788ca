package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Centralised egress through a transit gateway (vpc.md §24, §35, §38), fixture {@code reachability/egress}.
 *
 * <p>Spoke VPC (10.1.0.0/16) sends 0.0.0.0/0 to tgw-e; its attachment has one interface, in
 * subnet-spoke (us-east-1a), none in us-east-1b where i-spoke-b lives. On tgw-e, tgw-rtb-spoke
 * sends 0.0.0.0/0 statically to the egress VPC (10.9.0.0/16); tgw-rtb-egress holds the spoke's
 * propagated 10.1.0.0/16. In the egress VPC the attachment's subnet-tgw routes 0.0.0.0/0 to NAT
 * gateway nat-e (10.9.1.100, Elastic IP 3.3.3.3, in subnet-pub) and the S3 prefix list to gateway
 * endpoint vpce-s3e; subnet-pub routes 0.0.0.0/0 to igw-e and 10.0.0.0/8 back to tgw-e.
 */
class CentralEgressReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("egress"));

  @Test
  @DisplayName("§24 spoke to the internet through the egress VPC's NAT gateway, and back")
  void analyze_spokeThroughTgwAndNat_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-spoke", "igw-e", Protocol.TCP, 443));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("i-spoke", "eni-spoke", "sg-spoke", "acl-spoke", "rtb-spoke",
        "tgw-attach-spoke", "tgw-e", "tgw-rtb-spoke", "tgw-attach-egress", "rtb-tgw", "acl-egress", "nat-e",
        "acl-egress", "rtb-pub", "igw-e");
    assertThat(v.forwardPathComponents().get(14).outboundHeader().sourceAddress()).isEqualTo(Cidr.parseBlockOrAddress("3.3.3.3"));
    assertThat(v.returnHopIds()).containsSubsequence("igw-e", "nat-e", "rtb-pub", "tgw-attach-egress", "tgw-rtb-egress",
        "tgw-attach-spoke", "acl-spoke", "eni-spoke", "i-spoke");
  }

  @Test
  @DisplayName("§38 a gateway endpoint is not reachable through a transit gateway")
  void analyze_spokeToGatewayEndpointThroughTgw_refused() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-spoke", "vpce-s3e", Protocol.TCP, 443));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.GATEWAY_REJECTS_SPOOFED_TRAFFIC);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("vpce-s3e");
  }

  @Test
  @DisplayName("§35 no attachment subnet in the source's zone: TGW_ROUTE_AZ_RESTRICTION")
  void analyze_sourceZoneWithoutAttachment_refused() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-spoke-b", "igw-e", Protocol.TCP, 443));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.TGW_ROUTE_AZ_RESTRICTION);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("tgw-attach-spoke");
  }
}
