package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Route selection, internet and NAT gateways (vpc.md §9–11, §23–24), fixture {@code reachability/routing}.
 *
 * <p>VPC R (10.0.0.0/16) has internet gateway igw-r. Its main table rtb-pub sends 0.0.0.0/0 to
 * igw-r, the more specific 10.50.0.0/16 to peering pcx-rp (VPC P, 10.50.0.0/16), and
 * 192.168.0.0/16 to a deleted NAT gateway (state blackhole). subnet-pub holds i-pub (10.0.1.10,
 * public IP 54.1.2.3), i-nopub (10.0.1.20, no public IP) and NAT gateway nat-r (10.0.1.100,
 * Elastic IP 54.9.9.9). subnet-priv (table rtb-priv: 0.0.0.0/0 to nat-r) holds i-app 10.0.2.10.
 * Group sg-web admits SSH and HTTPS from anywhere; VPC P's i-p (10.50.1.10) admits MySQL from R.
 */
class RoutingReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("routing"));

  @Test
  @DisplayName("§23 internet to an instance with a public IP: reachable, reply back out through the IGW")
  void analyze_internetToPublicInstance_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("igw-r", "i-pub", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("igw-r", "acl-r", "sg-web", "eni-pub", "i-pub");
    PathComponent igw = v.forwardPathComponents().get(0);
    assertThat(igw.inboundHeader().destinationAddress()).isEqualTo(Cidr.parseBlockOrAddress("54.1.2.3"));
    assertThat(igw.outboundHeader().destinationAddress()).isEqualTo(Cidr.parseBlockOrAddress("10.0.1.10"));
    assertThat(v.returnHopIds()).containsExactly("eni-pub", "acl-r", "rtb-pub", "igw-r");
  }

  @Test
  @DisplayName("§23 internet to an instance without a public IP: IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS")
  void analyze_internetToPrivateInstance_refusedAtIgw() {
    ReachabilityVerdict v = analysis.analyze(Query.of("igw-r", "i-nopub", Protocol.TCP, 22));
    assertThat(v.networkPathFound()).isFalse();
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("igw-r");
  }

  @Test
  @DisplayName("§23 an instance without a public IP cannot use the IGW directly")
  void analyze_privateInstanceToInternet_refusedAtIgw() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-nopub", "igw-r", Protocol.TCP, 443));
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS);
  }

  @Test
  @DisplayName("§24 private subnet through a public NAT gateway: source translated, reply untranslated")
  void analyze_throughNatGateway_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-app", "igw-r", Protocol.TCP, 443));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("i-app", "eni-app", "sg-web", "acl-r", "rtb-priv", "acl-r", "nat-r",
        "acl-r", "rtb-pub", "igw-r");
    PathComponent nat = v.forwardPathComponents().get(6);
    assertThat(nat.outboundHeader().sourceAddress()).isEqualTo(Cidr.parseBlockOrAddress("10.0.1.100"));
    PathComponent igw = v.forwardPathComponents().get(9);
    assertThat(igw.outboundHeader().sourceAddress()).isEqualTo(Cidr.parseBlockOrAddress("54.9.9.9"));
    assertThat(v.returnHopIds()).containsExactly("igw-r", "acl-r", "nat-r", "acl-r", "rtb-pub", "acl-r",
        "eni-app", "i-app");
  }

  @Test
  @DisplayName("§9 the /16 peering route beats the broader 0.0.0.0/0 internet route")
  void analyze_longestPrefix_beatsBroaderRoute() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-pub", "i-p", Protocol.TCP, 3306));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).contains("pcx-rp").doesNotContain("igw-r");
    assertThat(v.forwardPathComponents().get(4).rule()).get()
        .isEqualTo(new AnalysisRule.RouteTableRoute("10.50.0.0/16", "pcx-rp", "CreateRoute", "active"));
  }

  @Test
  @DisplayName("§11 a route to a deleted NAT gateway is a blackhole: BAD_STATE_ROUTE naming the route")
  void analyze_blackholeRoute_badStateRoute() {
    Query q = new Query(Optional.of("i-pub"), Optional.empty(), Optional.empty(),
        Optional.of(Cidr.parseBlockOrAddress("192.168.1.1")), Protocol.TCP, Optional.of(443), Optional.empty());
    ReachabilityVerdict v = analysis.analyze(q);
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.BAD_STATE_ROUTE);
    Explanation e = v.explanations().get(0);
    assertThat(e.component().id()).isEqualTo("rtb-pub");
    assertThat(e.rule()).get()
        .isEqualTo(new AnalysisRule.RouteTableRoute("192.168.0.0/16", "nat-gone", "CreateRoute", "blackhole"));
  }
}
