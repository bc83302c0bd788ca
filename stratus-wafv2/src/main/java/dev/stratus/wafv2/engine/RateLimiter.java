package dev.stratus.wafv2.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-based counters for every rate-based rule of every web ACL, kept across recompilations.
 *
 * <p>AWS counts requests per aggregation instance over the trailing evaluation window but
 * re-evaluates which instances are over the limit only about every 10 s (wafv2.md §9), so the
 * request that crosses the limit is not itself blocked. Stratus models that exactly: time is cut
 * into 10-second ticks, and during tick {@code t} an instance is rate-limited iff the requests it
 * made in the window before the start of {@code t} (ticks {@code t-W/10 .. t-1}) exceed the limit.
 * Blocking therefore starts at the first 10-second boundary after the crossing (within 10 s),
 * and stops at the first boundary where the trailing window has fallen back to the limit.
 * Requests are counted whether or not they are then blocked, as AWS counts them.
 */
final class RateLimiter {
  static final int TICK_SECONDS = 10;
  /** AWS rate-limits at most 10,000 instances per rule; we keep at most this many counters. */
  static final int MAX_INSTANCES = 100_000;

  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  RateLimiter(Clock clock) { this.clock = clock; }

  /**
   * The counter of rule {@code id} (web ACL ARN + rule path); a counter whose statement changed
   * is replaced by a fresh one (AWS resets the counts when the rule changes).
   */
  Counter counter(String id, Object statement, long limit, int windowSeconds) {
    return counters.compute(id, (k, old) -> old != null && old.statement.equals(statement) ? old
        : new Counter(statement, limit, windowSeconds));
  }

  void forget(String webAclArn) {
    counters.keySet().removeIf(k -> k.startsWith(webAclArn + "|"));
  }

  Counter existing(String id) { return counters.get(id); }

  long tick() { return Math.floorDiv(clock.instant().getEpochSecond(), TICK_SECONDS); }

  final class Counter {
    final Object statement;
    final long limit;
    final int slots;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private volatile long sweptTick;

    Counter(Object statement, long limit, int windowSeconds) {
      this.statement = statement;
      this.limit = limit;
      this.slots = windowSeconds / TICK_SECONDS;
    }

    /** Counts one request of instance {@code key}; true when that instance is rate-limited now. */
    boolean recordAndCheck(String key) {
      long t = tick();
      sweep(t);
      while (true) {
        Instance inst = instances.get(key);
        if (inst == null) {
          if (instances.size() >= MAX_INSTANCES) return false;
          inst = instances.computeIfAbsent(key, k -> new Instance(slots));
        }
        boolean limited = inst.record(t, limit);
        // a sweep may have dropped this (idle) instance meanwhile: count again in the live one
        if (instances.get(key) == inst) return limited;
      }
    }

    /** The instances rate-limited during the current tick (GetRateBasedStatementManagedKeys). */
    List<String> limitedKeys() {
      long t = tick();
      List<String> out = new ArrayList<>();
      instances.forEach((k, v) -> {
        if (v.limited(t, limit)) out.add(k);
      });
      out.sort(null);
      return out;
    }

    /** Requests counted for {@code key} over the trailing window including the current tick. */
    long count(String key) {
      Instance inst = instances.get(key);
      return inst == null ? 0 : inst.sum(tick() - slots + 1, tick());
    }

    private void sweep(long t) {
      if (t == sweptTick) return;
      sweptTick = t;
      instances.values().removeIf(i -> i.idleSince(t - slots));
    }
  }

  private static final class Instance {
    private final int window; // ticks in the evaluation window
    private final long[] counts; // ring over window + 1 ticks: the window and the current tick
    private final long[] ticks;

    Instance(int slots) {
      window = slots;
      counts = new long[slots + 1];
      ticks = new long[slots + 1];
      java.util.Arrays.fill(ticks, Long.MIN_VALUE);
    }

    synchronized boolean record(long t, long limit) {
      boolean limited = limited(t, limit);
      int i = (int) Math.floorMod(t, (long) counts.length);
      if (ticks[i] != t) {
        ticks[i] = t;
        counts[i] = 0;
      }
      counts[i]++;
      return limited;
    }

    synchronized boolean limited(long t, long limit) {
      return sum(t - window, t - 1) > limit;
    }

    synchronized long sum(long from, long to) {
      long total = 0;
      for (int i = 0; i < counts.length; i++) {
        if (ticks[i] >= from && ticks[i] <= to) total += counts[i];
      }
      return total;
    }

    synchronized boolean idleSince(long t) {
      for (long tick : ticks) if (tick >= t) return false;
      return true;
    }
  }
}
