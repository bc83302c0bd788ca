package dev.stratus.cloudfront.dataplane.cache;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One cache of one place: an edge location, a regional edge cache or Origin Shield. A miss asks
 * the next tier through {@code next}; concurrent misses for one key, cold or just expired, wait
 * for the single fetch in flight (cloudfront.md §12), so each tier sends one request onward.
 *
 * <p>A tier holds at most its byte budget (bodies, headers and keys, as a weigher counts them);
 * past it, Caffeine's W-TinyLFU evicts the objects least likely to be asked for again (cold and
 * old first, a frequently asked object survives a scan of one-off ones), as CloudFront evicts
 * less popular objects from a full edge before their TTL ends.
 */
public final class CacheTier {

  /** What this tier did for one request. */
  public enum Result { HIT, MISS, REFRESH_HIT }

  /** Where a tier sits. */
  public enum Kind { EDGE, REGIONAL_EDGE_CACHE, ORIGIN_SHIELD }

  /** The object and how this tier came by it. */
  public record Lookup(Result result, CachedObject object) {}

  /**
   * Counters and size, as {@code stratus cache} prints them.
   *
   * @param hits answered here, including {@code collapsed}
   * @param collapsed held behind a fetch in flight and answered from it (AWS logs them as hits)
   * @param fetches requests sent onward: to the next tier, or from the last one to the origin
   * @param bytes what the objects held weigh, against {@code budget}
   * @param evictions objects dropped to stay within the budget (not expiries, not invalidations)
   */
  public record Stats(Kind kind, String name, int objects, long hits, long misses, long refreshHits, long fetches,
      long collapsed, long bytes, long budget, long evictions) {}

  /** Fixed cost of an entry beyond its body, headers and key (object headers, map node). */
  static final int ENTRY_OVERHEAD = 128;

  private final Kind kind;
  private final String name;
  private final long budget;
  private final com.github.benmanes.caffeine.cache.Cache<String, CachedObject> cache;
  private final java.util.concurrent.ConcurrentMap<String, CachedObject> objects;
  private final LongAdder evictions = new LongAdder();
  private final ConcurrentHashMap<String, CompletableFuture<CachedObject>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder refreshHits = new LongAdder();
  private final LongAdder fetches = new LongAdder();
  private final LongAdder collapsed = new LongAdder();

  /** A tier with {@code budget} bytes. */
  public CacheTier(Kind kind, String name, long budget) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = Objects.requireNonNull(name, "name");
    if (budget <= 0) throw new IllegalArgumentException("budget must be positive: " + budget);
    this.budget = budget;
    // Maintenance on the calling thread (no common-pool tasks): eviction has happened when put returns.
    this.cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(budget)
        .weigher(CacheTier::weigh).executor(Runnable::run)
        .<String, CachedObject>evictionListener((k, v, cause) -> {
          if (cause == com.github.benmanes.caffeine.cache.RemovalCause.SIZE) evictions.increment();
        })
        .build();
    this.objects = cache.asMap();
  }

  /** What an entry costs against the budget. */
  static int weigh(String key, CachedObject o) {
    long w = ENTRY_OVERHEAD + 2L * key.length() + o.body().length;
    for (var h : o.headers()) w += 2L * (h.getKey().length() + h.getValue().length()) + 32;
    return (int) Math.min(Integer.MAX_VALUE, w);
  }

  public Kind kind() { return kind; }
  public String name() { return name; }

  /**
   * The object for {@code key}: from this tier when fresh, else from {@code next}, which gets the
   * stale copy (or null) so the last tier can revalidate it with the origin.
   *
   * @param collapse false when the behavior disables request collapsing (cookies forwarded)
   */
  public CompletableFuture<Lookup> get(String key, Instant now,
      Function<CachedObject, CompletableFuture<CachedObject>> next, boolean collapse) {
    CachedObject held = objects.get(key);
    if (held != null && held.freshAt(now)) {
      hits.increment();
      return CompletableFuture.completedFuture(new Lookup(Result.HIT, held));
    }
    CompletableFuture<CachedObject> mine = new CompletableFuture<>();
    CompletableFuture<CachedObject> leader = collapse ? inFlight.putIfAbsent(key, mine) : null;
    if (leader != null) {
      // Held behind the fetch in flight; served from its answer unless that is not storable,
      // in which case each held request goes onward itself (AWS forwards them).
      return leader.thenCompose(o -> {
        if (o.storable()) {
          hits.increment();
          collapsed.increment();
          return CompletableFuture.completedFuture(new Lookup(Result.HIT, o));
        }
        fetches.increment();
        misses.increment();
        return next.apply(null).thenApply(x -> new Lookup(Result.MISS, x));
      });
    }
    fetches.increment();
    CompletableFuture<CachedObject> fetched;
    try {
      fetched = next.apply(held);
    } catch (RuntimeException e) {
      fetched = CompletableFuture.failedFuture(e);
    }
    return fetched.handle((o, failure) -> {
      if (failure == null) {
        if (o.storable()) objects.put(key, o);
        else objects.remove(key, held);
      }
      if (collapse) inFlight.remove(key, mine);
      if (failure != null) {
        mine.completeExceptionally(failure);
        throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
      }
      mine.complete(o);
      // the next tier (or the origin, 304) confirmed the copy held here: what AWS logs as RefreshHit
      boolean confirmed = held != null && held.validator() != null && held.validator().equals(o.validator());
      if (confirmed) refreshHits.increment();
      else misses.increment();
      return new Lookup(confirmed ? Result.REFRESH_HIT : Result.MISS, o);
    });
  }

  /** The object held for {@code key}, fresh or not (tests, revalidation). */
  public CachedObject peek(String key) {
    return objects.get(key);
  }

  /** Drops every object whose key {@code matches}; returns how many went. */
  public int purge(Predicate<String> matches) {
    int[] n = {0};
    objects.keySet().removeIf(k -> {
      boolean m = matches.test(k);
      if (m) n[0]++;
      return m;
    });
    return n[0];
  }

  public Stats stats() {
    cache.cleanUp();
    long weighed = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new Stats(kind, name, objects.size(), hits.sum(), misses.sum(), refreshHits.sum(), fetches.sum(),
        collapsed.sum(), weighed, budget, evictions.sum());
  }
}
