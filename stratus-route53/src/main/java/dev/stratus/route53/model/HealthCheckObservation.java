package dev.stratus.route53.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One checker's latest report on a health check, as GetHealthCheckStatus and
 * GetHealthCheckLastFailureReason return it ({@code HealthCheckObservation}).
 *
 * @param region the checker's region, e.g. {@code us-east-1}
 * @param ipAddress the checker's address
 * @param status AWS's free-text status, e.g. {@code Success: HTTP Status Code 200, OK}
 * @param checkedTime when the checker reported
 */
public record HealthCheckObservation(String region, String ipAddress, String status, Instant checkedTime) {
  public HealthCheckObservation {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedTime, "checkedTime");
  }
}
