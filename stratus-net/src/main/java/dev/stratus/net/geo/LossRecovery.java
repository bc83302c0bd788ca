package dev.stratus.net.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What an interactive session feels per round trip once packet loss is counted: the round trip
 * itself plus, when a packet is lost, the wait for TCP to retransmit it — over the TCP connection
 * that carries the lost packet. Without a proxy that is the one connection from the user to the
 * Region, so a loss on the user's own lossy access network costs a timeout sized by the whole
 * intercontinental round trip. Global Accelerator and CloudFront terminate the user's TCP
 * connection at the nearest edge (AWS What's New, 23 March 2020, "AWS Global Accelerator launches
 * TCP termination at the edge"; CloudFront is a proxy by construction) and open a second one over
 * the backbone: the same access loss is then recovered over the short user–edge round trip.
 *
 * <p>The wait: an interactive message (a keystroke, a small screen update) is a lone segment, the
 * tail of its flight, so no duplicate acknowledgements announce its loss and the sender waits for
 * a timer. Measured on Google's web servers, 70 % of retransmissions were sent on timeout
 * (Dukkipati et al., draft-dukkipati-tcpm-tcp-loss-probe-01, 2013). The retransmission timeout is
 * RTO = SRTT + max(G, 4·RTTVAR) (RFC 6298 §2.3), where Linux bounds the variance term below by
 * TCP_RTO_MIN = HZ/5 = 200 ms (include/net/tcp.h): RTO = SRTT + 200 ms on a steady path. The tail
 * loss probe of RACK-TLP fires at 2·SRTT, plus the 200 ms worst-case delayed ACK when one segment
 * is in flight (RFC 8985 §7.2), which for a lone segment is later than that RTO, so the RTO
 * governs. A retransmission lost again waits twice as long (RFC 6298 §5.5, back-off). Loss
 * probe's shorter 2·SRTT for multi-segment flights is left out: it would help the short edge
 * connection more than the long direct one, so leaving it out understates what the edge buys.
 */
public final class LossRecovery {
  private LossRecovery() {}

  /** Linux's floor on RTO − SRTT: TCP_RTO_MIN, HZ/5 = 200 ms (include/net/tcp.h). */
  public static final double TCP_RTO_MIN_MILLIS = 200;

  /** Retransmissions counted one by one; the rare rest are lumped into the last. */
  static final int MAX_LOSSES = 3;

  /**
   * One TCP connection a round trip crosses.
   *
   * @param roundTripMillis its smoothed round-trip time
   * @param loss probability that a round trip over it loses a packet (0..1)
   */
  public record Leg(double roundTripMillis, double loss) {
    public Leg {
      if (!(roundTripMillis >= 0)) throw new IllegalArgumentException("roundTripMillis must be >= 0: " + roundTripMillis);
      if (!(loss >= 0 && loss < 1)) throw new IllegalArgumentException("loss must be within 0..1: " + loss);
    }

    /** The connection's retransmission timeout: SRTT + 200 ms. */
    public double rtoMillis() {
      return roundTripMillis + TCP_RTO_MIN_MILLIS;
    }
  }

  /** One outcome of a round trip: how long it took and how likely that is. */
  public record Outcome(double millis, double probability) {}

  /**
   * The distribution of one round trip's time over {@code legs} in series (a proxy forwards at
   * once): the legs' round trips added, plus for each leg k = 0..3 losses with probability
   * p^k·(1−p) (the last holding p^3), costing RTO·(2^k − 1) of back-off.
   */
  public static Distribution roundTrip(List<Leg> legs) {
    List<Outcome> out = List.of(new Outcome(0, 1));
    for (Leg leg : legs) {
      List<Outcome> next = new ArrayList<>();
      for (Outcome o : out) {
        double p = leg.loss();
        for (int k = 0; k <= MAX_LOSSES; k++) {
          double probability = k < MAX_LOSSES ? Math.pow(p, k) * (1 - p) : Math.pow(p, k);
          if (probability == 0) continue;
          double wait = leg.rtoMillis() * ((1 << k) - 1);
          next.add(new Outcome(o.millis() + leg.roundTripMillis() + wait, o.probability() * probability));
        }
      }
      out = next;
    }
    return new Distribution(out);
  }

  /** A discrete distribution of round-trip times. */
  public record Distribution(List<Outcome> outcomes) {
    public Distribution {
      outcomes = outcomes.stream().sorted(Comparator.comparingDouble(Outcome::millis)).toList();
    }

    /** The round trip with no loss. */
    public double lossFreeMillis() {
      return outcomes.getFirst().millis();
    }

    public double meanMillis() {
      return outcomes.stream().mapToDouble(o -> o.millis() * o.probability()).sum();
    }

    public double quantile(double q) {
      return LossRecovery.quantile(List.of(new Weighted(this, 1)), q);
    }

    /**
     * This round trip with an independent extra delay added ({@link Jitter#roundTrip}): every
     * pair of outcomes, times added, probabilities multiplied.
     */
    public Distribution plus(List<Outcome> extra) {
      List<Outcome> out = new ArrayList<>(outcomes.size() * extra.size());
      for (Outcome o : outcomes) {
        for (Outcome e : extra) out.add(new Outcome(o.millis() + e.millis(), o.probability() * e.probability()));
      }
      return new Distribution(out);
    }
  }

  /** A distribution standing for {@code weight} of a mix (users in a city, a population). */
  public record Weighted(Distribution distribution, double weight) {}

  /** The {@code q} quantile of a weighted mix of distributions (the smallest time with at least q below or at it). */
  public static double quantile(List<Weighted> mix, double q) {
    List<double[]> all = new ArrayList<>();
    double total = 0;
    for (Weighted w : mix) {
      for (Outcome o : w.distribution().outcomes()) {
        all.add(new double[] {o.millis(), o.probability() * w.weight()});
        total += o.probability() * w.weight();
      }
    }
    double[][] sorted = all.toArray(double[][]::new);
    Arrays.sort(sorted, Comparator.comparingDouble(a -> a[0]));
    double at = 0;
    for (double[] s : sorted) {
      at += s[1];
      if (at >= q * total - 1e-12) return s[0];
    }
    return sorted[sorted.length - 1][0];
  }

  /** The weighted mean of a mix. */
  public static double mean(List<Weighted> mix) {
    double sum = 0;
    double weights = 0;
    for (Weighted w : mix) {
      sum += w.distribution().meanMillis() * w.weight();
      weights += w.weight();
    }
    return sum / weights;
  }
}
