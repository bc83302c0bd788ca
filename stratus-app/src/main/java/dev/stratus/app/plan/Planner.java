package dev.stratus.app.plan;

import dev.stratus.app.plan.Plan.Architecture;
import dev.stratus.app.plan.Plan.Kind;
import dev.stratus.app.plan.Plan.Population;
import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.City;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
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

  /** One population under one architecture. */
  public record PopulationResult(String population, double weight, double p50Ms, double p90Ms, double sessionSeconds) {}

  /** What an architecture costs a month, by part (USD). */
  public record Cost(double regions, double licences, double dataOut, double globalAccelerator, double database,
      double replication) {
    public double total() { return regions + licences + dataOut + globalAccelerator + database + replication; }
  }

  /** One architecture: per population, overall (weighted), and its cost. */
  public record ArchitectureResult(Architecture architecture, List<PopulationResult> populations, double p50Ms,
      double p90Ms, double sessionSeconds, Cost cost) {}

  private record Sample(double rttMs, double weight) {}

  public List<ArchitectureResult> evaluate(Plan plan) {
    List<ArchitectureResult> out = new ArrayList<>();
    for (Architecture a : plan.architectures()) {
      a.regions().forEach(this::region);
      List<PopulationResult> pops = new ArrayList<>();
      List<Sample> all = new ArrayList<>();
      double session = 0;
      double weights = 0;
      for (Population p : plan.populations()) {
        List<Sample> samples = new ArrayList<>();
        List<GeoPoint> points = places(p);
        for (GeoPoint point : points) samples.add(new Sample(roundTrip(point, a), p.weight() / points.size()));
        double p50 = quantile(samples, 0.5);
        pops.add(new PopulationResult(p.name(), p.weight(), p50, quantile(samples, 0.9), p50 * p.roundTrips() / 1_000));
        all.addAll(samples);
        session += p.weight() * p50 * p.roundTrips() / 1_000;
        weights += p.weight();
      }
      out.add(new ArchitectureResult(a, pops, quantile(all, 0.5), quantile(all, 0.9), session / weights, cost(plan, a)));
    }
    return out;
  }

  /** The modelled round trip from {@code client} under {@code a}, in milliseconds. */
  double roundTrip(GeoPoint client, Architecture a) {
    Kind kind = a.type();
    double best = Double.MAX_VALUE;
    for (String code : a.regions()) {
      GeoPoint region = region(code).point();
      double rtt = switch (kind) {
        case SINGLE_REGION, MULTI_REGION -> model.roundTripMillis(client, region, NetworkPath.PUBLIC_INTERNET);
        case SINGLE_REGION_GLOBAL_ACCELERATOR, MULTI_REGION_GLOBAL_ACCELERATOR -> viaEdge(client, region);
        case SINGLE_REGION_CLOUDFRONT, MULTI_REGION_CLOUDFRONT -> {
          double hit = a.cacheHitRatio() == null ? 0 : a.cacheHitRatio();
          GeoPoint edge = nearestEdge(client);
          yield hit * model.roundTripMillis(client, edge, NetworkPath.PUBLIC_INTERNET) + (1 - hit) * viaEdge(client, region);
        }
      };
      best = Math.min(best, rtt);
    }
    return best;
  }

  private double viaEdge(GeoPoint client, GeoPoint region) {
    return model.viaEdgeMillis(client, nearestEdge(client), region);
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
