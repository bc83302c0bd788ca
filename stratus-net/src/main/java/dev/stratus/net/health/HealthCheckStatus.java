package dev.stratus.net.health;

import java.util.Objects;
import java.util.Optional;

/**
 * What Route 53 would report for a health check right now: its routed status and, for endpoint
 * checks, the measured state behind it (last result, last failure reason).
 */
public record HealthCheckStatus(String healthCheckId, boolean healthy, Optional<HealthCheckState> measured) {
  public HealthCheckStatus {
    Objects.requireNonNull(healthCheckId, "healthCheckId");
    Objects.requireNonNull(measured, "measured");
  }
}
