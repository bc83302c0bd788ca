package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Site-to-Site VPN and VPC endpoints (vpc.md §38–41), fixture {@code reachability/onprem}.
 *
 * <p>VPC O (10.0.0.0/16, enableDnsHostnames off) has virtual private gateway vgw-o with VPN
 * connection vpn-o to customer gateway cgw-o; the VPN's static route is the office,
 * 192.168.0.0/16, which the main table rtb-o learns by propagation. rtb-o also carries the S3
 * gateway endpoint vpce-s3's prefix-list route (pl-s3: 52.216.0.0/15, 54.231.0.0/16). i-o
 * (10.0.1.10) admits SSH from the office. Interface endpoint vpce-sqs (private DNS on) has
 * interface eni-sqs 10.0.9.50 in subnet-ep, in group sg-ep admitting HTTPS from the VPC and the office.
 */
class OnPremisesReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("onprem"));

  @Test
  @DisplayName("§41 office to instance over the VPN: reachable, reply back through the VGW")
  void analyze_officeToInstance_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("vgw-o", "i-o", Protocol.TCP, 22).withSourceIp("192.168.4.20"));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("vgw-o", "acl-o", "sg-o", "eni-o", "i-o");
    assertThat(v.returnHopIds()).containsExactly("eni-o", "acl-o", "rtb-o", "vgw-o", "vpn-o");
  }

  @Test
  @DisplayName("§10 instance to the office through the propagated VGW route")
  void analyze_instanceToOffice_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-o", "vpn-o", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).endsWith("rtb-o", "vgw-o", "vpn-o");
  }

  @Test
  @DisplayName("§38 the instance reaches S3 through the gateway endpoint's prefix-list route")
  void analyze_instanceToGatewayEndpoint_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-o", "vpce-s3", Protocol.TCP, 443));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardPathComponents().get(4).rule()).get()
        .isEqualTo(new AnalysisRule.RouteTableRoute("pl-s3", "vpce-s3", "CreateRoute", "active"));
  }

  @Test
  @DisplayName("§38 a gateway endpoint is not reachable from on-premises")
  void analyze_officeToGatewayEndpoint_refused() {
    ReachabilityVerdict v = analysis.analyze(Query.of("vgw-o", "vpce-s3", Protocol.TCP, 443)
        .withSourceIp("192.168.4.20"));
    assertThat(v.networkPathFound()).isFalse();
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("vgw-o");
  }

  @Test
  @DisplayName("§39 an interface endpoint is reachable from on-premises through its interface and group")
  void analyze_officeToInterfaceEndpoint_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("vgw-o", "vpce-sqs", Protocol.TCP, 443)
        .withSourceIp("192.168.4.20"));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("vgw-o", "acl-o", "sg-ep", "eni-sqs", "vpce-sqs");
  }

  @Test
  @DisplayName("§38 a gateway endpoint carries only TCP and ICMP")
  void analyze_udpToGatewayEndpoint_protocolRestriction() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-o", "vpce-s3", Protocol.UDP, 53));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.VPCE_GATEWAY_PROTOCOL_RESTRICTION);
  }
}
