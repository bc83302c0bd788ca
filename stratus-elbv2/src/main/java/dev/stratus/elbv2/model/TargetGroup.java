package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A target group as stored: its health check, its attributes (set ones only) and its targets,
 * including deregistered ones still draining.
 *
 * @param protocolVersion {@code HTTP1}, {@code HTTP2} or {@code GRPC} for HTTP(S) groups, else null
 */
public record TargetGroup(String arn, String name, String protocol, String protocolVersion, Integer port,
    String vpcId, String targetType, String ipAddressType, HealthCheck healthCheck, Map<String, String> attributes,
    List<Target> targets) {

  public static final Table<TargetGroup> TABLE = Table.of("elbv2.target_group", TargetGroup.class);

  public TargetGroup {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * @param port {@code traffic-port} or a number
   * @param matcher HTTP codes ({@code 200}, {@code 200,202}, {@code 200-299}) or gRPC codes
   */
  public record HealthCheck(boolean enabled, String protocol, String port, String path, int intervalSeconds,
      int timeoutSeconds, int healthyThreshold, int unhealthyThreshold, String httpCode, String grpcCode) {}

  /**
   * One registered target.
   *
   * @param id instance id, IP address, Lambda ARN or ALB ARN
   * @param address where traffic goes: the IP, or the instance's primary private IP
   * @param deregisteredAt null while registered; set while the target drains
   */
  public record Target(String id, Integer port, String availabilityZone, String address, Instant registeredAt,
      Instant deregisteredAt) {
    public boolean registered() { return deregisteredAt == null; }
  }

  public TargetGroup withTargets(List<Target> t) {
    return new TargetGroup(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, healthCheck, attributes, t);
  }

  public TargetGroup withHealthCheck(HealthCheck h) {
    return new TargetGroup(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, h, attributes, targets);
  }

  public TargetGroup withAttributes(Map<String, String> a) {
    return new TargetGroup(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, healthCheck, a, targets);
  }

  public String attribute(String key) {
    return attributes.getOrDefault(key, Attributes.targetGroupDefaults(this).get(key));
  }
}
