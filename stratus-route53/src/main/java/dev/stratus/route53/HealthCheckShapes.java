package dev.stratus.route53;

import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckConfig;
import dev.stratus.route53.model.HealthCheckType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.AlarmIdentifier;

/**
 * Converts health checks between the SDK and the model, applying AWS's defaults and ranges
 * (route53.md §22–23, §28–31) and answering InvalidInput for a configuration AWS refuses.
 */
public final class HealthCheckShapes {
  /*
   * Departure from AWS (route53.md §31): AWS refuses private, non-routable and multicast
   * endpoint addresses. Stratus refuses them too, except loopback (127.0.0.0/8 and ::1), since a
   * local emulator's endpoints live there. Texts of these InvalidInput errors are inferred.
   */

  /** Largest ResourcePath and SearchString, characters (§23). */
  public static final int MAX_PATH = 255;
  /** Fewest checker regions when Regions is given (§23). */
  public static final int MIN_REGIONS = 3;
  /** Most children of a CALCULATED check and its largest HealthThreshold (§28). */
  public static final int MAX_CHILDREN = 256;

  private HealthCheckShapes() {}

  /** The model configuration of a CreateHealthCheck request, defaults applied. */
  public static HealthCheckConfig fromSdk(software.amazon.awssdk.services.route53.model.HealthCheckConfig c) {
    if (c == null) throw Route53Errors.missing("healthCheckConfig");
    var type = HealthCheckType.fromWire(c.typeAsString()).orElseThrow(() -> Route53Errors.constraint(c.typeAsString(),
        "healthCheckConfig.type", "Member must satisfy enum value set: " + Arrays.toString(HealthCheckType.values())));
    int interval = Optional.ofNullable(c.requestInterval()).orElse(HealthCheckConfig.DEFAULT_REQUEST_INTERVAL);
    if (interval != 10 && interval != 30) {
      throw Route53Errors.constraint(interval, "healthCheckConfig.requestInterval", "Member must be 10 or 30");
    }
    var port = Optional.ofNullable(c.port()).or(() -> switch (type) {
      case HTTP, HTTP_STR_MATCH -> Optional.of(80);
      case HTTPS, HTTPS_STR_MATCH -> Optional.of(443);
      default -> Optional.empty();
    });
    var config = new HealthCheckConfig(type, Route53Shapes.optional(c.ipAddress()), port,
        Route53Shapes.optional(c.fullyQualifiedDomainName()), path(c.resourcePath(), type),
        Route53Shapes.optional(c.searchString()), interval, failureThreshold(c.failureThreshold()),
        Boolean.TRUE.equals(c.measureLatency()), Boolean.TRUE.equals(c.inverted()), Boolean.TRUE.equals(c.disabled()),
        Optional.ofNullable(c.enableSNI()).or(() -> type.tls() ? Optional.of(true) : Optional.empty()),
        Optional.ofNullable(c.healthThreshold()), c.hasChildHealthChecks() ? c.childHealthChecks() : List.of(),
        c.hasRegions() ? c.regionsAsStrings() : List.of(), alarm(c.alarmIdentifier()),
        insufficient(c.insufficientDataHealthStatusAsString()), Route53Shapes.optional(c.routingControlArn()));
    return validate(config);
  }

  /** Checks the rules that depend on the type; returns the config unchanged. */
  static HealthCheckConfig validate(HealthCheckConfig c) {
    c.port().filter(p -> p < 1 || p > 65535).ifPresent(p -> {
      throw Route53Errors.constraint(p, "healthCheckConfig.port", "Member must have value between 1 and 65535");
    });
    c.resourcePath().filter(p -> p.length() > MAX_PATH).ifPresent(p -> {
      throw Route53Errors.constraint(p, "healthCheckConfig.resourcePath", "Member must have length less than or equal to 255");
    });
    c.searchString().filter(p -> p.length() > MAX_PATH).ifPresent(p -> {
      throw Route53Errors.constraint(p, "healthCheckConfig.searchString", "Member must have length less than or equal to 255");
    });
    if (!c.regions().isEmpty() && c.regions().size() < MIN_REGIONS) {
      throw Route53Errors.constraint(c.regions(), "healthCheckConfig.regions", "Member must have length greater than or equal to 3");
    }
    if (c.type().probesEndpoint()) {
      if (c.ipAddress().isEmpty() && c.fullyQualifiedDomainName().isEmpty()) {
        throw Route53Errors.invalidInput("Invalid parameter: a " + c.type()
            + " health check requires either IPAddress or FullyQualifiedDomainName.");
      }
      if (c.type() == HealthCheckType.TCP && c.port().isEmpty()) {
        throw Route53Errors.invalidInput("Invalid parameter: a TCP health check requires Port.");
      }
      c.ipAddress().ifPresent(HealthCheckShapes::checkAddress);
    }
    if (c.type().matchesString() && c.searchString().isEmpty()) {
      throw Route53Errors.invalidInput("Invalid parameter: a " + c.type() + " health check requires SearchString.");
    }
    switch (c.type()) {
      case CALCULATED -> {
        if (c.childHealthChecks().size() > MAX_CHILDREN) {
          throw Route53Errors.constraint(c.childHealthChecks().size(), "healthCheckConfig.childHealthChecks",
              "Member must have length less than or equal to 256");
        }
        c.healthThreshold().filter(t -> t < 0 || t > MAX_CHILDREN).ifPresent(t -> {
          throw Route53Errors.constraint(t, "healthCheckConfig.healthThreshold", "Member must have value between 0 and 256");
        });
      }
      case CLOUDWATCH_METRIC -> {
        if (c.alarm().isEmpty()) throw Route53Errors.missing("healthCheckConfig.alarmIdentifier");
      }
      case RECOVERY_CONTROL -> {
        if (c.routingControlArn().isEmpty()) throw Route53Errors.missing("healthCheckConfig.routingControlArn");
      }
      case HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP -> { }
    }
    return c;
  }

