package dev.stratus.cloudfront.dataplane;

import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CloudFront edge location (a POP): its code as {@code X-Amz-Cf-Pop} shows it (without the
 * {@code -C1} suffix), its city, and the regional edge cache its misses go to.
 *
 * @param regionalEdgeCache the AWS Region of the nearest regional edge cache
 */
public record EdgeLocation(String code, String city, GeoPoint point, String regionalEdgeCache) {
  public EdgeLocation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(regionalEdgeCache, "regionalEdgeCache");
  }

  /** The Regions that host a regional edge cache (CloudFront developer guide, "How CloudFront works"). */
  public static final Set<String> REGIONAL_EDGE_CACHE_REGIONS = Set.of("us-east-1", "us-east-2", "us-west-2",
      "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "eu-central-1",
      "eu-west-1", "eu-west-2", "sa-east-1");

  /** Real POP codes (as seen in X-Amz-Cf-Pop) in cities of the geo tables. */
  private static final List<String[]> CODES = List.of(
      new String[] {"IAD89", "Ashburn"}, new String[] {"SFO53", "San Francisco"}, new String[] {"GRU3", "Sao Paulo"},
      new String[] {"LHR61", "London"}, new String[] {"DUB56", "Dublin"}, new String[] {"CDG50", "Paris"},
      new String[] {"FRA56", "Frankfurt"}, new String[] {"ARN56", "Stockholm"}, new String[] {"BOM78", "Mumbai"},
      new String[] {"SIN2", "Singapore"}, new String[] {"ICN57", "Seoul"}, new String[] {"NRT57", "Tokyo"},
      new String[] {"KIX56", "Osaka"}, new String[] {"SYD62", "Sydney"});

  /** The standard table: each POP with the regional edge cache nearest it by the latency model. */
  public static List<EdgeLocation> standard(LatencyModel latency) {
    GeoTables tables = latency.tables();
    return CODES.stream().map(c -> {
      GeoPoint p = tables.city(c[1]).orElseThrow(() -> new IllegalStateException("no city " + c[1])).point();
      return new EdgeLocation(c[0], c[1], p, nearestRegion(latency, p, REGIONAL_EDGE_CACHE_REGIONS));
    }).toList();
  }

  static String nearestRegion(LatencyModel latency, GeoPoint p, Set<String> codes) {
    return latency.tables().regions().stream().filter(r -> codes.contains(r.code()))
        .min(Comparator.comparingDouble((AwsRegion r) -> latency.roundTripMillis(p, r.point(), NetworkPath.AWS_BACKBONE))
            .thenComparing(AwsRegion::code))
        .map(AwsRegion::code).orElseThrow();
  }

  /** The edge nearest {@code viewer} by modelled round trip over the public internet. */
  public static EdgeLocation nearest(List<EdgeLocation> edges, GeoPoint viewer, LatencyModel latency) {
    return edges.stream()
        .min(Comparator.comparingDouble(e -> latency.roundTripMillis(viewer, e.point(), NetworkPath.PUBLIC_INTERNET)))
        .orElseThrow();
  }
}
