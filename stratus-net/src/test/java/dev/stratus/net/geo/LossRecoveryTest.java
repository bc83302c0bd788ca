package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratus.net.geo.LossRecovery.Leg;
import dev.stratus.net.geo.LossRecovery.Outcome;
import dev.stratus.net.geo.LossRecovery.Weighted;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loss-recovery arithmetic and the cited loss figures it is fed. */
class LossRecoveryTest {

  @Test
  void oneLeg_aLossWaitsOneRto_aSecondLossTwoMore() {
    // 100 ms round trip, 1 % of round trips lose a packet: RTO = 100 + 200 ms.
    var d = LossRecovery.roundTrip(List.of(new Leg(100, 0.01)));
    assertThat(d.outcomes()).hasSize(4);
    assertOutcome(d.outcomes().get(0), 100, 0.99);
    assertOutcome(d.outcomes().get(1), 100 + 300, 0.01 * 0.99);
    assertOutcome(d.outcomes().get(2), 100 + 300 + 600, 0.0001 * 0.99);
    assertOutcome(d.outcomes().get(3), 100 + 300 + 600 + 1_200, 0.000001); // the rest lumped
    assertThat(d.outcomes().stream().mapToDouble(Outcome::probability).sum()).isCloseTo(1, within(1e-12));
    assertThat(d.meanMillis()).isCloseTo(100 + 300 * 0.0099 + 900 * 0.000099 + 2_100 * 0.000001, within(1e-9));
    assertThat(d.lossFreeMillis()).isEqualTo(100);
    assertThat(d.quantile(0.5)).isEqualTo(100);
    assertThat(d.quantile(0.99)).isEqualTo(100); // exactly 99 % lose nothing
    assertThat(d.quantile(0.995)).isEqualTo(400);
  }

  @Test
  void twoLegs_eachLossIsRecoveredOverItsOwnConnection() {
    // A user 10 ms from an edge on a lossy line, then 190 ms of loss-free backbone.
    var viaEdge = LossRecovery.roundTrip(List.of(new Leg(10, 0.02), new Leg(190, 0)));
    // The same line straight to the Region: one 200 ms connection.
    var direct = LossRecovery.roundTrip(List.of(new Leg(200, 0.02)));
    assertThat(viaEdge.lossFreeMillis()).isEqualTo(200);
    assertThat(direct.lossFreeMillis()).isEqualTo(200);
    assertThat(viaEdge.quantile(0.99)).isEqualTo(200 + 210); // the edge's RTO: 10 + 200
    assertThat(direct.quantile(0.99)).isEqualTo(200 + 400); // the Region's: 200 + 200
    assertThat(direct.meanMillis() - 200).isGreaterThan(1.8 * (viaEdge.meanMillis() - 200));
  }

  @Test
  void mix_weightsItsDistributions() {
    var near = LossRecovery.roundTrip(List.of(new Leg(10, 0)));
    var far = LossRecovery.roundTrip(List.of(new Leg(300, 0)));
    var mix = List.of(new Weighted(near, 3), new Weighted(far, 1));
    assertThat(LossRecovery.quantile(mix, 0.75)).isEqualTo(10);
    assertThat(LossRecovery.quantile(mix, 0.76)).isEqualTo(300);
    assertThat(LossRecovery.mean(mix)).isCloseTo((3 * 10 + 300) / 4.0, within(1e-9));
  }

  @Test
  void rto_isTheRoundTripPlusLinuxsTcpRtoMin() {
    assertThat(LossRecovery.TCP_RTO_MIN_MILLIS).isEqualTo(200);
    assertThat(new Leg(42, 0).rtoMillis()).isEqualTo(242);
    assertThatThrownBy(() -> new Leg(10, 1)).hasMessageContaining("loss");
  }

  @Test
  void pathLoss_followsTheCitedTables() {
    // Nygren et al. 2010, Table 1: 0.6 % local, 0.7 % regional, 1.0 % cross-continent, 1.4 % multi-continent.
    double mile = 1.609344;
    assertThat(PathLoss.internetByDistance(0)).isEqualTo(0.006);
    assertThat(PathLoss.internetByDistance(750 * mile)).isCloseTo(0.007, within(1e-12));
    assertThat(PathLoss.internetByDistance(3_000 * mile)).isCloseTo(0.010, within(1e-12));
    assertThat(PathLoss.internetByDistance(4_500 * mile)).isCloseTo(0.012, within(1e-12));
    assertThat(PathLoss.internetByDistance(12_000 * mile)).isEqualTo(0.014); // held, not extrapolated
    assertThat(PathLoss.internetTransit(50)).isZero();
    assertThat(PathLoss.ACCESS_TYPICAL).isEqualTo(0.006);
    assertThat(PathLoss.ACCESS_UNSTABLE).isEqualTo(0.01); // FCC MBA's worst band starts at 1 %
    assertThat(PathLoss.BACKBONE_LOSS_RATIO).isEqualTo(0.1); // Haq et al.: an order of magnitude lower
    assertThat(PathLoss.backbone(6_000 * mile)).isCloseTo(0.0014, within(1e-12));
    // An unstable line to a server next door loses what the line loses; far away, the transit adds.
    assertThat(PathLoss.publicInternet(10, PathLoss.ACCESS_UNSTABLE)).isCloseTo(0.01, within(1e-12));
    assertThat(PathLoss.publicInternet(6_000 * mile, PathLoss.ACCESS_UNSTABLE))
        .isCloseTo(1 - 0.99 * (1 - 0.008), within(1e-12));
    assertThat(PathLoss.access("typical")).isEqualTo(PathLoss.ACCESS_TYPICAL);
    assertThatThrownBy(() -> PathLoss.access("dial-up")).hasMessageContaining("unknown access");
  }

  private static void assertOutcome(Outcome o, double millis, double probability) {
    assertThat(o.millis()).isCloseTo(millis, within(1e-9));
    assertThat(o.probability()).isCloseTo(probability, within(1e-12));
  }
}
