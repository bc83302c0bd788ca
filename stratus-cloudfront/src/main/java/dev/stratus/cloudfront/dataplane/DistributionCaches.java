package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import dev.stratus.cloudfront.dataplane.cache.CacheTier.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The caches of one distribution at every tier: one per edge location, one per regional edge
 * cache Region, one per Origin Shield Region. Kept across redeployments (an update does not
 * empty CloudFront's caches; an invalidation does).
 */
final class DistributionCaches {
  private final ConcurrentHashMap<String, CacheTier> edges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CacheTier> regional = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CacheTier> shields = new ConcurrentHashMap<>();
  private final dev.stratus.cloudfront.dataplane.cache.CacheBudgets budgets;

  DistributionCaches(dev.stratus.cloudfront.dataplane.cache.CacheBudgets budgets) {
    this.budgets = budgets;
  }

  /** Requests actually sent to an origin (cache fills, revalidations and proxied requests). */
  final java.util.concurrent.atomic.LongAdder originFetches = new java.util.concurrent.atomic.LongAdder();

  /**
   * The tiers a miss at {@code pop} passes through, nearest first: the edge, its regional edge
   * cache, then Origin Shield when enabled. When Origin Shield is in the regional edge cache's own
   * Region, that cache is the shield, as AWS routes it (one hop, not two). {@code skipRegional}:
   * an S3 origin in the regional edge cache's own Region (cloudfront.md §13).
   */
  List<CacheTier> chain(EdgeLocation pop, Optional<String> shieldRegion, boolean skipRegional) {
    List<CacheTier> chain = new ArrayList<>(3);
    chain.add(edges.computeIfAbsent(pop.code(), c -> new CacheTier(Kind.EDGE, c, budgets.edge())));
    String rec = pop.regionalEdgeCache();
    if (!skipRegional && (shieldRegion.isEmpty() || !shieldRegion.get().equals(rec))) {
      chain.add(regional.computeIfAbsent(rec, r -> new CacheTier(Kind.REGIONAL_EDGE_CACHE, r, budgets.regionalEdgeCache())));
    }
    shieldRegion.ifPresent(r -> chain.add(shields.computeIfAbsent(r, x -> new CacheTier(Kind.ORIGIN_SHIELD, x, budgets.originShield()))));
    return chain;
  }

  /** Removes matching objects from every tier; returns how many went. */
  int purge(Predicate<String> key) {
    int n = 0;
    for (CacheTier t : all()) n += t.purge(key);
    return n;
  }

  List<CacheTier> all() {
    List<CacheTier> out = new ArrayList<>();
    out.addAll(edges.values());
    out.addAll(regional.values());
    out.addAll(shields.values());
    out.sort(Comparator.comparing(CacheTier::kind).thenComparing(CacheTier::name));
    return out;
  }
}
