package dev.stratus.route53;

import dev.stratus.route53.model.HealthCheckConfig;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.ResettableElementName;
import software.amazon.awssdk.services.route53.model.UpdateHealthCheckRequest;

/**
 * Merges an UpdateHealthCheck request into a configuration: given members replace, absent ones
 * stay, and {@code ResetElements} clears FullyQualifiedDomainName, Regions, ResourcePath or
 * ChildHealthChecks back to their defaults.
 */
final class HealthCheckUpdate {
  private HealthCheckUpdate() {}

  static HealthCheckConfig apply(HealthCheckConfig c, UpdateHealthCheckRequest r) {
    if (r.ipAddress() != null && c.ipAddress().isEmpty() && c.type().probesEndpoint()) {
      throw Route53Errors.invalidInput("Invalid parameter: a health check that specifies its endpoint by domain name"
          + " cannot be changed to specify it by IP address.");
    }
    var reset = r.hasResetElements() ? r.resetElements() : List.<ResettableElementName>of();
    var fqdn = reset.contains(ResettableElementName.FULLY_QUALIFIED_DOMAIN_NAME) ? Optional.<String>empty()
        : pick(r.fullyQualifiedDomainName(), c.fullyQualifiedDomainName());
    var regions = reset.contains(ResettableElementName.REGIONS) ? List.<String>of()
        : r.hasRegions() ? r.regionsAsStrings() : c.regions();
    var path = reset.contains(ResettableElementName.RESOURCE_PATH) ? HealthCheckShapes.path(null, c.type())
        : r.resourcePath() != null ? HealthCheckShapes.path(r.resourcePath(), c.type()) : c.resourcePath();
    var children = reset.contains(ResettableElementName.CHILD_HEALTH_CHECKS) ? List.<String>of()
        : r.hasChildHealthChecks() ? r.childHealthChecks() : c.childHealthChecks();
    int threshold = r.failureThreshold() != null ? r.failureThreshold() : c.failureThreshold();
    if (threshold < 1 || threshold > 10) {
      throw Route53Errors.constraint(threshold, "failureThreshold", "Member must have value between 1 and 10");
    }
    return new HealthCheckConfig(c.type(), pick(r.ipAddress(), c.ipAddress()),
        r.port() != null ? Optional.of(r.port()) : c.port(), fqdn, path, pick(r.searchString(), c.searchString()),
        c.requestInterval(), threshold, c.measureLatency(),
        r.inverted() != null ? r.inverted() : c.inverted(), r.disabled() != null ? r.disabled() : c.disabled(),
        r.enableSNI() != null ? Optional.of(r.enableSNI()) : c.enableSni(),
        r.healthThreshold() != null ? Optional.of(r.healthThreshold()) : c.healthThreshold(), children, regions,
        r.alarmIdentifier() != null ? HealthCheckShapes.alarm(r.alarmIdentifier()) : c.alarm(),
        r.insufficientDataHealthStatusAsString() != null
            ? HealthCheckShapes.insufficient(r.insufficientDataHealthStatusAsString()) : c.insufficientDataHealthStatus(),
        c.routingControlArn());
  }

  private static Optional<String> pick(String given, Optional<String> current) {
    return given != null ? Route53Shapes.optional(given) : current;
  }
}
