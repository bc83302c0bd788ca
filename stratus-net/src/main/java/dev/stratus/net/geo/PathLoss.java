package dev.stratus.net.geo;

/**
 * How often a round trip over a path loses a packet, by the kind of path: the public internet
 * (its access network, set by how good the user's connection is, plus long-haul transit that
 * loses more the further it goes) or the AWS backbone. {@link LossRecovery} turns these into the
 * time an interactive session waits for TCP to retransmit.
 *
 * <p>Every figure is taken from a publication, not fitted to any result of the planner; one of them
 * could not be checked against its source's text:
 * <ul>
 *   <li>{@link #INTERNET_LOSS_BY_DISTANCE} — <b>not verified</b>: attributed to the table "Effect of
 *       distance on throughput and download times" (distance from server to user, network RTT,
 *       typical packet loss, throughput, 4 GB DVD download time) of Leighton, "Improving
 *       Performance on the Internet", Communications of the ACM 52(2), Feb. 2009
 *       (https://m-cacm.acm.org/magazines/2009/2/19323-improving-performance-on-the-internet),
 *       repeated as Table 1 of Nygren, Sitaraman, Sun, "The Akamai Network: A Platform for
 *       High-Performance Internet Applications", ACM SIGOPS Operating Systems Review 44(3), 2010
 *       (copies at https://studylib.net/doc/12267463/ and
 *       https://www.scribd.com/document/123667920/). The figures — typical packet loss 0.6 % local
 *       (&lt; 100 mi), 0.7 % regional (500–1,000 mi), 1.0 % cross-continent (~3,000 mi), 1.4 %
 *       multi-continent (~6,000 mi) — were written from memory of that table by the session that
 *       added them; the session that checked them (7 Dec 2026) reached both papers' openings but not
 *       the table's text, so they are unconfirmed, not corrected. Whoever can read the table: fix
 *       the four rows here, {@code Seed004PlanTest.theModelUsesTheCitedFigures} and the README's
 *       "stratus plan" paragraph together;
 *   <li>{@link #ACCESS_UNSTABLE}: FCC, Measuring Broadband America, Ninth Fixed Broadband Report
 *       (2019), chart 8 bands consumers by peak-period packet loss (&lt; 0.4 %, 0.4–1 %, &gt; 1 %);
 *       an unstable connection is one in the worst band, at its floor;
 *   <li>{@link #BACKBONE_LOSS_RATIO}: Haq, Raja, Dogar, "Measuring and Improving the Reliability of
 *       Wide-Area Cloud Paths", WWW 2017 (Tufts TR-2016-01): inter-continental paths inside
 *       Amazon's, Google's and Microsoft's networks have "an order of magnitude lower loss rate and
 *       jitter at the tail" than public internet paths. AWS says the same of Global Accelerator's
 *       network without a number ("congestion free", AWS Networking blog, "Measuring AWS Global
 *       Accelerator performance and analyzing results").
 * </ul>
 * The 2010 table is older than today's access networks; the planner's users can set their own
 * access loss per population ({@code accessLossPercent}). Evidence against the distance rows, found
 * by the 7 Dec 2026 session: SLAC's PingER reports, from North America, that "losses are fairly
 * distance independent", below 0.1 % to Europe, East Asia and Oceania and above it, up to a few per
 * cent, to Latin America, Central, South and South-East Asia, Russia and Africa
 * (https://confluence.slac.stanford.edu/pages/diffpages.action?originalId=36127&amp;pageId=36128,
 * ping loss, 2000s); so where a plan's verdict turns on loss rather than on round trips, it rests on
 * figures that better-connected regions beat.
 */
public final class PathLoss {
  private PathLoss() {}

  private static final double KM_PER_MILE = 1.609344;

  /**
   * {great-circle km from server to user, typical packet loss}, as attributed to Leighton 2009 /
   * Nygren et al. 2010 (unverified, see the class comment). The rows' distances are &lt; 100 mi,
   * 500–1,000 mi (taken at 750), ~3,000 mi and ~6,000 mi.
   */
  public static final double[][] INTERNET_LOSS_BY_DISTANCE = {
      {100 * KM_PER_MILE, 0.006},
      {750 * KM_PER_MILE, 0.007},
      {3_000 * KM_PER_MILE, 0.010},
      {6_000 * KM_PER_MILE, 0.014},
  };

  /**
   * Loss of a user's own access network with a server next door: the table's local row (0.6 %),
   * which is what a typical connection loses before distance adds any.
   */
  public static final double ACCESS_TYPICAL = INTERNET_LOSS_BY_DISTANCE[0][1];

  /** A slow or unstable connection: 1 %, the floor of the FCC's worst peak-period loss band. */
  public static final double ACCESS_UNSTABLE = 0.01;

  /** Loss inside a cloud provider's backbone ÷ the public internet's over the same distance (Haq et al.). */
  public static final double BACKBONE_LOSS_RATIO = 0.1;

  /**
   * A user's access quality by name, as a plan file gives it: {@code typical} or {@code unstable}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static double access(String name) {
    return switch (name) {
      case "typical" -> ACCESS_TYPICAL;
      case "unstable" -> ACCESS_UNSTABLE;
      default -> throw new IllegalArgumentException("unknown access \"" + name + "\" (known: typical, unstable)");
    };
  }

  /**
   * Typical end-to-end loss of a public internet path of {@code km} (great circle): the table,
   * interpolated linearly between its rows and held at its first and last rows beyond them (no
   * extrapolation: the table stops at 6,000 mi and so does the loss it claims).
   */
  public static double internetByDistance(double km) {
    double[][] t = INTERNET_LOSS_BY_DISTANCE;
    if (km <= t[0][0]) return t[0][1];
    for (int i = 1; i < t.length; i++) {
      if (km <= t[i][0]) {
        double f = (km - t[i - 1][0]) / (t[i][0] - t[i - 1][0]);
        return t[i - 1][1] + f * (t[i][1] - t[i - 1][1]);
      }
    }
    return t[t.length - 1][1];
  }

  /** What distance adds to the access network's loss over the public internet (0 within 100 mi). */
  public static double internetTransit(double km) {
    return internetByDistance(km) - ACCESS_TYPICAL;
  }

  /**
   * Probability that a round trip from a user with access loss {@code access} over the public
   * internet to a server {@code km} away loses a packet: the access network's loss and the
   * transit's, independent.
   */
  public static double publicInternet(double km, double access) {
    return either(access, internetTransit(km));
  }

  /** Probability that a round trip over {@code km} of the AWS backbone loses a packet. */
  public static double backbone(double km) {
    return internetByDistance(km) * BACKBONE_LOSS_RATIO;
  }

  /** Probability that a round trip between two points over {@code path} loses a packet. */
  public static double of(GeoPoint a, GeoPoint b, NetworkPath path, double access) {
    double km = a.distanceKm(b);
    return switch (path) {
      case PUBLIC_INTERNET -> publicInternet(km, access);
      case AWS_BACKBONE -> backbone(km);
    };
  }

  private static double either(double p, double q) {
    return 1 - (1 - p) * (1 - q);
  }
}
