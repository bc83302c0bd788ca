package dev.stratus.net.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One checker's observation of an endpoint: passed or not, and the status text Route 53 shows for
 * it in {@code GetHealthCheckStatus} / {@code GetHealthCheckLastFailureReason}
 * ("Success: HTTP Status Code 200, OK", "Failure: Connection timed out. …").
 */
public record ProbeResult(boolean success, String status, Instant checkedAt) {
  public ProbeResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }
}
