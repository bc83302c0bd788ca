package dev.stratus.net.health;

import java.util.List;
import java.util.Map;

/** The rule of a CALCULATED health check: enough healthy children (route53.md §28). */
public final class CalculatedHealth {

  /*
   * Healthy when at least HealthThreshold children are healthy; threshold 0 is always healthy,
   * a threshold above the number of children is never healthy. Children's statuses are their
   * reported ones, so a disabled child already counts as healthy (§27). A child the checker does
   * not know (deleted, or not yet registered) counts as unhealthy: nothing vouches for it.
   * Inverted and Disabled of the calculated check itself are applied by the caller, as for any
   * check (HealthCheckState#reportedHealthy).
   */

  private CalculatedHealth() {}

  /** True when at least {@code threshold} of {@code children} are healthy in {@code reported}. */
  public static boolean healthy(List<String> children, int threshold, Map<String, Boolean> reported) {
    if (threshold <= 0) {
      return true;
    }
    long healthyChildren = children.stream().filter(c -> reported.getOrDefault(c, false)).count();
    return healthyChildren >= threshold;
  }
}
