package dev.stratus.route53.dataplane;

import dev.stratus.net.health.HealthCheckType;
import dev.stratus.net.health.HealthCheckerConfig;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a stored Route 53 health check into the configuration of stratus-net's checker; the one
 * place where the two meet.
 */
final class HealthCheckAdapter {

  /*
   * CLOUDWATCH_METRIC and RECOVERY_CONTROL checks follow alarms and routing controls that Stratus
   * does not have yet; they are not probed and stay at "no data", which Route 53 reports healthy
   * (route53.md §29). Ports default to 80 for HTTP and 443 for HTTPS, the path to "/" (§23).
   * A CALCULATED check's HealthThreshold defaults to 0 (always healthy, §28) when absent.
   */

  private HealthCheckAdapter() {}

  /** The checker configuration of {@code check}, empty for types Stratus does not probe. */
  static Optional<HealthCheckerConfig> toChecker(HealthCheck check) {
    HealthCheckConfig c = check.config();
    Optional<HealthCheckType> type = switch (c.type()) {
      case HTTP -> Optional.of(HealthCheckType.HTTP);
      case HTTPS -> Optional.of(HealthCheckType.HTTPS);
      case HTTP_STR_MATCH -> Optional.of(HealthCheckType.HTTP_STR_MATCH);
      case HTTPS_STR_MATCH -> Optional.of(HealthCheckType.HTTPS_STR_MATCH);
      case TCP -> Optional.of(HealthCheckType.TCP);
      case CALCULATED -> Optional.of(HealthCheckType.CALCULATED);
      case CLOUDWATCH_METRIC, RECOVERY_CONTROL -> Optional.empty();
    };
    if (type.isEmpty()) {
      return Optional.empty();
    }
    boolean endpoint = type.get() != HealthCheckType.CALCULATED;
    if (endpoint && c.ipAddress().isEmpty() && c.fullyQualifiedDomainName().isEmpty()) {
      return Optional.empty();
    }
    int defaultPort = c.type().tls() ? 443 : 80;
    return Optional.of(new HealthCheckerConfig(check.id(), type.get(), c.ipAddress(), c.fullyQualifiedDomainName(),
        endpoint ? c.port().orElse(defaultPort) : 0, c.resourcePath().orElse("/"), c.searchString(),
        Duration.ofSeconds(c.requestInterval()), Math.max(1, c.failureThreshold()), c.inverted(), c.disabled(),
        c.childHealthChecks(), c.healthThreshold().orElse(0)));
  }
}