  /** Refuses non-routable endpoint addresses (§31), loopback excepted (see the class comment). */
  static void checkAddress(String ip) {
    InetAddress address;
    if (!ip.matches("[0-9A-Fa-f:.]+")) throw Route53Errors.invalidInput("Invalid IP address: " + ip);
    try {
      address = InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw Route53Errors.invalidInput("Invalid IP address: " + ip);
    }
    if (address.isLoopbackAddress()) return;
    if (address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()
        || address.isAnyLocalAddress() || reserved(address.getAddress())) {
      throw Route53Errors.invalidInput("Invalid IP address: " + ip
          + " is a private, non-routable or multicast address, which Route 53 health checkers cannot reach.");
    }
  }

  /** RFC 5735/6598/5156 blocks that the JDK's predicates above do not cover. */
  private static boolean reserved(byte[] a) {
    int b0 = a[0] & 0xff, b1 = a[1] & 0xff;
    if (a.length == 4) {
      return b0 == 0 || (b0 == 100 && b1 >= 64 && b1 < 128) || (b0 == 192 && b1 == 0)
          || (b0 == 198 && (b1 == 18 || b1 == 19 || b1 == 51)) || (b0 == 203 && b1 == 0 && (a[2] & 0xff) == 113)
          || b0 >= 240;
    }
    return (b0 & 0xfe) == 0xfc || (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8);
  }

  private static int failureThreshold(Integer value) {
    int t = Optional.ofNullable(value).orElse(HealthCheckConfig.DEFAULT_FAILURE_THRESHOLD);
    if (t < 1 || t > 10) throw Route53Errors.constraint(t, "healthCheckConfig.failureThreshold", "Member must have value between 1 and 10");
    return t;
  }

  static Optional<String> path(String value, HealthCheckType type) {
    if (value == null || value.isEmpty()) {
      return type.probesEndpoint() && type != HealthCheckType.TCP ? Optional.of("/") : Optional.empty();
    }
    return Optional.of(value.startsWith("/") ? value : "/" + value);
  }

  static Optional<HealthCheckConfig.Alarm> alarm(AlarmIdentifier a) {
    if (a == null) return Optional.empty();
    if (a.regionAsString() == null || a.name() == null) throw Route53Errors.missing("healthCheckConfig.alarmIdentifier");
    return Optional.of(new HealthCheckConfig.Alarm(a.regionAsString(), a.name()));
  }

  static Optional<HealthCheckConfig.InsufficientDataHealthStatus> insufficient(String value) {
    if (value == null) return Optional.empty();
    return Optional.of(HealthCheckConfig.InsufficientDataHealthStatus.fromWire(value).orElseThrow(() ->
        Route53Errors.constraint(value, "healthCheckConfig.insufficientDataHealthStatus",
            "Member must satisfy enum value set: [Healthy, Unhealthy, LastKnownStatus]")));
  }

  public static software.amazon.awssdk.services.route53.model.HealthCheck toSdk(HealthCheck hc) {
    var c = hc.config();
    // interval, threshold and latency graphs belong to checks of an endpoint: the reference's response
    // syntaxes of CALCULATED and CLOUDWATCH_METRIC checks (CreateHealthCheck, UpdateHealthCheck) leave them out
    boolean endpoint = c.type().probesEndpoint();
    var config = software.amazon.awssdk.services.route53.model.HealthCheckConfig.builder()
        .type(c.type().name()).ipAddress(c.ipAddress().orElse(null)).port(c.port().orElse(null))
        .fullyQualifiedDomainName(c.fullyQualifiedDomainName().orElse(null)).resourcePath(c.resourcePath().orElse(null))
        .searchString(c.searchString().orElse(null)).requestInterval(endpoint ? c.requestInterval() : null)
        .failureThreshold(endpoint ? c.failureThreshold() : null).measureLatency(endpoint ? c.measureLatency() : null)
        .inverted(c.inverted())
        .disabled(c.disabled()).enableSNI(c.enableSni().orElse(null)).healthThreshold(c.healthThreshold().orElse(null))
        .childHealthChecks(c.type() == HealthCheckType.CALCULATED ? c.childHealthChecks() : null)
        .regionsWithStrings(c.regions().isEmpty() ? null : c.regions())
        .alarmIdentifier(c.alarm().map(a -> AlarmIdentifier.builder().region(a.region()).name(a.name()).build()).orElse(null))
        .insufficientDataHealthStatus(c.insufficientDataHealthStatus().map(s -> s.wire()).orElse(null))
        .routingControlArn(c.routingControlArn().orElse(null))
        .build();
    return software.amazon.awssdk.services.route53.model.HealthCheck.builder()
        .id(hc.id()).callerReference(hc.callerReference()).healthCheckConfig(config)
        .healthCheckVersion(hc.version()).build();
  }
}
