package dev.stratus.app.plan;

import dev.stratus.net.geo.PathLoss;
import java.util.List;
import java.util.Objects;

/**
 * A plan file ({@code stratus plan PLAN.json}): who uses the service, the architectures to
 * compare, how much they move and store, and the prices to use (AWS's public list prices unless
 * overridden).
 */
public record Plan(List<Population> populations, List<Architecture> architectures, Usage usage, Prices prices) {
  public Plan {
    populations = List.copyOf(Objects.requireNonNull(populations, "populations"));
    architectures = List.copyOf(Objects.requireNonNull(architectures, "architectures"));
    usage = usage == null ? Usage.NONE : usage;
    prices = prices == null ? Prices.LIST : prices;
  }

  /**
   * Who uses the service when {@code stratus plan --from-running} is given no plan file: one
   * population in each inhabited continent's largest metros, equal weights, one round trip.
   */
  public static final List<Population> DEFAULT_POPULATIONS = java.util.stream.Stream.of("New York", "Los Angeles",
      "Sao Paulo", "London", "Frankfurt", "Johannesburg", "Mumbai", "Singapore", "Tokyo", "Sydney")
      .map(c -> new Population(c, c, null, 1, 1)).toList();

  /** This plan with {@code first} compared before its own architectures. */
  public Plan withFirst(Architecture first) {
    List<Architecture> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(architectures);
    return new Plan(populations, all, usage, prices);
  }

  /**
   * A group of users in a city, or spread over a country's cities in the city table.
   *
   * @param weight how many users (or what share of sessions) the group stands for
   * @param roundTrips round trips one session needs (an RDP session: every screen update)
   * @param access how good the users' own connections are: {@code typical} (the default) or
   *     {@code unstable} ({@link PathLoss#access})
   * @param accessLossPercent the share of round trips the users' access network loses, when known
   *     (overrides {@code access})
   * @param newConnections connections a session opens (default 0): each pays its TCP handshake and
   *     {@code tls}'s handshake round trips before its first request ({@code roundTrips} counts the
   *     requests, on new connections and reused ones alike)
   * @param tls the TLS version of those connections: {@code 1.3} (the default, one handshake round
   *     trip), {@code 1.2} (two) or {@code none}
   */
  public record Population(String name, String city, String country, double weight, int roundTrips, String access,
      Double accessLossPercent, Integer newConnections, String tls) {
    public Population {
      Objects.requireNonNull(name, "name");
      if ((city == null) == (country == null)) {
        throw new IllegalArgumentException("population " + name + ": give exactly one of city or country");
      }
      if (weight <= 0) throw new IllegalArgumentException("population " + name + ": weight must be > 0");
      if (roundTrips <= 0) roundTrips = 1;
      if (access != null) {
        try {
          PathLoss.access(access);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("population " + name + ": " + e.getMessage());
        }
      }
      if (accessLossPercent != null && !(accessLossPercent >= 0 && accessLossPercent < 100)) {
        throw new IllegalArgumentException("population " + name + ": accessLossPercent must be within 0..100");
      }
      if (newConnections != null && newConnections < 0) {
        throw new IllegalArgumentException("population " + name + ": newConnections must be >= 0");
      }
      if (tls != null) tlsRoundTrips(name, tls);
    }

    public Population(String name, String city, String country, double weight, int roundTrips) {
      this(name, city, country, weight, roundTrips, null, null, null, null);
    }

    /** Connections a session opens. */
    public int connections() {
      return newConnections == null ? 0 : newConnections;
    }

    /**
     * Round trips a TLS handshake takes before the client may send its request: two for TLS 1.2
     * (RFC 5246 §7.3, full handshake), one for TLS 1.3 (RFC 8446 §2), none without TLS.
     */
    public int tlsRoundTrips() {
      return tls == null ? 1 : tlsRoundTrips(name, tls);
    }

    private static int tlsRoundTrips(String name, String tls) {
      return switch (tls) {
        case "1.3" -> 1;
        case "1.2" -> 2;
        case "none" -> 0;
        default -> throw new IllegalArgumentException("population " + name + ": unknown tls \"" + tls
            + "\" (known: 1.3, 1.2, none)");
      };
    }

    /** The probability that a round trip loses a packet in these users' access network. */
    public double accessLoss() {
      if (accessLossPercent != null) return accessLossPercent / 100;
      return access == null ? PathLoss.ACCESS_TYPICAL : PathLoss.access(access);
    }
  }

  /** The shapes the planner knows. */
  public enum Kind {
    SINGLE_REGION("single-region"),
    SINGLE_REGION_GLOBAL_ACCELERATOR("single-region+global-accelerator"),
    SINGLE_REGION_CLOUDFRONT("single-region+cloudfront"),
    MULTI_REGION("multi-region"),
    MULTI_REGION_GLOBAL_ACCELERATOR("multi-region+global-accelerator"),
    /** A distribution with origins in several Regions, each viewer's misses going to the nearest. */
    MULTI_REGION_CLOUDFRONT("multi-region+cloudfront");

