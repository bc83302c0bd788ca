package dev.stratus.route53.dataplane;

import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.geo.Place;
import dev.stratus.route53.model.CidrBlock;
import dev.stratus.route53.model.GeoLocation;
import dev.stratus.route53.model.GeoproximityLocation;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RoutingPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Route 53's routing-policy rules: which record sets of one (name, type) group answer a query,
 * given each record's health and where the client is (route53.md §1–15, §30).
 */
public final class RecordSelection {

  /*
   * Health (§30): a record without a health check is healthy; the caller's predicate says the
   * rest (health-check status, and EvaluateTargetHealth of aliases). Pick by policy among healthy
   * records; if none is healthy, treat all as healthy and pick by policy, with the documented
   * exceptions: failover answers the primary, multivalue answers up to 8 unhealthy records,
   * geolocation answers the smallest matching region.
   * Weighted (§3–4): P = weight / sum; zero-weight records only when every non-zero one is
   * unhealthy, or when the whole group is zero (then uniformly).
   * Latency (§6): regions ranked by the fibre model from the client's place; a client nothing
   * places (a private or loopback address without a clientLocations entry) is ranked from the
   * configured default client location (UNPLACED_CLIENT_REGION unless set), and the decision's
   * reason says so. Geoproximity (§11): smallest
   * biased great-circle distance. IP-based (§14): the longest stored block containing the client
   * subnet, not longer than the client's own prefix; otherwise the '*' record.
   * Pure: no clock, no I/O; randomness only from the context.
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html
   */

  /**
   * Where latency routing ranks regions from for a client nothing places, unless the
   * configuration sets a default client location: us-east-1 (N. Virginia), AWS's default Region,
   * so an unconfigured local test gets one documented, stable answer rather than whichever record
   * the group lists first.
   */
  public static final String UNPLACED_CLIENT_REGION = ClientLocator.STANDARD_DEFAULT;

  /** The start of a latency decision's reason for a client ranked from {@link #UNPLACED_CLIENT_REGION}. */
  public static final String UNPLACED_LATENCY = unplacedLatency(UNPLACED_CLIENT_REGION);

  /** The start of a latency decision's reason for a client ranked from the default location {@code name}. */
  static String unplacedLatency(String name) {
    return "latency (client not placed; ranked from the default location, " + name + ")";
  }

  /** A multivalue answer holds at most 8 records (route53.md §13). */
  public static final int MAX_MULTIVALUE_ANSWERS = 8;

  private RecordSelection() {}

  /**
   * The record sets answering a query for one group. An empty group, or a geolocation / IP-based
   * group with neither a match nor a default, gives an empty decision (NODATA, §9).
   */
  public static SelectionDecision select(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      DnsClient client, SelectionContext context) {
    if (group.isEmpty()) {
      return SelectionDecision.none("no records", false);
    }
    return switch (group.get(0).routing()) {
      case RoutingPolicy.Simple simple -> SelectionDecision.of(group.get(0), "simple", false);
      case RoutingPolicy.Weighted weighted -> weighted(group, healthy, context);
      case RoutingPolicy.Latency latency -> latency(group, healthy, client, context);
      case RoutingPolicy.Failover failover -> failover(group, healthy);
      case RoutingPolicy.Geolocation geolocation -> geolocation(group, healthy, client);
      case RoutingPolicy.Geoproximity geoproximity -> geoproximity(group, healthy, client, context);
      case RoutingPolicy.MultiValue multiValue -> multiValue(group, healthy, context);
      case RoutingPolicy.CidrRouting cidr -> cidr(group, healthy, client, context);
    };
  }

  private static long weightOf(ResourceRecordSet r) {
    return r.routing() instanceof RoutingPolicy.Weighted w ? w.weight() : 0;
  }

  static SelectionDecision weighted(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      SelectionContext context) {
    List<ResourceRecordSet> nonZero = group.stream().filter(r -> weightOf(r) > 0).toList();
    if (nonZero.isEmpty()) {
      List<ResourceRecordSet> pool = healthyOrAll(group, healthy);
      return SelectionDecision.of(pool.get(context.random().nextInt(pool.size())),
          "weighted: all weights 0, uniform", false);
    }
    List<ResourceRecordSet> healthyNonZero = nonZero.stream().filter(healthy).toList();
    if (!healthyNonZero.isEmpty()) {
      return SelectionDecision.of(byWeight(healthyNonZero, context), "weighted: healthy", false);
    }
    List<ResourceRecordSet> healthyZero = group.stream().filter(r -> weightOf(r) == 0).filter(healthy).toList();
    if (!healthyZero.isEmpty()) {
      return SelectionDecision.of(healthyZero.get(context.random().nextInt(healthyZero.size())),
          "weighted: every non-zero record unhealthy, zero-weight record", false);
    }
    return SelectionDecision.of(byWeight(nonZero, context), "weighted: none healthy, all treated as healthy", false);
  }

