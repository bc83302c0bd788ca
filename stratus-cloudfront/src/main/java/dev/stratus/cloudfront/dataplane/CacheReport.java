package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import java.util.List;

/** The table {@code stratus cache DISTRIBUTION_ID} prints: per tier and place, objects and counters. */
public final class CacheReport {
  private CacheReport() {}

  public static String render(String id, List<CacheTier.Stats> stats, long originFetches) {
    StringBuilder b = new StringBuilder();
    b.append("Distribution ").append(id).append('\n');
    b.append(String.format("%-20s %-16s %8s %10s %10s %11s %10s %10s %10s %9s%n", "TIER", "LOCATION", "OBJECTS", "HITS",
        "MISSES", "REFRESHHITS", "COLLAPSED", "FETCHES", "EVICTIONS", "USED"));
    for (CacheTier.Stats s : stats) {
      b.append(String.format("%-20s %-16s %8d %10d %10d %11d %10d %10d %10d %8.1f%%%n", tier(s.kind()), s.name(), s.objects(),
          s.hits(), s.misses(), s.refreshHits(), s.collapsed(), s.fetches(), s.evictions(),
          s.budget() <= 0 ? 0.0 : 100.0 * s.bytes() / s.budget()));
    }
    if (stats.isEmpty()) b.append("(no requests yet)\n");
    b.append("Origin fetches: ").append(originFetches).append('\n');
    b.append("(COLLAPSED: hits held behind a fetch in flight; FETCHES: requests a tier sent onward, to the next tier"
        + " or, from the last, to the origin; EVICTIONS: objects dropped to stay within the tier's byte budget;"
        + " USED: share of that budget held)\n");
    return b.toString();
  }

  private static String tier(CacheTier.Kind k) {
    return switch (k) {
      case EDGE -> "edge";
      case REGIONAL_EDGE_CACHE -> "regional-edge-cache";
      case ORIGIN_SHIELD -> "origin-shield";
    };
  }
}
