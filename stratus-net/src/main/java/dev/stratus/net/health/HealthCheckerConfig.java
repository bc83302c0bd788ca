package dev.stratus.net.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to check and how: the parts of a Route 53 {@code HealthCheckConfig} that a checker needs.
 * The Route 53 module adapts its stored health checks to this record.
 *
 * @param id the health check id
 * @param ipAddress endpoint address; when empty, {@code fullyQualifiedDomainName} is resolved (IPv4)
 * @param fullyQualifiedDomainName sent as the Host header (route53.md §25), resolved if no IP
 * @param resourcePath path requested, leading {@code /} added if missing (§23)
 * @param searchString for STR_MATCH types, case-sensitive
 * @param requestInterval 10 or 30 s in AWS (§23); any positive duration is accepted for tests
 * @param failureThreshold consecutive results needed to flip the status, 1..10 (§23)
 * @param childHealthChecks for CALCULATED, the ids of the children
 * @param healthThreshold for CALCULATED, how many children must be healthy (§28)
 * @param timeout when present, one deadline for the whole probe from its start (ELB's
 *     HealthCheckTimeoutSeconds) instead of Route 53's connect 4 s / first byte 2 s / body 2 s
 */
public record HealthCheckerConfig(String id, HealthCheckType type, Optional<String> ipAddress,
    Optional<String> fullyQualifiedDomainName, int port, String resourcePath, Optional<String> searchString,
    Duration requestInterval, int failureThreshold, boolean inverted, boolean disabled,
    List<String> childHealthChecks, int healthThreshold, Optional<Duration> timeout) {

  /** Route 53's timeouts (no overall {@code timeout}). */
  public HealthCheckerConfig(String id, HealthCheckType type, Optional<String> ipAddress,
      Optional<String> fullyQualifiedDomainName, int port, String resourcePath, Optional<String> searchString,
      Duration requestInterval, int failureThreshold, boolean inverted, boolean disabled,
      List<String> childHealthChecks, int healthThreshold) {
    this(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString, requestInterval, failureThreshold,
        inverted, disabled, childHealthChecks, healthThreshold, Optional.empty());
  }

  /** AWS's default and longer interval, 30 s (route53.md §23). */
  public static final Duration STANDARD_INTERVAL = Duration.ofSeconds(30);
  /** AWS's "fast" interval, 10 s (route53.md §23). */
  public static final Duration FAST_INTERVAL = Duration.ofSeconds(10);
  /** AWS's default FailureThreshold, 3 consecutive checks (route53.md §23). */
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;

  public HealthCheckerConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(fullyQualifiedDomainName, "fullyQualifiedDomainName");
    Objects.requireNonNull(resourcePath, "resourcePath");
    Objects.requireNonNull(searchString, "searchString");
    Objects.requireNonNull(requestInterval, "requestInterval");
    timeout = timeout == null ? Optional.empty() : timeout;
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout.get());
    }
    childHealthChecks = List.copyOf(childHealthChecks);
    if (!resourcePath.startsWith("/")) {
      resourcePath = "/" + resourcePath;
    }
    if (requestInterval.isNegative() || requestInterval.isZero()) {
      throw new IllegalArgumentException("requestInterval must be positive: " + requestInterval);
    }
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be >= 1: " + failureThreshold);
    }
    if (type != HealthCheckType.CALCULATED && (port < 1 || port > 65_535)) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    if (type != HealthCheckType.CALCULATED && ipAddress.isEmpty() && fullyQualifiedDomainName.isEmpty()) {
      throw new IllegalArgumentException("health check " + id + " needs an IP address or a domain name");
    }
  }

  /** An endpoint check with AWS defaults: 30 s interval, threshold 3, not inverted or disabled. */
  public static HealthCheckerConfig endpoint(String id, HealthCheckType type, String ipAddress, int port,
      String resourcePath, Optional<String> searchString) {
    return new HealthCheckerConfig(id, type, Optional.of(ipAddress), Optional.empty(), port, resourcePath,
        searchString, STANDARD_INTERVAL, DEFAULT_FAILURE_THRESHOLD, false, false, List.of(), 0);
  }

  /** A CALCULATED check over {@code children}. */
  public static HealthCheckerConfig calculated(String id, List<String> children, int healthThreshold) {
    return new HealthCheckerConfig(id, HealthCheckType.CALCULATED, Optional.empty(), Optional.empty(), 0, "/",
        Optional.empty(), STANDARD_INTERVAL, DEFAULT_FAILURE_THRESHOLD, false, false, children, healthThreshold);
  }

  public HealthCheckerConfig withInterval(Duration interval) {
    return new HealthCheckerConfig(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString,
        interval, failureThreshold, inverted, disabled, childHealthChecks, healthThreshold, timeout);
  }

  public HealthCheckerConfig withFailureThreshold(int threshold) {
    return new HealthCheckerConfig(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString,
        requestInterval, threshold, inverted, disabled, childHealthChecks, healthThreshold, timeout);
  }

  public HealthCheckerConfig withInverted(boolean value) {
    return new HealthCheckerConfig(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString,
        requestInterval, failureThreshold, value, disabled, childHealthChecks, healthThreshold, timeout);
  }

  public HealthCheckerConfig withDisabled(boolean value) {
    return new HealthCheckerConfig(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString,
        requestInterval, failureThreshold, inverted, value, childHealthChecks, healthThreshold, timeout);
  }

  /** One deadline for the whole probe, measured from its start (ELB's HealthCheckTimeoutSeconds). */
  public HealthCheckerConfig withTimeout(Duration overall) {
    return new HealthCheckerConfig(id, type, ipAddress, fullyQualifiedDomainName, port, resourcePath, searchString,
        requestInterval, failureThreshold, inverted, disabled, childHealthChecks, healthThreshold, Optional.of(overall));
  }

  public HealthCheckerConfig withDomainName(String fqdn) {
    return new HealthCheckerConfig(id, type, ipAddress, Optional.of(fqdn), port, resourcePath, searchString,
        requestInterval, failureThreshold, inverted, disabled, childHealthChecks, healthThreshold, timeout);
  }

  /**
   * The Host header (route53.md §25): the domain name, with {@code :port} unless the port is the
   * scheme's default (80 for HTTP, 443 for HTTPS); the IP address when there is no domain name.
   */
  public String hostHeader() {
    String host = fullyQualifiedDomainName.or(() -> ipAddress.map(HealthCheckerConfig::bracketIpv6)).orElseThrow();
    int defaultPort = type.tls() ? 443 : 80;
    return port == defaultPort ? host : host + ":" + port;
  }

  private static String bracketIpv6(String ip) {
    return ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
  }
}
