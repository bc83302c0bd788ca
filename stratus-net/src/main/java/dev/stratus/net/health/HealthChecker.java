package dev.stratus.net.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs Route 53 health checks: probes each endpoint check every RequestInterval, folds results
 * into its {@link HealthCheckState}, re-evaluates CALCULATED checks, and tells listeners when a
 * reported status flips.
 */
public final class HealthChecker implements AutoCloseable {

  /*
   * Threads: one scheduler thread only fires timers (by default the process's one prober timer,
   * shared by every checker: Route 53, ELB, Global Accelerator); a probe is started from the
   * `probes` executor and runs non-blocking on the shared transport's event loops
   * (EndpointProbe), its result applied when its future completes. Tests give a scheduler on a
   * manual clock (ManualTime) for both, and awaitProbes() for the I/O in flight. State lives in `checks`, guarded by `this`; a probe
   * result is applied under the lock, and listeners are called after it is released, so a slow
   * listener never holds up other checks' bookkeeping. A result that arrives for a check that
   * was replaced or removed meanwhile is dropped (the generation differs).
   * Health is never evaluated at query time (route53.md §30): readers call status(), a map read.
   * A probe that failed for a local reason (ProbeResult.localFault: no descriptors, no memory, a
   * stalled probe) changes no state; the first of a burst is logged at WARNING with its reason,
   * the rest are counted and the count is logged when a probe judges an endpoint again.
   */

  private static final Logger LOG = Logger.getLogger(HealthChecker.class.getName());

  private final Clock clock;
  private final HealthProbe probe;
  private final UnaryOperator<Duration> intervalPolicy;
  private final ScheduledExecutorService timers;
  private final ExecutorService probes;
  private final List<HealthStatusListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Check> checks = new HashMap<>();
  private final Map<String, Boolean> reported = new HashMap<>();
  private final boolean sharedTimers;
  private final Object inFlightLock = new Object();
  private int inFlight;
  private long generations;
  private long localFaultsInBurst;

