package dev.stratus.net.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The measured state of one endpoint health check: the status consecutive probe results have
 * settled on, the current run of successes or failures, and the last result and last failure.
 * Pure and immutable; {@link #next} folds in one probe result.
 *
 * @param measuredHealthy the endpoint's status before Inverted/Disabled are applied
 * @param consecutiveSuccesses length of the current run of passing probes (0 during a failure run)
 * @param consecutiveFailures length of the current run of failing probes (0 during a success run)
 * @param since when {@code measuredHealthy} last changed (creation time for a new check)
 */
public record HealthCheckState(boolean measuredHealthy, int consecutiveSuccesses, int consecutiveFailures,
    Optional<ProbeResult> lastResult, Optional<ProbeResult> lastFailure, Instant since) {

  /*
   * Route 53 (route53.md §23, §26): a new check is healthy until data exists; FailureThreshold is
   * the number of consecutive checks needed to flip the status in either direction. So a healthy
   * endpoint needs `threshold` failures in a row to become unhealthy, and an unhealthy one
   * `threshold` successes in a row to recover; a single opposite result resets the run.
   * AWS aggregates ~15 checkers and calls the endpoint healthy when more than 18 % of them say
   * so; every Stratus checker sees the same loopback endpoint, so one checker stands for all.
   */

  public HealthCheckState {
    Objects.requireNonNull(lastResult, "lastResult");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(since, "since");
  }

  /** A brand-new check: healthy, no data (route53.md §26). */
  public static HealthCheckState initial(Instant createdAt) {
    return new HealthCheckState(true, 0, 0, Optional.empty(), Optional.empty(), createdAt);
  }

  /**
   * The state after one more probe result, with {@code failureThreshold} (≥ 1) from the config. A
   * {@link ProbeResult#localFault() local fault} observed nothing about the endpoint: the state is
   * unchanged (runs are neither extended nor reset).
   */
  public HealthCheckState next(ProbeResult result, int failureThreshold) {
    if (result.localFault()) {
      return this;
    }
    int successes = result.success() ? consecutiveSuccesses + 1 : 0;
    int failures = result.success() ? 0 : consecutiveFailures + 1;
    boolean healthy = measuredHealthy;
    if (healthy && failures >= failureThreshold) {
      healthy = false;
    } else if (!healthy && successes >= failureThreshold) {
      healthy = true;
    }
    Optional<ProbeResult> failure = result.success() ? lastFailure : Optional.of(result);
    Instant changed = healthy == measuredHealthy ? since : result.checkedAt();
    return new HealthCheckState(healthy, successes, failures, Optional.of(result), failure, changed);
  }

  /**
   * The status Route 53 reports and routes on (route53.md §27): Disabled is always healthy,
   * otherwise Inverted flips the measured status.
   */
  public boolean reportedHealthy(boolean inverted, boolean disabled) {
    return disabled || (measuredHealthy != inverted);
  }
}
