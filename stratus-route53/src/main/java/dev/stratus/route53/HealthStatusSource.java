package dev.stratus.route53;

import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckObservation;
import java.util.List;

/**
 * Where GetHealthCheckStatus and GetHealthCheckLastFailureReason read a health check's runtime
 * state (ARCHITECTURE rule 2: runtime facts belong to the data plane). The data plane's checker
 * implements it ({@code dataplane.CheckerHealthStatus}, wired by {@link Route53Module#start});
 * handlers built without a data plane read {@link #NO_OBSERVATIONS}, what AWS answers for a
 * brand-new check: no checker has reported yet (and a check without data counts as healthy,
 * route53.md §26).
 */
public interface HealthStatusSource {

  /** Each checker's latest report, newest first; empty when no checker has reported. */
  List<HealthCheckObservation> observations(HealthCheck check);

  /** Each checker's most recent failure report; empty when no checker has seen a failure. */
  List<HealthCheckObservation> lastFailures(HealthCheck check);

  /** "Healthy, no observations": what a check reports before any probe ran. */
  HealthStatusSource NO_OBSERVATIONS = new HealthStatusSource() {
    @Override
    public List<HealthCheckObservation> observations(HealthCheck check) { return List.of(); }

    @Override
    public List<HealthCheckObservation> lastFailures(HealthCheck check) { return List.of(); }
  };
}
