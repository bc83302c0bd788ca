package dev.stratus.route53.model;

import java.util.Optional;

/** What a Route 53 health check monitors (route53.md §22); the constant name is the wire value. */
public enum HealthCheckType {
  /** TCP connect, then an HTTP status 2xx/3xx (§24). */
  HTTP,
  /** As {@link #HTTP} over TLS, certificates not validated (§24). */
  HTTPS,
  /** As {@link #HTTP}, and {@code SearchString} within the first 5,120 body bytes (§24). */
  HTTP_STR_MATCH,
  /** As {@link #HTTP_STR_MATCH} over TLS. */
  HTTPS_STR_MATCH,
  /** A TCP connection within 10 s (§24). */
  TCP,
  /** Healthy when at least {@code HealthThreshold} child checks are healthy (§28). */
  CALCULATED,
  /** Follows a CloudWatch metric's alarm (§29). */
  CLOUDWATCH_METRIC,
  /** Follows a Route 53 ARC routing control's state. */
  RECOVERY_CONTROL;

  public static Optional<HealthCheckType> fromWire(String value) {
    if (value == null) return Optional.empty();
    for (var t : values()) if (t.name().equals(value)) return Optional.of(t);
    return Optional.empty();
  }

  /** Whether the type probes an endpoint (IP or domain name, port). */
  public boolean probesEndpoint() {
    return switch (this) {
      case HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP -> true;
      case CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL -> false;
    };
  }

  /** Whether the type needs a {@code SearchString} (§24). */
  public boolean matchesString() { return this == HTTP_STR_MATCH || this == HTTPS_STR_MATCH; }

  /** Whether the probe uses TLS. */
  public boolean tls() { return this == HTTPS || this == HTTPS_STR_MATCH; }
}
