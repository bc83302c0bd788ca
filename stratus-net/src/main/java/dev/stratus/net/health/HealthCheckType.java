package dev.stratus.net.health;

/** What a health checker does, as Route 53's {@code HealthCheckConfig.Type} names it (route53.md §22). */
public enum HealthCheckType {
  /** GET the resource path; 2xx/3xx within the timeouts passes. */
  HTTP,
  /** HTTP over TLS, without certificate validation. */
  HTTPS,
  /** HTTP, and the search string must appear in the first 5,120 bytes of the body. */
  HTTP_STR_MATCH,
  /** HTTPS with the string match. */
  HTTPS_STR_MATCH,
  /** A TCP connection within 10 s passes. */
  TCP,
  /** No probe: healthy when at least HealthThreshold children are healthy. */
  CALCULATED;

  boolean tls() { return this == HTTPS || this == HTTPS_STR_MATCH; }

  boolean stringMatch() { return this == HTTP_STR_MATCH || this == HTTPS_STR_MATCH; }

  boolean http() { return this != TCP && this != CALCULATED; }
}
