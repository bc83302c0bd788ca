package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JitterTest {
  private static final List<NetworkPath> DIRECT = List.of(NetworkPath.PUBLIC_INTERNET);
  private static final List<NetworkPath> VIA_EDGE = List.of(NetworkPath.PUBLIC_INTERNET, NetworkPath.AWS_BACKBONE);

  @Test
  void oneWay_reachesY1541sIpdvAtThe999thPercentile_andTheBackboneATenth() {
    double m = Jitter.meanOneWayMillis(NetworkPath.PUBLIC_INTERNET);
    // Exponential tail: P(X > 50 ms) = 10^-3.
    assertThat(Math.exp(-50 / m)).isCloseTo(1e-3, within(1e-9));
    assertThat(Jitter.meanOneWayMillis(NetworkPath.AWS_BACKBONE)).isCloseTo(m / 10, within(1e-9));
  }

  @Test
  void roundTrip_isTwoIndependentOneWayDelaysPerLeg() {
    double m = Jitter.meanOneWayMillis(NetworkPath.PUBLIC_INTERNET);
    var d = new LossRecovery.Distribution(Jitter.roundTrip(DIRECT));
    assertThat(d.outcomes().stream().mapToDouble(LossRecovery.Outcome::probability).sum()).isCloseTo(1, within(1e-9));
    assertThat(d.meanMillis()).isCloseTo(2 * m, within(2 * m * 0.01));
    // The median of a sum of two exponentials of mean m is 1.678 m; the bins straddle it.
    assertThat(d.quantile(0.5)).isBetween(1.3 * m, 2.0 * m);
    // The p99 sits in the tail bins: a two-exponential sum passes 6.64 m with probability 1 %.
    assertThat(d.quantile(0.99)).isBetween(5.5 * m, 8 * m);
    var viaEdge = new LossRecovery.Distribution(Jitter.roundTrip(VIA_EDGE));
    assertThat(viaEdge.meanMillis()).isCloseTo(Jitter.meanRoundTripMillis(VIA_EDGE), within(0.2));
    assertThat(viaEdge.meanMillis()).isGreaterThan(d.meanMillis());
  }

  @Test
  void plus_addsAnIndependentDelayToEveryOutcome() {
    var loss = LossRecovery.roundTrip(List.of(new LossRecovery.Leg(100, 0.01)));
    var felt = loss.plus(Jitter.roundTrip(DIRECT));
    assertThat(felt.meanMillis()).isCloseTo(loss.meanMillis() + Jitter.meanRoundTripMillis(DIRECT), within(0.2));
    assertThat(felt.lossFreeMillis()).isGreaterThan(100);
  }
}