  private static ResourceRecordSet byWeight(List<ResourceRecordSet> records, SelectionContext context) {
    long total = records.stream().mapToLong(RecordSelection::weightOf).sum();
    long ticket = context.random().nextLong(total);
    for (ResourceRecordSet r : records) {
      ticket -= weightOf(r);
      if (ticket < 0) {
        return r;
      }
    }
    return records.get(records.size() - 1);
  }

  static SelectionDecision latency(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      DnsClient client, SelectionContext context) {
    List<ResourceRecordSet> ranked = new ArrayList<>(group);
    GeoPoint from = client.place().orElse(client.unplaced().place()).point();
    ranked.sort(Comparator.comparingDouble(r -> regionRtt(r, from, context)));
    return firstHealthyOrFirst(ranked, healthy,
        client.place().isPresent() ? "latency" : unplacedLatency(client.unplaced().name()), client.place().isPresent());
  }

  private static double regionRtt(ResourceRecordSet r, GeoPoint from, SelectionContext context) {
    String region = ((RoutingPolicy.Latency) r.routing()).region();
    return context.latency().tables().region(region)
        .map(reg -> context.latency().roundTripMillis(from, reg.point(), NetworkPath.PUBLIC_INTERNET))
        .orElse(Double.MAX_VALUE);
  }

  static SelectionDecision failover(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy) {
    Optional<ResourceRecordSet> primary = role(group, RoutingPolicy.Failover.Role.PRIMARY);
    Optional<ResourceRecordSet> secondary = role(group, RoutingPolicy.Failover.Role.SECONDARY);
    if (primary.isPresent() && healthy.test(primary.get())) {
      return SelectionDecision.of(primary.get(), "failover: primary healthy", false);
    }
    if (secondary.isPresent() && healthy.test(secondary.get())) {
      return SelectionDecision.of(secondary.get(), "failover: primary unhealthy, secondary healthy", false);
    }
    return primary.map(p -> SelectionDecision.of(p, "failover: both unhealthy, primary", false))
        .orElseGet(() -> SelectionDecision.of(secondary.orElseThrow(), "failover: only secondary, unhealthy", false));
  }

  private static Optional<ResourceRecordSet> role(List<ResourceRecordSet> group, RoutingPolicy.Failover.Role role) {
    return group.stream()
        .filter(r -> r.routing() instanceof RoutingPolicy.Failover f && f.role() == role)
        .findFirst();
  }

  static SelectionDecision geolocation(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      DnsClient client) {
    List<ResourceRecordSet> matching = group.stream()
        .filter(r -> matches(((RoutingPolicy.Geolocation) r.routing()).location(), client.place()))
        .sorted(Comparator.comparingInt((ResourceRecordSet r) ->
            ((RoutingPolicy.Geolocation) r.routing()).location().specificity()).reversed())
        .toList();
    if (matching.isEmpty()) {
      return SelectionDecision.none("geolocation: no matching location and no default", true);
    }
    for (ResourceRecordSet r : matching) {
      if (healthy.test(r)) {
        return SelectionDecision.of(r, "geolocation: " + describe(r) + ", healthy", true);
      }
    }
    return SelectionDecision.of(matching.get(0), "geolocation: all unhealthy, smallest region " + describe(matching.get(0)), true);
  }

  private static String describe(ResourceRecordSet r) {
    GeoLocation l = ((RoutingPolicy.Geolocation) r.routing()).location();
    return l.subdivisionCode().map(s -> l.countryCode().orElse("") + "-" + s)
        .or(() -> l.countryCode()).or(() -> l.continentCode()).orElse("?");
  }

  /** Whether a client at {@code place} falls in {@code location} (§8); an unknown place matches only '*'. */
  static boolean matches(GeoLocation location, Optional<Place> place) {
    if (location.catchAll()) {
      return true;
    }
    if (place.isEmpty()) {
      return false;
    }
    Place p = place.get();
    if (location.subdivisionCode().isPresent()) {
      return location.countryCode().equals(p.countryCode()) && location.subdivisionCode().equals(p.subdivision());
    }
    if (location.countryCode().isPresent()) {
      return location.countryCode().equals(p.countryCode());
    }
    return location.continentCode().isPresent()
        && p.continent().map(Enum::name).equals(location.continentCode());
  }

  static SelectionDecision geoproximity(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      DnsClient client, SelectionContext context) {
    if (client.place().isEmpty()) {
      return firstHealthyOrFirst(group, healthy, "geoproximity (client location unknown)", false);
    }
    GeoPoint from = client.place().get().point();
    List<ResourceRecordSet> ranked = group.stream()
        .sorted(Comparator.comparingDouble(r -> biasedDistance(r, from, context)))
        .toList();
    return firstHealthyOrFirst(ranked, healthy, "geoproximity", true);
  }

