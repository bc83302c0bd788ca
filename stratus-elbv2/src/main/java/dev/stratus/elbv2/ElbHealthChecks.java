package dev.stratus.elbv2;

import dev.stratus.core.store.Store;
import dev.stratus.elbv2.dataplane.TargetPaths;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.net.health.HealthCheckReasons;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthTracker;
import dev.stratus.net.health.EndpointProbe;
import dev.stratus.net.health.HealthCheckType;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.net.health.HealthCheckerConfig;
import dev.stratus.net.health.HealthProbe;
import dev.stratus.net.health.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Target health checks on Stratus's one prober ({@link HealthChecker} with its non-blocking
 * {@link EndpointProbe}, on the shared prober timer), as Route 53's and Global Accelerator's: one check per (target group, registered target) of every group a load
 * balancer uses, with the group's protocol, port, path and interval. Each raw probe result is
 * classified with ELB's matcher and reason codes and folded into a {@link TargetHealthTracker}
 * with ELB's thresholds. The group's HealthCheckTimeoutSeconds is the probe's one deadline.
 */
final class ElbHealthChecks implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("HTTP Status Code (\\d+)");

  private final Store store;
  private final Clock clock;
  private final HealthChecker checker;
  private final TargetHealthTracker tracker = new TargetHealthTracker();
  private final Map<String, TargetGroup.HealthCheck> settings = new ConcurrentHashMap<>();
  private final Set<String> running = new HashSet<>();
  private final Runnable onChange;
  private final TargetPaths paths;
  /** Per check, what the VPC model must let through for the probe to be sent at all. */
  private final Map<String, Gate> gates = new ConcurrentHashMap<>();

  /** The nodes that probe an instance target, and the target and port they probe. */
  private record Gate(List<LoadBalancer.Node> nodes, TargetGroup group, TargetGroup.Target target, int port) {}

  ElbHealthChecks(Store store, Clock clock, UnaryOperator<Duration> intervalPolicy, Runnable onChange) {
    this(store, clock, intervalPolicy, onChange, TargetPaths.DIRECT);
  }

  /** @param paths where targets' traffic goes and whether the VPC lets the nodes reach them */
  ElbHealthChecks(Store store, Clock clock, UnaryOperator<Duration> intervalPolicy, Runnable onChange, TargetPaths paths) {
    this(store, clock, intervalPolicy, onChange, paths, null);
  }

  /**
   * @param timers the scheduler that fires the checks (and starts the probes); null: the shared
   *     prober timer. Tests pass one driven by a manual clock.
   */
  ElbHealthChecks(Store store, Clock clock, UnaryOperator<Duration> intervalPolicy, Runnable onChange, TargetPaths paths,
      java.util.concurrent.ScheduledExecutorService timers) {
    this.store = store;
    this.clock = clock;
    this.onChange = onChange;
    this.paths = paths;
    HealthProbe endpoint = new EndpointProbe(clock);
    HealthProbe elbProbe = new HealthProbe() {
      @Override
      public ProbeResult probe(HealthCheckerConfig config) {
        return probeAsync(config).join();
      }

      @Override
      public CompletableFuture<ProbeResult> probeAsync(HealthCheckerConfig config) {
        CompletableFuture<ProbeResult> raw = blocked(config.id())
            ? CompletableFuture.completedFuture(new ProbeResult(false, HealthCheckReasons.connectionTimedOut(), clock.instant()))
            : endpoint.probeAsync(config);
        return raw.thenApply(r -> {
          if (!r.localFault()) classify(config.id(), r); // Stratus's own fault says nothing of the target
          return r;
        });
      }
    };
    this.checker = timers == null ? new HealthChecker(clock, elbProbe, intervalPolicy)
        : new HealthChecker(clock, elbProbe, intervalPolicy, timers, timers);
  }

  /** Waits until the probes in flight have been applied (tests moving a manual clock). */
  boolean awaitProbes(Duration max) { return checker.awaitProbes(max); }

  TargetHealthTracker tracker() { return tracker; }

  /** Brings the running checks in line with the store: in-use groups' registered targets with checks enabled. */
  synchronized void sync() {
    Set<String> wanted = new HashSet<>();
    for (TargetGroup tg : store.listAll(TargetGroup.TABLE)) {
      String scope = tg.arn().split(":")[4] + "/" + LoadBalancerOperations.regionOf(tg.arn());
      var hc = tg.healthCheck();
      if (!hc.enabled() || tg.targetType().equals("lambda") || tg.targetType().equals("alb")
          || Elbv2Reads.loadBalancersOf(store, scope, tg.arn()).isEmpty()) {
        continue;
      }
      for (TargetGroup.Target t : tg.targets()) {
        if (!t.registered() || t.address() == null || t.port() == null) continue;
        String id = TargetHealthTracker.key(tg.arn(), t);
        wanted.add(id);
        settings.put(id, hc);
        int port = hc.port() == null || hc.port().equals("traffic-port") ? t.port() : Integer.parseInt(hc.port());
        if (tg.targetType().equals("instance")) {
          List<LoadBalancer.Node> nodes = Elbv2Reads.loadBalancersOf(store, scope, tg.arn()).stream()
              .flatMap(arn -> store.get(LoadBalancer.TABLE, scope, arn).stream()).flatMap(lb -> lb.nodes().stream()).toList();
          gates.put(id, new Gate(nodes, tg, t, port));
        } else {
          gates.remove(id);
        }
        HealthCheckType type = switch (hc.protocol()) {
          case "HTTPS" -> HealthCheckType.HTTPS;
          case "TCP" -> HealthCheckType.TCP;
          default -> HealthCheckType.HTTP;
        };
        var config = new HealthCheckerConfig(id, type, Optional.of(paths.address(tg, t)), Optional.empty(), port,
            hc.path() == null ? "/" : hc.path(), Optional.empty(), Duration.ofSeconds(hc.intervalSeconds()), 1, false, false,
            List.of(), 0, Optional.of(Duration.ofSeconds(Math.max(1, hc.timeoutSeconds()))));
        checker.put(config);
      }
    }
    for (String id : Set.copyOf(running)) {
      if (!wanted.contains(id)) {
        checker.remove(id);
        tracker.forget(id);
        settings.remove(id);
        gates.remove(id);
      }
    }
    running.clear();
    running.addAll(wanted);
  }

  /**
   * Whether the VPC model keeps a node from reaching the target on the check's port: the probe
   * then fails as AWS's does, by timing out (Target.Timeout). Any blocked node fails the check.
   */
  private boolean blocked(String id) {
    Gate g = gates.get(id);
    if (g == null) return false;
    return g.nodes().stream().anyMatch(n -> !paths.verdict(n, g.group(), g.target(), "tcp", g.port()).reachable());
  }

  /** ELB's reading of one probe: the matcher decides for HTTP(S); a timeout is Target.Timeout. */
  private void classify(String id, ProbeResult r) {
    var hc = settings.get(id);
    if (hc == null) return;
    TargetHealthTracker.Probe probe;
    var m = STATUS.matcher(r.status());
    if (m.find() && !hc.protocol().equals("TCP")) {
      int code = Integer.parseInt(m.group(1));
      boolean pass = TargetHealthTracker.matches(hc.httpCode() == null ? "200" : hc.httpCode(), code);
      probe = new TargetHealthTracker.Probe(pass, pass ? null : "Target.ResponseCodeMismatch",
          pass ? null : "Health checks failed with these codes: [" + code + "]", clock.instant());
    } else if (r.success()) {
      probe = new TargetHealthTracker.Probe(true, null, null, clock.instant());
    } else if (r.status().contains("timed out") || r.status().contains("did not respond")) {
      probe = new TargetHealthTracker.Probe(false, "Target.Timeout", "Request timed out", clock.instant());
    } else {
      probe = new TargetHealthTracker.Probe(false, "Target.FailedHealthChecks", "Health checks failed", clock.instant());
    }
    if (tracker.record(id, probe, hc.healthyThreshold(), hc.unhealthyThreshold())) onChange.run();
  }

  @Override
  public void close() { checker.close(); }
}
