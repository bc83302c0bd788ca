package dev.stratus.net.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One checker's observation of an endpoint: passed or not, and the status text Route 53 shows for
 * it in {@code GetHealthCheckStatus} / {@code GetHealthCheckLastFailureReason}
 * ("Success: HTTP Status Code 200, OK", "Failure: Connection timed out. …").
 *
 * @param localFault the probe could not judge the endpoint for a reason of Stratus's own (no file
 *     descriptors, no memory, a stall past the deadline): not an observation of the endpoint at
 *     all; the check keeps its last status and {@code status} says why, for Stratus's log only
 */
public record ProbeResult(boolean success, String status, Instant checkedAt, boolean localFault) {
  public ProbeResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
    if (localFault && success) {
      throw new IllegalArgumentException("a local fault is not a success");
    }
  }

  /** An observation of the endpoint. */
  public ProbeResult(boolean success, String status, Instant checkedAt) {
    this(success, status, checkedAt, false);
  }

  /** A probe that could not judge the endpoint because of Stratus itself. */
  public static ProbeResult local(String why, Instant at) {
    return new ProbeResult(false, why, at, true);
  }
}
