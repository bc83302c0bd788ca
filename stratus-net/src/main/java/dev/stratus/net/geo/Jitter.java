package dev.stratus.net.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * How much a packet's one-way delay varies above the path's minimum (queueing in routers and in
 * the access network), by the kind of path, and what that adds to a round trip. The latency model
 * gives the minimum; {@link LossRecovery} adds loss; this adds the spread in between.
 *
 * <p>Sources, not fitted to any result of the planner:
 * <ul>
 *   <li>{@link #INTERNET_IPDV_MILLIS}: ITU-T Recommendation Y.1541 (12/2011), "Network performance
 *       objectives for IP-based services", Table 1: IP packet delay variation (IPDV) ≤ 50 ms for
 *       QoS classes 0 and 1 (real-time, interactive), where IPDV is the 1 − 10⁻³ quantile of the
 *       one-way delay minus its minimum, end to end (UNI to UNI), whatever the path's length. It is
 *       an objective networks are engineered to, a bound rather than a typical measurement: most
 *       paths do better, so the spread here is on the pessimistic side — equally for every
 *       architecture, since every one has an internet leg;
 *   <li>{@link #BACKBONE_RATIO}: Haq, Raja, Dogar, "Measuring and Improving the Reliability of
 *       Wide-Area Cloud Paths", WWW 2017: inter-continental paths inside Amazon's, Google's and
 *       Microsoft's networks have "an order of magnitude lower loss rate and jitter at the tail
 *       (95th percentile and beyond)" than public internet paths;
 *   <li>the shape: a one-way queueing delay with an exponential tail, P(X &gt; x) = e^(−x/m), the
 *       waiting time of a single-server queue (Kleinrock, Queueing Systems vol. 1, 1975, M/M/1);
 *       m is set so that the 99.9th percentile is the IPDV figure: m = IPDV / ln 1000. A round trip
 *       crosses each leg twice, independently.
 * </ul>
 * What no cited source splits — how much of the internet's figure is the user's own access
 * network and how much long-haul transit — the model does not split either: every internet leg,
 * a Sydney user's 5 km to the Sydney edge as much as their 17,000 km to Ireland, gets the whole
 * Y.1541 figure. So the model gives Global Accelerator and CloudFront no jitter benefit on the
 * user's own leg, though Haq et al.'s measurements (VM to VM, without access networks) suggest
 * long-haul transit is where the internet's tail comes from.
 */
public final class Jitter {
  private Jitter() {}

  /** ITU-T Y.1541 Table 1, classes 0 and 1: IPDV objective, ms (99.9th percentile minus minimum, one way). */
  public static final double INTERNET_IPDV_MILLIS = 50;

  /** The quantile IPDV is defined at: 1 − 10⁻³ (Y.1541 §6.2). */
  public static final double IPDV_QUANTILE = 0.999;

  /** The backbone's spread ÷ the internet's (Haq et al.: an order of magnitude lower at the tail). */
  public static final double BACKBONE_RATIO = 0.1;

  /** Mean one-way extra delay over {@code path}: IPDV / ln(1 / (1 − q)) for an exponential tail. */
  public static double meanOneWayMillis(NetworkPath path) {
    double ipdv = switch (path) {
      case PUBLIC_INTERNET -> INTERNET_IPDV_MILLIS;
      case AWS_BACKBONE -> INTERNET_IPDV_MILLIS * BACKBONE_RATIO;
    };
    return ipdv / Math.log(1 / (1 - IPDV_QUANTILE));
  }

  /** Mean extra delay of a round trip over {@code legs} (each crossed there and back). */
  public static double meanRoundTripMillis(List<NetworkPath> legs) {
    return legs.stream().mapToDouble(l -> 2 * meanOneWayMillis(l)).sum();
  }

  /**
   * The bins a round trip's extra delay is summarised in, by probability: twentieths centred on
   * the 5th, 10th, … 90th percentiles (so that a p50 or p90 lands mid-bin), then finer bins with
   * the 99th percentile mid-bin, and the tail.
   */
  private static final double[] BIN_PROBABILITIES = {0.025, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
      0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.01, 0.01, 0.004, 0.001};

  private static final double STEP_MILLIS = 0.1;

  /** Worked out once per kind of path: a plan asks for the same two (direct, through an edge) many times. */
  private static final java.util.Map<List<NetworkPath>, List<LossRecovery.Outcome>> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The extra delay of a round trip over {@code legs} as a few outcomes (each the mean of its bin,
   * with the bin's probability): the sum of two independent exponential one-way delays
   * per leg, worked out on a 0.1 ms grid.
   */
  public static List<LossRecovery.Outcome> roundTrip(List<NetworkPath> legs) {
    return KNOWN.computeIfAbsent(List.copyOf(legs), Jitter::workOut);
  }

  private static List<LossRecovery.Outcome> workOut(List<NetworkPath> legs) {
    double largest = legs.stream().mapToDouble(Jitter::meanOneWayMillis).max().orElse(0);
    if (largest == 0) return List.of(new LossRecovery.Outcome(0, 1));
    // 30 means of the largest exponential: what is cut off is below 10^-10.
    int n = (int) Math.ceil(largest * 30 / STEP_MILLIS);
    double[] density = null;
    for (NetworkPath leg : legs) {
      for (int direction = 0; direction < 2; direction++) {
        double[] one = exponential(meanOneWayMillis(leg), n);
        density = density == null ? one : convolve(density, one, n);
      }
    }
    double total = 0;
    for (double p : density) total += p;
    List<LossRecovery.Outcome> out = new ArrayList<>();
    int i = 0;
    double cumulative = 0; // nominal bin edges, so that one bin's overshoot does not eat the next
    double taken = 0;
    for (int b = 0; b < BIN_PROBABILITIES.length; b++) {
      cumulative += BIN_PROBABILITIES[b];
      boolean last = b == BIN_PROBABILITIES.length - 1;
      double mass = 0;
      double weighted = 0;
      while (i < n && (last || taken + mass < cumulative * total)) {
        mass += density[i];
        weighted += density[i] * (i + 0.5) * STEP_MILLIS;
        i++;
      }
      taken += mass;
      if (mass > 0) out.add(new LossRecovery.Outcome(weighted / mass, mass / total));
    }
    return out;
  }

  /** The probability of each grid cell for an exponential delay of mean {@code m}. */
  private static double[] exponential(double m, int n) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) p[i] = Math.exp(-i * STEP_MILLIS / m) - Math.exp(-(i + 1) * STEP_MILLIS / m);
    return p;
  }

  private static double[] convolve(double[] a, double[] b, int n) {
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      if (a[i] == 0) continue;
      for (int j = 0; i + j < n; j++) c[i + j] += a[i] * b[j];
    }
    return c;
  }
}
