package dev.stratus.app;

import dev.stratus.ec2.reachability.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53 failover whose primary health check cannot see a degraded application (seed 001,
 * failure case 4): the check of a PRIMARY failover record requests {@code /} (or no path), which a
 * load balancer or web server answers 200 while the application behind it fails, or is a bare
 * TCP check that only sees the port open.
 */
final class FailoverHealthAudit {
  /** Health check types that request a path. */
  private static final Set<String> HTTP_TYPES = Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH");

  private FailoverHealthAudit() {}

  /** The findings over every hosted zone the client's account has. */
  static List<Finding> findings(Route53Client r53) {
    Map<String, HealthCheck> checks = new HashMap<>();
    r53.listHealthChecksPaginator(b -> {}).healthChecks().forEach(h -> checks.put(h.id(), h));
    List<ResourceRecordSet> primaries = new ArrayList<>();
    for (HostedZone z : r53.listHostedZonesPaginator(b -> {}).hostedZones()) {
      r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(z.id())).resourceRecordSets().stream()
          .filter(r -> "PRIMARY".equals(r.failoverAsString()) && r.healthCheckId() != null).forEach(primaries::add);
    }
    return findings(primaries, checks);
  }

  /** The findings for {@code primaries} (PRIMARY failover records with a health check) and the account's checks. */
  static List<Finding> findings(List<ResourceRecordSet> primaries, Map<String, HealthCheck> checks) {
    List<Finding> out = new ArrayList<>();
    for (ResourceRecordSet r : primaries) {
      HealthCheck hc = checks.get(r.healthCheckId());
      if (hc == null) continue;
      HealthCheckConfig c = hc.healthCheckConfig();
      String type = c.typeAsString();
      String path = c.resourcePath() == null || c.resourcePath().isEmpty() ? "/" : c.resourcePath();
      boolean shallow = type.equals("TCP") || (HTTP_TYPES.contains(type) && path.equals("/"));
      if (!shallow) continue;
      String target = (c.fullyQualifiedDomainName() != null ? c.fullyQualifiedDomainName() : c.ipAddress()) + ":" + c.port();
      String what = type.equals("TCP") ? "only opens a TCP connection to " + target
          : "requests " + path + " on " + target;
      out.add(new Finding(Finding.Type.ROUTE53_FAILOVER_SHALLOW_HEALTH_CHECK, Finding.Severity.MEDIUM, hc.id(), "global",
          "Health check " + hc.id() + " of the PRIMARY failover record " + r.name() + " " + r.typeAsString() + " "
              + what + ", which keeps answering while the application is degraded, so Route 53 keeps routing to "
              + "the primary and failover never triggers.",
          "Point the check at a dedicated deep endpoint that tests the application's dependencies (aws route53 "
              + "update-health-check --health-check-id " + hc.id() + " --resource-path /health/deep), and allow "
              + "Route 53's health-checker ranges (prefix list com.amazonaws.<region>.route53-healthchecks) in the "
              + "target's security group."));
    }
    return out;
  }
}
