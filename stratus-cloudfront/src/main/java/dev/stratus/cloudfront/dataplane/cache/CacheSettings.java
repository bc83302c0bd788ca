package dev.stratus.cloudfront.dataplane.cache;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ParametersInCacheKeyAndForwardedToOrigin;

/**
 * What a cache policy (or a behavior's legacy TTL fields) says: the TTL bounds and what goes into
 * the cache key (cloudfront.md §5, §6, §9).
 *
 * @param headers lower-case header names in the key (HeaderBehavior whitelist)
 * @param cookies {@code none|whitelist|allExcept|all} and the named cookies
 * @param queryStrings {@code none|whitelist|allExcept|all} and the named query strings
 */
public record CacheSettings(long minTtl, long defaultTtl, long maxTtl, Set<String> headers,
    Behavior cookies, Set<String> cookieNames, Behavior queryStrings, Set<String> queryStringNames,
    boolean gzip, boolean brotli) {

  /** A cookie or query-string behavior of a cache policy. */
  public enum Behavior {
    NONE, WHITELIST, ALL_EXCEPT, ALL;

    public static Behavior of(String aws) {
      if (aws == null) return NONE;
      return switch (aws) {
        case "whitelist" -> WHITELIST;
        case "allExcept" -> ALL_EXCEPT;
        case "all" -> ALL;
        default -> NONE;
      };
    }

    /** Whether {@code name} is included under this behavior with {@code names}. */
    public boolean includes(String name, Set<String> names) {
      return switch (this) {
        case NONE -> false;
        case WHITELIST -> names.contains(name);
        case ALL_EXCEPT -> !names.contains(name);
        case ALL -> true;
      };
    }
  }

  public CacheSettings {
    headers = Set.copyOf(headers);
    Objects.requireNonNull(cookies, "cookies");
    cookieNames = Set.copyOf(cookieNames);
    Objects.requireNonNull(queryStrings, "queryStrings");
    queryStringNames = Set.copyOf(queryStringNames);
  }

  /** CachingDisabled (0/0/0): every request goes to the origin, requests are not collapsed (§8, §12). */
  public boolean cachingDisabled() {
    return maxTtl == 0 && defaultTtl == 0 && minTtl == 0;
  }

  /** Forwarding cookies disables request collapsing (§12). */
  public boolean collapses() {
    return !cachingDisabled() && cookies == Behavior.NONE;
  }

  public static CacheSettings of(CachePolicyConfig policy) {
    long min = nz(policy.minTTL(), 0);
    long def = policy.defaultTTL() == null ? Math.max(86_400, min) : policy.defaultTTL();
    long max = policy.maxTTL() == null ? Math.max(31_536_000, def) : policy.maxTTL();
    ParametersInCacheKeyAndForwardedToOrigin p = policy.parametersInCacheKeyAndForwardedToOrigin();
    if (p == null) {
      return legacy(min, def, max);
    }
    Set<String> headers = new TreeSet<>();
    if (p.headersConfig() != null && "whitelist".equals(p.headersConfig().headerBehaviorAsString())
        && p.headersConfig().headers() != null) {
      p.headersConfig().headers().items().forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
    }
    Behavior cookies = p.cookiesConfig() == null ? Behavior.NONE : Behavior.of(p.cookiesConfig().cookieBehaviorAsString());
    List<String> cookieNames = p.cookiesConfig() == null || p.cookiesConfig().cookies() == null ? List.of()
        : p.cookiesConfig().cookies().items();
    Behavior qs = p.queryStringsConfig() == null ? Behavior.NONE : Behavior.of(p.queryStringsConfig().queryStringBehaviorAsString());
    List<String> qsNames = p.queryStringsConfig() == null || p.queryStringsConfig().queryStrings() == null ? List.of()
        : p.queryStringsConfig().queryStrings().items();
    return new CacheSettings(min, def, max, headers, cookies, Set.copyOf(cookieNames), qs, Set.copyOf(qsNames),
        Boolean.TRUE.equals(p.enableAcceptEncodingGzip()), Boolean.TRUE.equals(p.enableAcceptEncodingBrotli()));
  }

  /** A behavior without a cache policy: its legacy MinTTL/DefaultTTL/MaxTTL, nothing else in the key. */
  public static CacheSettings legacy(Long min, Long def, Long max) {
    long mn = nz(min, 0);
    long df = def == null ? Math.max(86_400, mn) : def;
    long mx = max == null ? Math.max(31_536_000, df) : max;
    return new CacheSettings(mn, df, mx, Set.of(), Behavior.NONE, Set.of(), Behavior.NONE, Set.of(), false, false);
  }

  private static long nz(Long v, long otherwise) {
    return v == null ? otherwise : v;
  }
}
