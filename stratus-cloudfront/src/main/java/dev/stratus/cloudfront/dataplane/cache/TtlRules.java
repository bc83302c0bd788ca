package dev.stratus.cloudfront.dataplane.cache;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * How long an edge keeps an origin response (cloudfront.md §10, §17): s-maxage over max-age over
 * Expires, clamped to MinTTL/MaxTTL; no Cache-Control/Expires → DefaultTTL; no-cache, no-store
 * and private only honoured with MinTTL 0; error responses for ErrorCachingMinTTL.
 */
public final class TtlRules {
  private TtlRules() {}

  /** Error codes CloudFront always caches (for ErrorCachingMinTTL, default 10 s). */
  public static final Set<Integer> ALWAYS_CACHED_ERRORS = Set.of(404, 414, 500, 501, 502, 503, 504);
  /** Error codes cached only when the origin sends max-age or s-maxage. */
  public static final Set<Integer> CACHED_WITH_MAX_AGE = Set.of(400, 403, 405, 412, 415);
  /** Successful and redirect codes stored under the TTL rules. */
  public static final Set<Integer> CACHEABLE = Set.of(200, 203, 204, 300, 301, 302, 307, 308);
  /** ErrorCachingMinTTL when no custom error response sets it. */
  public static final long DEFAULT_ERROR_TTL = 10;

  /** The verdict: not stored, or stored for {@code seconds}. */
  public record Ttl(boolean store, long seconds) {
    public static final Ttl NOT_STORED = new Ttl(false, 0);

    public static Ttl of(long seconds) {
      return seconds <= 0 ? NOT_STORED : new Ttl(true, seconds);
    }
  }

  /**
   * The edge TTL of a response.
   *
   * @param header first value of a response header by name (any case), or null
   * @param errorTtl ErrorCachingMinTTL for this status (custom error response or 10 s)
   */
  public static Ttl ttl(int status, Function<String, String> header, Instant now, CacheSettings s, long errorTtl) {
    CacheControl cc = CacheControl.parse(header.apply("Cache-Control"));
    if (status >= 400) {
      OptionalLong given = cc.sMaxAge().isPresent() ? cc.sMaxAge() : cc.maxAge();
      if (ALWAYS_CACHED_ERRORS.contains(status)) return Ttl.of(errorTtl);
      if (CACHED_WITH_MAX_AGE.contains(status) && given.isPresent()) return Ttl.of(Math.max(errorTtl, given.getAsLong()));
      return Ttl.NOT_STORED;
    }
    if (!CACHEABLE.contains(status)) return Ttl.NOT_STORED; // 206 (ranges), 304 and the rest pass through

    if (cc.noCache() || cc.noStore() || cc.isPrivate()) {
      return s.minTtl() == 0 ? Ttl.NOT_STORED : Ttl.of(s.minTtl());
    }
    if (cc.sMaxAge().isPresent()) return Ttl.of(clamp(cc.sMaxAge().getAsLong(), s));
    if (cc.maxAge().isPresent()) return Ttl.of(clamp(cc.maxAge().getAsLong(), s));
    String expires = header.apply("Expires");
    if (expires != null) {
      long left = parseDate(expires).map(e -> Duration.between(now, e).toSeconds()).orElse(0L);
      return Ttl.of(clamp(left, s));
    }
    return Ttl.of(s.minTtl() == 0 ? s.defaultTtl() : Math.max(s.minTtl(), s.defaultTtl()));
  }

  static long clamp(long v, CacheSettings s) {
    return Math.min(Math.max(v, s.minTtl()), s.maxTtl());
  }

  /** An HTTP date (RFC 9110 IMF-fixdate); an invalid one is "already expired" (RFC 9111 §5.3). */
  static java.util.Optional<Instant> parseDate(String value) {
    try {
      return java.util.Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** The Cache-Control directives the edge reads. */
  public record CacheControl(OptionalLong sMaxAge, OptionalLong maxAge, boolean noCache, boolean noStore,
      boolean isPrivate, OptionalLong staleIfError) {
    public static CacheControl parse(String value) {
      OptionalLong sMaxAge = OptionalLong.empty();
      OptionalLong maxAge = OptionalLong.empty();
      OptionalLong staleIfError = OptionalLong.empty();
      boolean noCache = false;
      boolean noStore = false;
      boolean priv = false;
      if (value != null) {
        for (String part : value.split(",")) {
          String d = part.trim().toLowerCase(Locale.ROOT);
          int eq = d.indexOf('=');
          String name = eq < 0 ? d : d.substring(0, eq).trim();
          String arg = eq < 0 ? null : d.substring(eq + 1).trim().replace("\"", "");
          switch (name) {
            case "s-maxage" -> sMaxAge = seconds(arg);
            case "max-age" -> maxAge = seconds(arg);
            case "stale-if-error" -> staleIfError = seconds(arg);
            case "no-cache" -> noCache = true;
            case "no-store" -> noStore = true;
            case "private" -> priv = true;
            default -> { }
          }
        }
      }
      return new CacheControl(sMaxAge, maxAge, noCache, noStore, priv, staleIfError);
    }

    private static OptionalLong seconds(String arg) {
      try {
        return arg == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, Long.parseLong(arg)));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
  }
}
