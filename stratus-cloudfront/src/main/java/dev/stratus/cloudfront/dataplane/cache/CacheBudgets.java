package dev.stratus.cloudfront.dataplane.cache;

/**
 * How many bytes one distribution may keep in one place of each tier (AWS publishes no sizes; a
 * full CloudFront cache evicts less popular objects before their TTL ends, and so does a tier past
 * its budget). Defaults: 64 MiB per edge location, 256 MiB per regional edge cache and per Origin
 * Shield; system properties {@code stratus.cloudfront.cacheBytes.edge}, {@code .regional} and
 * {@code .shield} override them.
 */
public record CacheBudgets(long edge, long regionalEdgeCache, long originShield) {
  static final long MIB = 1024 * 1024;

  public CacheBudgets {
    if (edge <= 0 || regionalEdgeCache <= 0 || originShield <= 0) {
      throw new IllegalArgumentException("cache budgets must be positive: " + edge + ", " + regionalEdgeCache + ", " + originShield);
    }
  }

  public static CacheBudgets standard() {
    return new CacheBudgets(64 * MIB, 256 * MIB, 256 * MIB);
  }

  public static CacheBudgets fromSystemProperties() {
    CacheBudgets d = standard();
    return new CacheBudgets(Long.getLong("stratus.cloudfront.cacheBytes.edge", d.edge()),
        Long.getLong("stratus.cloudfront.cacheBytes.regional", d.regionalEdgeCache()),
        Long.getLong("stratus.cloudfront.cacheBytes.shield", d.originShield()));
  }

  /** The budget of a place of {@code kind}. */
  public long of(CacheTier.Kind kind) {
    return switch (kind) {
      case EDGE -> edge;
      case REGIONAL_EDGE_CACHE -> regionalEdgeCache;
      case ORIGIN_SHIELD -> originShield;
    };
  }
}