  /** The biased distance of §11: bias b > 0 → d·(1 − b/100); b < 0 → d / (1 + b/100). */
  static double biasedDistance(ResourceRecordSet r, GeoPoint from, SelectionContext context) {
    GeoproximityLocation location = ((RoutingPolicy.Geoproximity) r.routing()).location();
    Optional<GeoPoint> point = pointOf(location, context);
    if (point.isEmpty()) {
      return Double.MAX_VALUE;
    }
    double d = from.distanceKm(point.get());
    int bias = location.bias().orElse(0);
    return bias >= 0 ? d * (1 - bias / 100.0) : d / (1 + bias / 100.0);
  }

  /** A record's location: coordinates, a region's point, or a Local Zone group's parent region. */
  private static Optional<GeoPoint> pointOf(GeoproximityLocation location, SelectionContext context) {
    if (location.coordinates().isPresent()) {
      try {
        return Optional.of(new GeoPoint(Double.parseDouble(location.coordinates().get().latitude()),
            Double.parseDouble(location.coordinates().get().longitude())));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    Optional<String> region = location.awsRegion()
        .or(() -> location.localZoneGroup().map(RecordSelection::parentRegion));
    return region.flatMap(context.latency().tables()::region).map(AwsRegion::point);
  }

  /** {@code us-east-1-bos-1} → {@code us-east-1}: a Local Zone group is named after its parent region. */
  private static String parentRegion(String localZoneGroup) {
    String[] parts = localZoneGroup.split("-");
    return parts.length >= 3 ? parts[0] + "-" + parts[1] + "-" + parts[2] : localZoneGroup;
  }

  static SelectionDecision multiValue(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      SelectionContext context) {
    List<ResourceRecordSet> healthyOnes = group.stream().filter(healthy).toList();
    boolean anyHealthy = !healthyOnes.isEmpty();
    List<ResourceRecordSet> pool = new ArrayList<>(anyHealthy ? healthyOnes : group);
    shuffle(pool, context);
    List<ResourceRecordSet> chosen = pool.subList(0, Math.min(MAX_MULTIVALUE_ANSWERS, pool.size()));
    return new SelectionDecision(chosen, anyHealthy ? "multivalue: healthy records" : "multivalue: all unhealthy", false);
  }

  static SelectionDecision cidr(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy,
      DnsClient client, SelectionContext context) {
    String collectionId = ((RoutingPolicy.CidrRouting) group.get(0).routing()).collectionId();
    Map<String, List<CidrBlock>> locations = context.cidrCollections().apply(collectionId);
    Optional<ResourceRecordSet> fallback = group.stream()
        .filter(r -> RoutingPolicy.CidrRouting.DEFAULT_LOCATION.equals(location(r))).findFirst();
    Optional<ResourceRecordSet> matched = Optional.empty();
    int best = -1;
    for (ResourceRecordSet r : group) {
      for (CidrBlock block : locations.getOrDefault(location(r), List.of())) {
        if (block.prefixLength() > best && block.prefixLength() <= client.prefixLength()
            && block.contains(client.address())) {
          best = block.prefixLength();
          matched = Optional.of(r);
        }
      }
    }
    if (matched.isPresent() && (healthy.test(matched.get()) || fallback.isEmpty() || !healthy.test(fallback.get()))) {
      return SelectionDecision.of(matched.get(), "IP-based: location " + location(matched.get()), true);
    }
    return fallback.map(f -> SelectionDecision.of(f, "IP-based: default location", true))
        .orElseGet(() -> SelectionDecision.none("IP-based: no matching location and no default", true));
  }

  private static String location(ResourceRecordSet r) {
    return ((RoutingPolicy.CidrRouting) r.routing()).locationName();
  }

  private static SelectionDecision firstHealthyOrFirst(List<ResourceRecordSet> ranked,
      Predicate<ResourceRecordSet> healthy, String policy, boolean clientSpecific) {
    for (ResourceRecordSet r : ranked) {
      if (healthy.test(r)) {
        return SelectionDecision.of(r, policy + ": " + r.setIdentifier().orElse("") + ", healthy", clientSpecific);
      }
    }
    return SelectionDecision.of(ranked.get(0), policy + ": none healthy, first choice", clientSpecific);
  }

  private static List<ResourceRecordSet> healthyOrAll(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy) {
    List<ResourceRecordSet> h = group.stream().filter(healthy).toList();
    return h.isEmpty() ? group : h;
  }

  private static <T> void shuffle(List<T> list, SelectionContext context) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = context.random().nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
