package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.AccountLimits;
import dev.stratus.apigateway.model.TokenBucket;
import dev.stratus.apigateway.model.UsagePlan;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data plane's rate counters (ARCHITECTURE rule 2: runtime facts live here): one token
 * bucket per throttle scope (a usage plan's key, a stage's method, the account) and one quota
 * counter per usage plan key and period. A bucket remembers its rate and burst, so a changed
 * limit starts a fresh bucket.
 */
final class UsageMeters {
  /** A scope's bucket with the limits it was made for. */
  private record Metered(double rate, int burst, TokenBucket bucket) {}

  /*
   * Keyed by scope alone: keying by scope|rate|burst formatted a double on every request
   * (about as costly as routing one), for every REST, HTTP and WebSocket request through the
   * account throttle.
   */
  private final ConcurrentHashMap<String, Metered> buckets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Quota> quotas = new ConcurrentHashMap<>();
  /** Requests per usage plan key and UTC day, for GetUsage. */
  private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> daily = new ConcurrentHashMap<>();

  /** Counts one request of {@code keyId} under {@code planId} on the UTC day of {@code now}. */
  void record(String planId, String keyId, Instant now) {
    String day = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    daily.computeIfAbsent(planId + "|" + keyId + "|" + day, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
  }

  long used(String planId, String keyId, java.time.LocalDate day) {
    var n = daily.get(planId + "|" + keyId + "|" + day);
    return n == null ? 0 : n.get();
  }

  private static final class Quota {
    Instant periodStart;
    long used;
  }

  /** Takes a token from the bucket of {@code scope}; false when throttled. */
  boolean take(String scope, double rate, int burst, Instant now) {
    Metered m = buckets.get(scope);
    if (m == null || m.rate() != rate || m.burst() != burst) {
      m = buckets.compute(scope, (k, old) -> old != null && old.rate() == rate && old.burst() == burst ? old
          : new Metered(rate, burst, new TokenBucket(rate, burst)));
    }
    return m.bucket().tryTake(now);
  }

  /**
   * Takes a token from the account's throttle in {@code region}, shared by every REST, HTTP and
   * WebSocket API there ({@link AccountLimits}); false when throttled.
   */
  boolean takeAccount(String accountId, String region, Instant now) {
    return take("account:" + accountId + "/" + region, AccountLimits.ACCOUNT_RATE, AccountLimits.ACCOUNT_BURST, now);
  }

  /** Counts one request against the quota of {@code scope}; false when the period's limit is used up. */
  boolean count(String scope, UsagePlan.Quota quota, Instant now) {
    Quota q = quotas.computeIfAbsent(scope + "|" + quota.period() + "|" + quota.offset(), k -> new Quota());
    Instant start = quota.period().start(now, quota.offset());
    synchronized (q) {
      if (!start.equals(q.periodStart)) {
        q.periodStart = start;
        q.used = 0;
      }
      if (q.used >= quota.limit()) return false;
      q.used++;
      return true;
    }
  }

  /** Requests left in the current period (GetUsage's remaining), or the full limit if none were made. */
  long remaining(String scope, UsagePlan.Quota quota, Instant now) {
    Quota q = quotas.get(scope + "|" + quota.period() + "|" + quota.offset());
    if (q == null) return quota.limit();
    synchronized (q) {
      return start(quota, now).equals(q.periodStart) ? quota.limit() - q.used : quota.limit();
    }
  }

  private static Instant start(UsagePlan.Quota quota, Instant now) { return quota.period().start(now, quota.offset()); }

}
