package dev.stratus.app.plan;

import dev.stratus.app.plan.Plan.Architecture;
import dev.stratus.app.plan.Plan.Kind;
import dev.stratus.app.plan.Plan.Population;
import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.City;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.Jitter;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.LossRecovery;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.geo.PathLoss;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Estimates, for each architecture of a {@link Plan}, every population's round-trip time and the
 * monthly cost:
 * <ul>
 *   <li>single Region: the public internet to the Region;
 *   <li>with Global Accelerator: the internet to the nearest edge, then the AWS backbone;
 *   <li>with CloudFront: as Global Accelerator for the round trips the edge does not answer, the
 *       internet to the edge alone for those it does ({@code cacheHitRatio});
 *   <li>several Regions: the fastest of them (latency routing), directly or through the edge.
 * </ul>
 * A country population stands for its cities in the city table, equally.
 *
 * <p>A session's new connections ({@code newConnections}) pay their handshakes before their first
 * request, differently per architecture, as AWS documents each service:
 * <ul>
 *   <li>direct to a Region: the TCP handshake and TLS's round trips, each a whole round trip to the
 *       Region;
 *   <li>Global Accelerator: the TCP handshake with the nearest edge, which "at nearly the same time"
 *       opens a second TCP connection to the endpoint (AWS What's New, 23 March 2020, "AWS Global
 *       Accelerator launches TCP termination at the edge"; no pool of open connections is
 *       documented), so the client's first bytes wait at the edge until that connection is up:
 *       max(edge round trip, backbone round trip). TLS is not terminated at the edge — GA is a
 *       layer-4 proxy and the ALB or instance holds the certificate — so each TLS round trip goes
 *       the whole way. What a user measures as connect time ({@code curl}'s {@code time_connect})
 *       is the edge round trip alone; the request still crosses to the Region (independent
 *       measurements from four US cities, Hunter Fernandes, "AWS Global Accelerator", 2019:
 *       TCP handshake 42–63 ms faster, TLS handshake from 43 ms faster to 57 ms slower);
 *   <li>CloudFront: TCP and TLS end at the edge (seed 000: "CloudFront terminates TLS connections
 *       at the edge location to reduce connection setup latency"), and the edge
 *       keeps persistent connections to the origin (CloudFront Developer Guide, "Origin keep-alive
 *       timeout"), so a new viewer connection pays edge round trips only.
 * </ul>
 * A lost SYN or SYN-ACK waits the initial retransmission timeout, 1 s (RFC 6298 §2.1; Linux
 * TCP_TIMEOUT_INIT). Every round trip, handshakes included, also waits its path's {@link Jitter}.
 * A retransmission's timeout is still SRTT + 200 ms: with the jitter here, 4·RTTVAR stays under
 * Linux's 200 ms floor (RFC 6298 §2.3), though SRTT would include the mean jitter (~15 ms) that
 * the model leaves out of it.
 */
public final class Planner {
  /** Hours in AWS's billing month. */
  static final double HOURS_PER_MONTH = 730;

  private final LatencyModel model;
  private final GeoTables tables;

  public Planner(LatencyModel model) {
    this.model = model;
    this.tables = model.tables();
  }

  /**
   * What a round trip feels like once delay variation ({@link Jitter}) and packet loss
   * ({@link LossRecovery}) are counted: quantiles and mean of the per-round-trip time including
   * queueing and TCP's waits to retransmit.
   */
  public record Felt(double p50Ms, double p90Ms, double p99Ms, double meanMs) {
    static Felt of(List<LossRecovery.Weighted> mix) {
      return new Felt(LossRecovery.quantile(mix, 0.5), LossRecovery.quantile(mix, 0.9), LossRecovery.quantile(mix, 0.99),
          LossRecovery.mean(mix));
    }
  }

  /**
   * One population under one architecture: the loss-free round trip's p50/p90 over its places,
   * what a session feels ({@link Felt}), the expected session time (mean felt round trip × round
   * trips) and the part of it spent waiting for retransmissions ({@code stallSeconds}).
   */
  public record PopulationResult(String population, double weight, double p50Ms, double p90Ms, double sessionSeconds,
      Felt felt, double stallSeconds, double newConnectionMs) {}

  /** What an architecture costs a month, by part (USD). */
  public record Cost(double regions, double licences, double dataOut, double globalAccelerator, double database,
      double replication) {
    public double total() { return regions + licences + dataOut + globalAccelerator + database + replication; }
  }

  /** One architecture: per population, overall (weighted), and its cost. */
  public record ArchitectureResult(Architecture architecture, List<PopulationResult> populations, double p50Ms,
      double p90Ms, double sessionSeconds, Cost cost, Felt felt, double stallSeconds, double newConnectionMs) {}

  /** RFC 6298 §2.1's initial retransmission timeout (Linux TCP_TIMEOUT_INIT): what a lost SYN waits. */
  static final double SYN_TIMEOUT_MILLIS = 1_000;

  private record Sample(double rttMs, double weight) {}

  public List<ArchitectureResult> evaluate(Plan plan) {
    List<ArchitectureResult> out = new ArrayList<>();
    for (Architecture a : plan.architectures()) {
      a.regions().forEach(this::region);
      List<PopulationResult> pops = new ArrayList<>();
      List<Sample> all = new ArrayList<>();
      List<LossRecovery.Weighted> allFelt = new ArrayList<>();
      double session = 0;
      double stall = 0;
      double connect = 0;
      double weights = 0;
      for (Population p : plan.populations()) {
        List<Sample> samples = new ArrayList<>();
        List<LossRecovery.Weighted> felt = new ArrayList<>();
        List<GeoPoint> points = places(p);
        double waitMs = 0;
        double handshakeMs = 0;
        double handshakeWaitMs = 0;
        for (GeoPoint point : points) {
          Estimate e = estimate(point, a, p.accessLoss(), p.tlsRoundTrips());
          double w = p.weight() / points.size();
          samples.add(new Sample(e.lossFreeMs(), w));
          felt.add(new LossRecovery.Weighted(e.felt(), w));
          waitMs += e.lossWaitMs() / points.size();
          handshakeMs += e.handshake().meanMs() / points.size();
          handshakeWaitMs += e.handshake().waitMs() / points.size();
        }
        Felt f = Felt.of(felt);
        double seconds = (f.meanMs() * p.roundTrips() + handshakeMs * p.connections()) / 1_000;
        double stallSeconds = (waitMs * p.roundTrips() + handshakeWaitMs * p.connections()) / 1_000;
        pops.add(new PopulationResult(p.name(), p.weight(), quantile(samples, 0.5), quantile(samples, 0.9), seconds, f,
            stallSeconds, handshakeMs));
        all.addAll(samples);
        allFelt.addAll(felt);
        session += p.weight() * seconds;
        stall += p.weight() * stallSeconds;
        connect += p.weight() * handshakeMs;
        weights += p.weight();
      }
      out.add(new ArchitectureResult(a, pops, quantile(all, 0.5), quantile(all, 0.9), session / weights, cost(plan, a),
          Felt.of(allFelt), stall / weights, connect / weights));
    }
    return out;
  }

  /** The modelled loss-free round trip from {@code client} under {@code a}, in milliseconds. */
  double roundTrip(GeoPoint client, Architecture a) {
    return estimate(client, a, PathLoss.ACCESS_TYPICAL, 1).lossFreeMs();
  }

  /**
   * What opening a connection adds to its first request (that request's own round trip is one of
   * the session's round trips).
   *
   * @param lossFreeMs the handshakes' round trips at the path's minimum, with GA's wait at the edge
   * @param jitterMs the mean queueing delay of those round trips
   * @param waitMs the expected wait for retransmissions during them
   */
  record Handshake(double lossFreeMs, double jitterMs, double waitMs) {
    double meanMs() { return lossFreeMs + jitterMs + waitMs; }

    /**
     * A TCP handshake of {@code tcpMs} that loses with probability {@code synLoss}, then
     * {@code tlsRoundTrips} round trips of {@code tls} (loss only), each round trip with a mean
     * extra delay of {@code jitterMs}.
     */
    static Handshake of(double tcpMs, double synLoss, int tlsRoundTrips, LossRecovery.Distribution tls, double jitterMs) {
      return new Handshake(tcpMs + tlsRoundTrips * tls.lossFreeMillis(), (1 + tlsRoundTrips) * jitterMs,
          synLoss * SYN_TIMEOUT_MILLIS + tlsRoundTrips * (tls.meanMillis() - tls.lossFreeMillis()));
    }
  }

  /**
   * A client under an architecture: the loss-free round trip (mean over cache hits), what it
   * feels (with {@link Jitter} and loss), the mean wait for retransmissions within that, and what a
   * new connection costs.
   */
  record Estimate(double lossFreeMs, LossRecovery.Distribution felt, double lossWaitMs, Handshake handshake) {
    static Estimate of(LossRecovery.Distribution lossOnly, List<NetworkPath> paths, Handshake handshake) {
      return new Estimate(lossOnly.lossFreeMillis(), lossOnly.plus(Jitter.roundTrip(paths)),
          lossOnly.meanMillis() - lossOnly.lossFreeMillis(), handshake);
    }
  }

  private static final List<NetworkPath> DIRECT = List.of(NetworkPath.PUBLIC_INTERNET);
  private static final List<NetworkPath> VIA_EDGE = List.of(NetworkPath.PUBLIC_INTERNET, NetworkPath.AWS_BACKBONE);

  /**
   * The round trip of a client with access loss {@code access} under {@code a}: to the Region
   * with the fastest loss-free round trip (latency routing, or GA's nearest endpoint group), over
   * one TCP connection to the Region, or two through the edge (the edge terminates TCP).
   */
  Estimate estimate(GeoPoint client, Architecture a, double access, int tlsRoundTrips) {
    Kind kind = a.type();
    Estimate best = null;
    for (String code : a.regions()) {
      GeoPoint region = region(code).point();
      Estimate e = switch (kind) {
        case SINGLE_REGION, MULTI_REGION -> {
          var leg = internet(client, region, access);
          var d = LossRecovery.roundTrip(List.of(leg));
          yield Estimate.of(d, DIRECT, Handshake.of(leg.roundTripMillis(), leg.loss(), tlsRoundTrips, d,
              Jitter.meanRoundTripMillis(DIRECT)));
        }
        case SINGLE_REGION_GLOBAL_ACCELERATOR, MULTI_REGION_GLOBAL_ACCELERATOR -> {
          var legs = viaEdgeLegs(client, region, access);
          var d = LossRecovery.roundTrip(legs);
          var edge = legs.get(0);
          var backbone = legs.get(1);
          // The edge's own connection to the endpoint opens when the client's SYN arrives.
          double tcp = Math.max(edge.roundTripMillis(), backbone.roundTripMillis());
          double synLoss = 1 - (1 - edge.loss()) * (1 - backbone.loss());
          yield Estimate.of(d, VIA_EDGE, Handshake.of(tcp, synLoss, tlsRoundTrips, d, Jitter.meanRoundTripMillis(VIA_EDGE)));
        }
        case SINGLE_REGION_CLOUDFRONT, MULTI_REGION_CLOUDFRONT -> {
          double hit = a.cacheHitRatio() == null ? 0 : a.cacheHitRatio();
          var edgeLeg = internet(client, nearestEdge(client), access);
          var atEdge = LossRecovery.roundTrip(List.of(edgeLeg));
          var miss = LossRecovery.roundTrip(viaEdgeLegs(client, region, access));
          double wait = hit * (atEdge.meanMillis() - atEdge.lossFreeMillis())
              + (1 - hit) * (miss.meanMillis() - miss.lossFreeMillis());
          yield new Estimate(hit * atEdge.lossFreeMillis() + (1 - hit) * miss.lossFreeMillis(),
              mix(atEdge.plus(Jitter.roundTrip(DIRECT)), hit, miss.plus(Jitter.roundTrip(VIA_EDGE))), wait,
              Handshake.of(edgeLeg.roundTripMillis(), edgeLeg.loss(), tlsRoundTrips, atEdge,
                  Jitter.meanRoundTripMillis(DIRECT)));
        }
      };
      if (best == null || e.lossFreeMs() < best.lossFreeMs()) best = e;
    }
    return best;
  }

  private LossRecovery.Leg internet(GeoPoint client, GeoPoint server, double access) {
    return new LossRecovery.Leg(model.roundTripMillis(client, server, NetworkPath.PUBLIC_INTERNET),
        PathLoss.of(client, server, NetworkPath.PUBLIC_INTERNET, access));
  }

  /** The client's connection to its nearest edge, then the edge's over the backbone to the Region. */
  private List<LossRecovery.Leg> viaEdgeLegs(GeoPoint client, GeoPoint region, double access) {
    GeoPoint edge = nearestEdge(client);
    var backbone = new LossRecovery.Leg(model.roundTripMillis(edge, region, NetworkPath.AWS_BACKBONE),
        PathLoss.of(edge, region, NetworkPath.AWS_BACKBONE, access));
    return List.of(internet(client, edge, access), backbone);
  }

  /** {@code hitShare} of {@code hit}'s outcomes and the rest of {@code miss}'s. */
  private static LossRecovery.Distribution mix(LossRecovery.Distribution hit, double hitShare,
      LossRecovery.Distribution miss) {
    List<LossRecovery.Outcome> out = new ArrayList<>();
    hit.outcomes().forEach(o -> out.add(new LossRecovery.Outcome(o.millis(), o.probability() * hitShare)));
    miss.outcomes().forEach(o -> out.add(new LossRecovery.Outcome(o.millis(), o.probability() * (1 - hitShare))));
    return new LossRecovery.Distribution(out);
  }

  /** The edge location the client reaches fastest over the internet (anycast's aim). */
  private GeoPoint nearestEdge(GeoPoint client) {
    return tables.edgeLocations().stream().map(City::point)
        .min(Comparator.comparingDouble(e -> model.roundTripMillis(client, e, NetworkPath.PUBLIC_INTERNET)))
        .orElse(client);
  }

  Cost cost(Plan plan, Architecture a) {
    var u = plan.usage();
    var p = plan.prices().orList();
    int n = a.regions().size();
    boolean ga = a.type().globalAccelerator();
    boolean cloudFront = a.type().cloudFront();
    double dataOut = u.dataOutGbPerMonth() * (cloudFront ? p.cloudFrontPerGb() : p.dataTransferOutPerGb());
    double accelerator = ga ? p.globalAcceleratorHourly() * HOURS_PER_MONTH
        + u.dataOutGbPerMonth() * p.globalAcceleratorDtPremiumPerGb() : 0;
    // A global table keeps every item and applies every write in each of its Regions.
    double database = n * (u.storageGb() * p.storagePerGbMonth() + u.writesMillionsPerMonth() * p.writesPerMillion());
    double replication = (n - 1) * u.replicatedGbPerMonth() * p.interRegionPerGb();
    return new Cost(n * u.regionMonthlyUsd(), n * u.licencePerRegionMonthlyUsd(), dataOut, accelerator, database, replication);
  }

  private List<GeoPoint> places(Population p) {
    if (p.city() != null) {
      return List.of(tables.city(p.city())
          .orElseThrow(() -> new IllegalArgumentException("population " + p.name() + ": unknown city \"" + p.city() + "\""))
          .point());
    }
    List<GeoPoint> cities = tables.citiesIn(p.country()).stream().map(City::point).toList();
    if (!cities.isEmpty()) return cities;
    return List.of(tables.country(p.country())
        .orElseThrow(() -> new IllegalArgumentException("population " + p.name() + ": unknown country \"" + p.country() + "\""))
        .point());
  }

  private AwsRegion region(String code) {
    return tables.region(code).orElseThrow(() -> new IllegalArgumentException("unknown region \"" + code + "\""));
  }

  /** The weighted quantile {@code q} of the samples' round trips. */
  private static double quantile(List<Sample> samples, double q) {
    List<Sample> sorted = samples.stream().sorted(Comparator.comparingDouble(Sample::rttMs)).toList();
    double total = sorted.stream().mapToDouble(Sample::weight).sum();
    double at = 0;
    for (Sample s : sorted) {
      at += s.weight();
      if (at >= q * total - 1e-9) return s.rttMs();
    }
    return sorted.getLast().rttMs();
  }
}
