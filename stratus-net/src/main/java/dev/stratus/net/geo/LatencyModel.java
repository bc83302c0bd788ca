package dev.stratus.net.geo;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates network round-trip times from geography, the way Route 53 latency routing and
 * Global Accelerator edge selection need them: which region is closest in time to a client.
 */
public final class LatencyModel {

  /*
   * RTT = 2 × route × stretch / v_fibre + fixed, where route is the length of the fibre route
   * (FibreRoutes: shortest path over Regions and cable landings, fitted to measured inter-Region
   * round trips), stretch and fixed come from the NetworkPath, and v_fibre is the speed of light in
   * glass. Real AWS latency routing uses measured latency tables; a model that follows the cables
   * gives the same ordering for all but near-ties, is deterministic, and works offline. A path
   * through an edge location adds a public leg to the edge and a backbone leg onwards.
   */

  /** Speed of light in vacuum, 299,792.458 km/s (SI definition of the metre, 1983). */
  public static final double LIGHT_KM_PER_SECOND = 299_792.458;

  /**
   * Speed of light in optical fibre, ≈ 199,862 km/s = c / 1.5 (silica core group index
   * 1.46–1.50; Corning SMF-28 datasheet gives 1.4677 at 1550 nm; 1.5 rounds in favour of the
   * extra length of cable slack and splicing).
   */
  public static final double FIBRE_KM_PER_SECOND = LIGHT_KM_PER_SECOND / 1.5;

  private static final LatencyModel STANDARD = new LatencyModel(GeoTables.standard());

  private final GeoTables tables;
  private final FibreRoutes routes;

  public LatencyModel(GeoTables tables) {
    this.tables = Objects.requireNonNull(tables, "tables");
    this.routes = FibreRoutes.load(tables);
  }

  /** The model over the bundled tables. */
  public static LatencyModel standard() {
    return STANDARD;
  }

  public GeoTables tables() { return tables; }

  /** How many routes the model remembers (for tests of {@link #warm}). */
  int knownRoutes() { return routes.knownRoutes(); }

  /** The fibre route the model assumes between two points. */
  public FibreRoutes.Route route(GeoPoint a, GeoPoint b) { return routes.route(a, b); }

  /** Modelled round-trip time in milliseconds between two points over {@code path}. */
  public double roundTripMillis(GeoPoint a, GeoPoint b, NetworkPath path) {
    double km = routes.route(a, b).effectiveKm() * path.routeStretch();
    return 2 * km / FIBRE_KM_PER_SECOND * 1_000 + path.fixedRoundTripMillis();
  }

  /** {@link #roundTripMillis} as a Duration, rounded to the microsecond. */
  public Duration roundTrip(GeoPoint a, GeoPoint b, NetworkPath path) {
    return Duration.ofNanos(Math.round(roundTripMillis(a, b, path) * 1_000) * 1_000);
  }

  /**
   * Regions ordered by public-internet round trip from {@code client}, fastest first; codes that
   * name no known region are left out, ties keep the input order. Route 53 latency routing
   * answers with the first healthy one (route53.md §6).
   */
  public List<RegionLatency> rankRegions(GeoPoint client, Collection<String> regionCodes) {
    return regionCodes.stream()
        .map(tables::region)
        .flatMap(Optional::stream)
        .map(r -> new RegionLatency(r, roundTripMillis(client, r.point(), NetworkPath.PUBLIC_INTERNET)))
        .sorted(Comparator.comparingDouble(RegionLatency::roundTripMillis))
        .toList();
  }

  /** Nearest edges already found, by client point: clients stand at few points, and GA asks per connection. */
  private final Map<GeoPoint, Optional<City>> nearestEdges = new ConcurrentHashMap<>();

  /** The edge location closest to {@code client} (empty only if the table has no edges). */
  public Optional<City> nearestEdge(GeoPoint client) {
    Optional<City> known = nearestEdges.get(client);
    if (known != null) return known;
    Optional<City> edge = tables.edgeLocations().stream()
        .min(Comparator.comparingDouble(e -> client.distanceKm(e.point())));
    if (nearestEdges.size() < 65_536) nearestEdges.put(client, edge);
    return edge;
  }

  /**
   * Works out now what a first connection from each of {@code places} would otherwise work out
   * (its routes to every Region, its nearest edge and that edge's routes to every Region), so that
   * the first connection from a configured place pays no route search in cold code. Measured on a
   * loaded 2-core machine: the first Sydney connection to an ALB spent ~37 ms in the route
   * search before its emulated delay began.
   */
  public void warm(Collection<GeoPoint> places) {
    for (GeoPoint p : places) {
      Optional<GeoPoint> edge = nearestEdge(p).map(City::point);
      for (AwsRegion r : tables.regions()) {
        routes.route(p, r.point());
        edge.ifPresent(e -> routes.route(e, r.point()));
      }
      edge.ifPresent(e -> routes.route(p, e));
    }
  }

  /**
   * Round trip from a client over the public internet to {@code edge}, then over the AWS backbone
   * to {@code destination} (the Global Accelerator / CloudFront origin path).
   */
  public double viaEdgeMillis(GeoPoint client, GeoPoint edge, GeoPoint destination) {
    return roundTripMillis(client, edge, NetworkPath.PUBLIC_INTERNET)
        + roundTripMillis(edge, destination, NetworkPath.AWS_BACKBONE);
  }
}