    private final String text;

    Kind(String text) { this.text = text; }

    public String text() { return text; }

    public static Kind of(String text) {
      for (Kind k : values()) if (k.text.equals(text)) return k;
      throw new IllegalArgumentException("unknown architecture kind \"" + text + "\" (known: "
          + java.util.Arrays.stream(values()).map(Kind::text).toList() + ")");
    }

    public boolean globalAccelerator() { return this == SINGLE_REGION_GLOBAL_ACCELERATOR || this == MULTI_REGION_GLOBAL_ACCELERATOR; }

    public boolean cloudFront() { return this == SINGLE_REGION_CLOUDFRONT || this == MULTI_REGION_CLOUDFRONT; }
  }

  /**
   * One candidate.
   *
   * @param kind one of {@link Kind}'s texts, e.g. {@code single-region+global-accelerator}
   * @param regions where it runs (one for the single-Region kinds)
   * @param cacheHitRatio with CloudFront, the share of round trips the edge answers (default 0:
   *     dynamic traffic that only rides the backbone)
   */
  public record Architecture(String name, String kind, List<String> regions, Double cacheHitRatio) {
    public Architecture {
      Objects.requireNonNull(name, "name");
      regions = List.copyOf(Objects.requireNonNull(regions, "regions"));
      if (regions.isEmpty()) throw new IllegalArgumentException("architecture " + name + ": regions is empty");
      Kind k = Kind.of(Objects.requireNonNull(kind, "kind"));
      if ((k == Kind.SINGLE_REGION || k == Kind.SINGLE_REGION_GLOBAL_ACCELERATOR || k == Kind.SINGLE_REGION_CLOUDFRONT)
          && regions.size() != 1) {
        throw new IllegalArgumentException("architecture " + name + ": a " + kind + " architecture names one region");
      }
      if (cacheHitRatio != null && (cacheHitRatio < 0 || cacheHitRatio > 1)) {
        throw new IllegalArgumentException("architecture " + name + ": cacheHitRatio must be between 0 and 1");
      }
    }

    public Kind type() { return Kind.of(kind); }
  }

  /**
   * What the service moves and keeps each month, and what each Region costs to run.
   *
   * @param dataOutGbPerMonth data sent to users
   * @param storageGb data kept in the (replicated) database
   * @param writesMillionsPerMonth database writes, millions (replicated to every Region)
   * @param replicatedGbPerMonth data the database replicates between Regions
   * @param regionMonthlyUsd compute and the rest of one Region's deployment
   * @param licencePerRegionMonthlyUsd software licensed per Region (seed 004: the OpenVPN server)
   */
  public record Usage(double dataOutGbPerMonth, double storageGb, double writesMillionsPerMonth,
      double replicatedGbPerMonth, double regionMonthlyUsd, double licencePerRegionMonthlyUsd) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);
  }

  /**
   * Unit prices in USD. Defaults ({@link #LIST}): AWS's public list prices for us-east-1 and
   * Europe in 2025 — EC2 data transfer out to the internet $0.09/GB (first 10 TB), inter-Region
   * transfer $0.02/GB, Global Accelerator $0.025 per accelerator-hour plus DT-Premium (here
   * $0.035/GB, between the $0.015 of North America and Europe and the $0.105 of the dearest
   * pairs), CloudFront data transfer out $0.085/GB (North America and Europe, first 10 TB; origin
   * fetches from AWS are free), DynamoDB storage $0.25/GB-month and on-demand writes (and global
   * tables' replicated writes) $0.625 per million (after the November 2024 price cut).
   */
  public record Prices(Double dataTransferOutPerGb, Double interRegionPerGb, Double globalAcceleratorHourly,
      Double globalAcceleratorDtPremiumPerGb, Double cloudFrontPerGb, Double storagePerGbMonth,
      Double writesPerMillion) {
    public static final Prices LIST = new Prices(0.09, 0.02, 0.025, 0.035, 0.085, 0.25, 0.625);

    /** These prices with every missing one taken from {@link #LIST}. */
    public Prices orList() {
      return new Prices(or(dataTransferOutPerGb, LIST.dataTransferOutPerGb), or(interRegionPerGb, LIST.interRegionPerGb),
          or(globalAcceleratorHourly, LIST.globalAcceleratorHourly),
          or(globalAcceleratorDtPremiumPerGb, LIST.globalAcceleratorDtPremiumPerGb), or(cloudFrontPerGb, LIST.cloudFrontPerGb),
          or(storagePerGbMonth, LIST.storagePerGbMonth), or(writesPerMillion, LIST.writesPerMillion));
    }

    private static Double or(Double a, Double b) { return a != null ? a : b; }
  }
}
