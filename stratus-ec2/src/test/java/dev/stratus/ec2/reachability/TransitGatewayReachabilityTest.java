package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transit gateway segmentation (vpc.md §30–33), fixture {@code reachability/tgw}.
 *
 * <p>Five VPCs, each with one subnet, one instance (x.x.1.10) and a route 10.0.0.0/8 to its
 * transit gateway. tgw-iso has default association and propagation disabled and three route
 * tables: prod (10.10.0.0/16) is associated with tgw-rtb-prod, which holds only shared's route
 * plus a static blackhole 10.99.0.0/16; dev (10.20.0.0/16) with tgw-rtb-dev, holding only
 * shared's route; shared (10.30.0.0/16) with tgw-rtb-shared, which both prod and dev propagate
 * into. tgw-flat keeps AWS's defaults: prod2 (10.40.0.0/16, Environment=prod) and dev2
 * (10.50.0.0/16, Environment=dev) are both associated with and propagating to tgw-rtb-default.
 */
class TransitGatewayReachabilityTest {
  private final ReachabilityAnalysis analysis = ReachabilityAnalysis.of(Fixtures.network("tgw"));

  @Test
  @DisplayName("§31 separate route tables: prod reaches shared, hop by hop, and back")
  void analyze_prodToShared_reachable() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-prod", "i-shared", Protocol.TCP, 443));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).containsExactly("i-prod", "eni-prod", "sg-prod", "acl-prod", "rtb-prod",
        "tgw-attach-prod", "tgw-iso", "tgw-rtb-prod", "tgw-attach-shared", "acl-shared", "sg-shared", "eni-shared",
        "i-shared");
    assertThat(v.forwardPathComponents().get(7).rule()).get().isEqualTo(new AnalysisRule.TransitGatewayRouteTableRoute(
        "10.30.0.0/16", "active", "propagated", "tgw-attach-shared", "vpc"));
    assertThat(v.returnHopIds()).contains("tgw-rtb-shared").endsWith("eni-prod", "i-prod");
  }

  @Test
  @DisplayName("§31 separate route tables: prod does not reach dev")
  void analyze_prodToDev_isolated() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-prod", "i-dev", Protocol.TCP, 443));
    assertThat(v.networkPathFound()).isFalse();
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.NO_ROUTE_TO_DESTINATION);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("tgw-rtb-prod");
  }

  @Test
  @DisplayName("§30 default association and propagation: prod2 reaches dev2 through the default table")
  void analyze_defaultRouteTable_joinsEnvironments() {
    ReachabilityVerdict v = analysis.analyze(Query.of("i-prod2", "i-dev2", Protocol.TCP, 5432));
    assertThat(v.networkPathFound()).as(v.toText()).isTrue();
    assertThat(v.forwardHopIds()).contains("tgw-flat", "tgw-rtb-default", "tgw-attach-dev2");
  }

  @Test
  @DisplayName("§32 a static blackhole route drops the packet: TGW_RTB_BAD_STATE_ROUTE")
  void analyze_tgwBlackhole_badStateRoute() {
    Query q = new Query(Optional.of("i-prod"), Optional.empty(), Optional.empty(),
        Optional.of(Cidr.parseBlockOrAddress("10.99.0.5")), Protocol.TCP, Optional.of(443), Optional.empty());
    ReachabilityVerdict v = analysis.analyze(q);
    assertThat(v.explanationCodes()).containsExactly(ExplanationCode.TGW_RTB_BAD_STATE_ROUTE);
    assertThat(v.explanations().get(0).component().id()).isEqualTo("tgw-rtb-prod");
  }
}