  /** The process's one prober timer thread; it only fires timers, probes run on event loops. */
  private static final class SharedTimer {
    static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stratus-health-timer");
      t.setDaemon(true);
      return t;
    });
  }

  private record Check(HealthCheckerConfig config, HealthCheckState state, long generation,
      Optional<ScheduledFuture<?>> timer) {}

  /**
   * @param intervalPolicy maps a check's RequestInterval to the period actually used, e.g.
   *     {@code d -> Duration.ofMillis(50)} in tests; {@link UnaryOperator#identity()} in production
   */
  public HealthChecker(Clock clock, HealthProbe probe, UnaryOperator<Duration> intervalPolicy) {
    this(clock, probe, intervalPolicy, SharedTimer.TIMERS, Executors.newVirtualThreadPerTaskExecutor(), true);
  }

  /**
   * With the timers and probe threads given: tests pass a scheduler that fires when they move a
   * manual clock, and a direct executor, so a check's whole life runs without sleeping.
   * Both are shut down by {@link #close}.
   */
  public HealthChecker(Clock clock, HealthProbe probe, UnaryOperator<Duration> intervalPolicy,
      ScheduledExecutorService timers, ExecutorService probes) {
    this(clock, probe, intervalPolicy, timers, probes, false);
  }

  private HealthChecker(Clock clock, HealthProbe probe, UnaryOperator<Duration> intervalPolicy,
      ScheduledExecutorService timers, ExecutorService probes, boolean sharedTimers) {
    this.sharedTimers = sharedTimers;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.intervalPolicy = Objects.requireNonNull(intervalPolicy, "intervalPolicy");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.probes = Objects.requireNonNull(probes, "probes");
  }

  /** Real probes at AWS's intervals, on the shared prober timer and transport. */
  public static HealthChecker standard(Clock clock) {
    return new HealthChecker(clock, new EndpointProbe(clock), UnaryOperator.identity());
  }

  /**
   * Waits (up to {@code max}) until no probe is in flight: after moving a manual clock, the
   * probes its timers started have done their real I/O and been applied (tests, CLI).
   */
  public boolean awaitProbes(Duration max) {
    long until = System.nanoTime() + max.toNanos();
    synchronized (inFlightLock) {
      while (inFlight > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) return false;
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  public void addListener(HealthStatusListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Adds or replaces a check; a replaced check starts again from the new-check state. Putting
   * the configuration a check already has changes nothing (its state and timer are kept).
   */
  public void put(HealthCheckerConfig config) {
    List<Map.Entry<String, Boolean>> changes;
    synchronized (this) {
      Check existing = checks.get(config.id());
      if (existing != null && existing.config().equals(config)) {
        return;
      }
      Check old = checks.remove(config.id());
      if (old != null) {
        old.timer().ifPresent(t -> t.cancel(false));
      }
      long generation = ++generations;
      Optional<ScheduledFuture<?>> timer = Optional.empty();
      if (config.type() != HealthCheckType.CALCULATED) {
        long period = Math.max(1, intervalPolicy.apply(config.requestInterval()).toMillis());
        timer = Optional.of(timers.scheduleAtFixedRate(() -> startProbe(config.id(), generation),
            0, period, TimeUnit.MILLISECONDS));
      }
      checks.put(config.id(), new Check(config, HealthCheckState.initial(clock.instant()), generation, timer));
      changes = recomputeLocked(true, config.id());
    }
    publish(changes);
  }

  /** Stops and forgets a check; CALCULATED parents then count it unhealthy. */
  public void remove(String id) {
    List<Map.Entry<String, Boolean>> changes;
    synchronized (this) {
      Check old = checks.remove(id);
      if (old == null) {
        return;
      }
      old.timer().ifPresent(t -> t.cancel(false));
      reported.remove(id);
      changes = recomputeLocked(false, null);
    }
    publish(changes);
  }

  /** The reported status of a check, empty if unknown. */
  public synchronized Optional<HealthCheckStatus> status(String id) {
    Check check = checks.get(id);
    if (check == null) {
      return Optional.empty();
    }
    Optional<HealthCheckState> measured = check.config().type() == HealthCheckType.CALCULATED
        ? Optional.empty() : Optional.of(check.state());
    return Optional.of(new HealthCheckStatus(id, reported.getOrDefault(id, true), measured));
  }

  /** Every check's reported status, a copy (for building data-plane snapshots). */
  public synchronized Map<String, Boolean> reportedStatuses() {
    return Map.copyOf(reported);
  }

  /** Probes one endpoint check now on the calling thread and applies the result (tests, CLI). */
  public void checkNow(String id) {
    Check check;
    synchronized (this) {
      check = checks.get(id);
    }
    if (check != null && check.config().type() != HealthCheckType.CALCULATED) {
      apply(id, check.generation(), runProbe(check.config()).join());
    }
  }

  /** The probe's result; a throwable escaping it (which HealthProbe forbids) is a local fault too. */
  private CompletableFuture<ProbeResult> runProbe(HealthCheckerConfig config) {
    CompletableFuture<ProbeResult> started;
    try {
      started = probe.probeAsync(config);
    } catch (RuntimeException | Error e) {
      started = CompletableFuture.failedFuture(e);
    }
    return started.exceptionally(e -> ProbeResult.local("probe threw inside Stratus: " + e, clock.instant()));
  }

  /** Local faults logged or counted since the last probe that judged an endpoint. */
  public synchronized long localFaultsInBurst() {
    return localFaultsInBurst;
  }

  private void startProbe(String id, long generation) {
    HealthCheckerConfig config;
    synchronized (this) {
      Check check = checks.get(id);
      if (check == null || check.generation() != generation) {
        return;
      }
      config = check.config();
    }
    synchronized (inFlightLock) {
      inFlight++;
    }
    try {
      probes.execute(() -> runProbe(config).whenComplete((result, e) -> {
        try {
          if (result != null) apply(id, generation, result);
        } finally {
          probeDone();
        }
      }));
    } catch (RuntimeException e) {
      probeDone();
      LOG.log(Level.FINE, "health probe not started (checker closing?)", e);
    }
  }

  private void probeDone() {
    synchronized (inFlightLock) {
      inFlight--;
      inFlightLock.notifyAll();
    }
  }

  private void apply(String id, long generation, ProbeResult result) {
    List<Map.Entry<String, Boolean>> changes;
    synchronized (this) {
      if (result.localFault()) {
        if (localFaultsInBurst++ == 0) {
          LOG.log(Level.WARNING, "health check {0} not judged, its status is kept: {1} (further local faults"
              + " of this burst are counted, not logged)", new Object[] {id, result.status()});
        }
        return;
      }
      if (localFaultsInBurst > 0) {
        LOG.log(Level.WARNING, "health probes judging endpoints again after {0} local fault(s)", localFaultsInBurst);
        localFaultsInBurst = 0;
      }
      Check check = checks.get(id);
      if (check == null || check.generation() != generation) {
        return;
      }
      HealthCheckState next = check.state().next(result, check.config().failureThreshold());
      checks.put(id, new Check(check.config(), next, generation, check.timer()));
      changes = recomputeLocked(false, null);
    }
    publish(changes);
  }

  /**
   * Recomputes every reported status (endpoint checks first, then CALCULATED ones over them) and
   * returns those that changed, plus {@code announce} when {@code announceNew} is set.
   */
  private List<Map.Entry<String, Boolean>> recomputeLocked(boolean announceNew, String announce) {
    Map<String, Boolean> next = new HashMap<>();
    checks.forEach((id, c) -> {
      if (c.config().type() != HealthCheckType.CALCULATED) {
        next.put(id, c.state().reportedHealthy(c.config().inverted(), c.config().disabled()));
      }
    });
    Map<String, Boolean> endpoints = Map.copyOf(next);
    checks.forEach((id, c) -> {
      if (c.config().type() == HealthCheckType.CALCULATED) {
        HealthCheckerConfig cfg = c.config();
        boolean measured = CalculatedHealth.healthy(cfg.childHealthChecks(), cfg.healthThreshold(), endpoints);
        next.put(id, cfg.disabled() || (measured != cfg.inverted()));
      }
    });
    List<Map.Entry<String, Boolean>> changes = new ArrayList<>();
    next.forEach((id, healthy) -> {
      Boolean before = reported.put(id, healthy);
      if (!healthy.equals(before) || (announceNew && id.equals(announce))) {
        changes.add(Map.entry(id, healthy));
      }
    });
    return changes;
  }

  private void publish(List<Map.Entry<String, Boolean>> changes) {
    for (Map.Entry<String, Boolean> change : changes) {
      for (HealthStatusListener listener : listeners) {
        try {
          listener.statusChanged(change.getKey(), change.getValue());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "health status listener failed", e);
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      checks.values().forEach(c -> c.timer().ifPresent(t -> t.cancel(false)));
      checks.clear();
    }
    if (!sharedTimers) {
      timers.shutdownNow();
    }
    probes.shutdownNow();
  }
}
