package dev.stratus.route53.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A Route 53 health check (route53.md §22–31): its id, the caller reference it was created with,
 * its configuration and the version UpdateHealthCheck compares against.
 *
 * @param id a UUID
 * @param accountId the owner (the store scope of {@link Route53Tables#HEALTH_CHECKS})
 * @param callerReference the idempotency token of CreateHealthCheck
 * @param config the configuration
 * @param version starts at 1, +1 per UpdateHealthCheck ({@code HealthCheckVersion})
 * @param createdAt when the check was created
 */
public record HealthCheck(String id, String accountId, String callerReference, HealthCheckConfig config,
    long version, Instant createdAt) {
  public HealthCheck {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(callerReference, "callerReference");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The check after an update: new configuration, version + 1. */
  public HealthCheck updated(HealthCheckConfig newConfig) {
    return new HealthCheck(id, accountId, callerReference, newConfig, version + 1, createdAt);
  }
}
