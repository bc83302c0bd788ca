package dev.stratus.route53.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a health check monitors and how, as AWS's {@code HealthCheckConfig} after defaults are
 * applied (route53.md §22–29). Which fields apply depends on {@link #type}: endpoint fields for
 * HTTP/HTTPS/TCP, {@code childHealthChecks}/{@code healthThreshold} for CALCULATED,
 * {@code alarm}/{@code insufficientDataHealthStatus} for CLOUDWATCH_METRIC,
 * {@code routingControlArn} for RECOVERY_CONTROL.
 *
 * @param type what is checked; immutable after creation (§22)
 * @param ipAddress the endpoint IP, when the endpoint is given by address
 * @param port 1–65535; defaults 80 (HTTP) / 443 (HTTPS) when omitted
 * @param fullyQualifiedDomainName the endpoint name or the Host header value (§25)
 * @param resourcePath the request path, always with a leading {@code /} (§23)
 * @param searchString the case-sensitive string STR_MATCH checks look for
 * @param requestInterval seconds between checks, 10 or 30 (default 30); immutable
 * @param failureThreshold consecutive results that flip the status, 1–10 (default 3)
 * @param measureLatency whether latency graphs are recorded; immutable
 * @param inverted whether the final status is flipped (§27)
 * @param disabled whether the check is reported healthy regardless (§27)
 * @param enableSni whether HTTPS checks send SNI
 * @param healthThreshold CALCULATED: how many children must be healthy, 0–256
 * @param childHealthChecks CALCULATED: child health check ids
 * @param regions the checker regions; empty means all (§23)
 * @param alarm CLOUDWATCH_METRIC: the alarm's region and name
 * @param insufficientDataHealthStatus CLOUDWATCH_METRIC: status without data (§29)
 * @param routingControlArn RECOVERY_CONTROL: the routing control
 */
public record HealthCheckConfig(HealthCheckType type, Optional<String> ipAddress, Optional<Integer> port,
    Optional<String> fullyQualifiedDomainName, Optional<String> resourcePath, Optional<String> searchString,
    int requestInterval, int failureThreshold, boolean measureLatency, boolean inverted, boolean disabled,
    Optional<Boolean> enableSni, Optional<Integer> healthThreshold, List<String> childHealthChecks,
    List<String> regions, Optional<Alarm> alarm, Optional<InsufficientDataHealthStatus> insufficientDataHealthStatus,
    Optional<String> routingControlArn) {

  /** Default seconds between checks (§23). */
  public static final int DEFAULT_REQUEST_INTERVAL = 30;
  /** Default consecutive results to change status (§23). */
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;

  public HealthCheckConfig {
    Objects.requireNonNull(type, "type");
    ipAddress = Objects.requireNonNullElse(ipAddress, Optional.empty());
    port = Objects.requireNonNullElse(port, Optional.empty());
    fullyQualifiedDomainName = Objects.requireNonNullElse(fullyQualifiedDomainName, Optional.empty());
    resourcePath = Objects.requireNonNullElse(resourcePath, Optional.empty());
    searchString = Objects.requireNonNullElse(searchString, Optional.empty());
    enableSni = Objects.requireNonNullElse(enableSni, Optional.empty());
    healthThreshold = Objects.requireNonNullElse(healthThreshold, Optional.empty());
    childHealthChecks = List.copyOf(Objects.requireNonNullElse(childHealthChecks, List.of()));
    regions = List.copyOf(Objects.requireNonNullElse(regions, List.of()));
    alarm = Objects.requireNonNullElse(alarm, Optional.empty());
    insufficientDataHealthStatus = Objects.requireNonNullElse(insufficientDataHealthStatus, Optional.empty());
    routingControlArn = Objects.requireNonNullElse(routingControlArn, Optional.empty());
  }

  /** The CloudWatch alarm a CLOUDWATCH_METRIC check follows ({@code AlarmIdentifier}). */
  public record Alarm(String region, String name) {
    public Alarm {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code InsufficientDataHealthStatus} (§29); {@link #wire} is AWS's spelling. */
  public enum InsufficientDataHealthStatus {
    /** Report healthy while the metric has no data. */
    HEALTHY("Healthy"),
    /** Report unhealthy while the metric has no data. */
    UNHEALTHY("Unhealthy"),
    /** Keep the last status (healthy for a new check). */
    LAST_KNOWN_STATUS("LastKnownStatus");

    private final String wire;

    InsufficientDataHealthStatus(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static Optional<InsufficientDataHealthStatus> fromWire(String value) {
      for (var s : values()) if (s.wire.equals(value)) return Optional.of(s);
      return Optional.empty();
    }
  }
}
