package dev.stratus.route53.dataplane;

import dev.stratus.net.health.HealthCheckState;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.net.health.ProbeResult;
import dev.stratus.route53.HealthStatusSource;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckObservation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * GetHealthCheckStatus / GetHealthCheckLastFailureReason backed by the running checker: what
 * the Route 53 control plane reads instead of {@link HealthStatusSource#NO_OBSERVATIONS}.
 */
public final class CheckerHealthStatus implements HealthStatusSource {

  /*
   * AWS reports one observation per checker region. Stratus probes once, from this machine, and
   * every region would see the same loopback endpoint, so the one result is reported for each of
   * the check's regions (or AWS's default checker regions), with the checker address 127.0.0.1.
   */

  /** The checker regions AWS uses when a health check names none (HealthCheckConfig.Regions, §23). */
  static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1",
      "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");

  /** Where Stratus's checker probes from. */
  static final String CHECKER_ADDRESS = "127.0.0.1";

  private final HealthChecker checker;

  public CheckerHealthStatus(HealthChecker checker) {
    this.checker = Objects.requireNonNull(checker, "checker");
  }

  @Override
  public List<HealthCheckObservation> observations(HealthCheck check) {
    return report(check, HealthCheckState::lastResult);
  }

  @Override
  public List<HealthCheckObservation> lastFailures(HealthCheck check) {
    return report(check, HealthCheckState::lastFailure);
  }

  private List<HealthCheckObservation> report(HealthCheck check, Function<HealthCheckState, Optional<ProbeResult>> pick) {
    Optional<ProbeResult> result = checker.status(check.id()).flatMap(s -> s.measured()).flatMap(pick);
    if (result.isEmpty()) {
      return List.of();
    }
    List<String> regions = check.config().regions().isEmpty() ? DEFAULT_REGIONS : check.config().regions();
    return regions.stream()
        .map(r -> new HealthCheckObservation(r, CHECKER_ADDRESS, result.get().status(), result.get().checkedAt()))
        .toList();
  }
}
