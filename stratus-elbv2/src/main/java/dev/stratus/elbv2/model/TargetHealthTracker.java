package dev.stratus.elbv2.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ELB's health state per (target group, target) from raw probe results (elbv2.md §14–15): a new
 * target becomes healthy after its first passing check and unhealthy after UnhealthyThreshold
 * failures in a row; an unhealthy target needs HealthyThreshold passes in a row, a healthy one
 * UnhealthyThreshold failures in a row, to flip. Thread-safe; probes record, readers look up.
 */
public final class TargetHealthTracker implements TargetHealthSource {

  /** One probe's outcome as ELB classifies it. */
  public record Probe(boolean passed, String reason, String description, Instant at) {}

  /** @param healthy null while no threshold has been reached (state {@code initial}) */
  public record State(Boolean healthy, int passes, int failures, Probe last, Instant healthySince) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  public static String key(String targetGroupArn, TargetGroup.Target t) { return targetGroupArn + "|" + t.id() + ":" + t.port(); }

  /**
   * Folds one probe into the target's state.
   *
   * @return true when the reported healthy/unhealthy state changed
   */
  public boolean record(String key, Probe probe, int healthyThreshold, int unhealthyThreshold) {
    boolean[] changed = new boolean[1];
    states.compute(key, (k, s) -> {
      State cur = s == null ? new State(null, 0, 0, null, null) : s;
      int passes = probe.passed() ? cur.passes() + 1 : 0;
      int failures = probe.passed() ? 0 : cur.failures() + 1;
      Boolean healthy = cur.healthy();
      if (healthy == null) {
        if (passes >= 1) healthy = true;
        else if (failures >= unhealthyThreshold) healthy = false;
      } else if (healthy && failures >= unhealthyThreshold) {
        healthy = false;
      } else if (!healthy && passes >= healthyThreshold) {
        healthy = true;
      }
      changed[0] = !java.util.Objects.equals(healthy, cur.healthy());
      Instant since = Boolean.TRUE.equals(healthy) ? (changed[0] ? probe.at() : cur.healthySince()) : null;
      return new State(healthy, passes, failures, probe, since);
    });
    return changed[0];
  }

  public Optional<State> state(String key) { return Optional.ofNullable(states.get(key)); }

  public void forget(String key) { states.remove(key); }

  public java.util.Set<String> keys() { return states.keySet(); }

  @Override
  public Optional<Measured> measured(TargetGroup tg, TargetGroup.Target target) {
    return state(key(tg.arn(), target)).filter(s -> s.healthy() != null).map(s -> s.healthy()
        ? new Measured(true, null, null)
        : new Measured(false, s.last().passed() ? "Target.FailedHealthChecks" : s.last().reason(),
            s.last().passed() ? "Health checks failed" : s.last().description()));
  }

  /** When the target last became healthy (slow start), empty when it is not healthy. */
  public Optional<Instant> healthySince(TargetGroup tg, TargetGroup.Target target) {
    return state(key(tg.arn(), target)).map(State::healthySince);
  }

  /**
   * Whether an HTTP status passes a matcher ({@code 200}, {@code 200,202}, {@code 200-299}).
   */
  public static boolean matches(String matcher, int status) {
    for (String part : matcher.split(",")) {
      String[] ends = part.trim().split("-");
      int lo = Integer.parseInt(ends[0].trim());
      int hi = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : lo;
      if (status >= lo && status <= hi) return true;
    }
    return false;
  }
}
