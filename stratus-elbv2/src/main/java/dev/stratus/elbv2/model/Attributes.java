package dev.stratus.elbv2.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS's attribute keys for load balancers and target groups, their defaults per type, and the
 * check of a value (API reference, LoadBalancerAttribute / TargetGroupAttribute).
 */
public final class Attributes {
  private Attributes() {}

  private static final Set<String> BOOLEAN = Set.of("true", "false");

  /** Every attribute of a load balancer of {@code type} with its default, in AWS's order. */
  public static Map<String, String> loadBalancerDefaults(String type) {
    var m = new LinkedHashMap<String, String>();
    m.put("deletion_protection.enabled", "false");
    if (!type.equals("gateway")) {
      m.put("access_logs.s3.enabled", "false");
      m.put("access_logs.s3.bucket", "");
      m.put("access_logs.s3.prefix", "");
    }
    if (type.equals("application")) {
      m.put("idle_timeout.timeout_seconds", "60");
      m.put("client_keep_alive.seconds", "3600");
      m.put("connection_logs.s3.enabled", "false");
      m.put("connection_logs.s3.bucket", "");
      m.put("connection_logs.s3.prefix", "");
      m.put("routing.http.desync_mitigation_mode", "defensive");
      m.put("routing.http.drop_invalid_header_fields.enabled", "false");
      m.put("routing.http.preserve_host_header.enabled", "false");
      m.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
      m.put("routing.http.xff_client_port.enabled", "false");
      m.put("routing.http.xff_header_processing.mode", "append");
      m.put("routing.http2.enabled", "true");
      m.put("waf.fail_open.enabled", "false");
      m.put("zonal_shift.config.enabled", "false");
    } else {
      m.put("load_balancing.cross_zone.enabled", "false");
      if (type.equals("network")) {
        m.put("dns_record.client_routing_policy", "any_availability_zone");
        m.put("zonal_shift.config.enabled", "false");
      }
    }
    return m;
  }

  /** Every attribute of {@code tg} with its default (depends on protocol and target type). */
  public static Map<String, String> targetGroupDefaults(TargetGroup tg) {
    var m = new LinkedHashMap<String, String>();
    if (tg.targetType().equals("lambda")) {
      m.put("lambda.multi_value_headers.enabled", "false");
      return m;
    }
    boolean l4 = tg.protocol() != null && Set.of("TCP", "UDP", "TCP_UDP", "TLS").contains(tg.protocol());
    boolean geneve = "GENEVE".equals(tg.protocol());
    m.put("deregistration_delay.timeout_seconds", "300");
    if (l4 || geneve) {
      m.put("deregistration_delay.connection_termination.enabled", String.valueOf(tg.protocol().contains("UDP")));
      m.put("stickiness.enabled", "false");
      m.put("stickiness.type", geneve ? "source_ip_dest_ip_proto" : "source_ip");
      if (l4) {
        boolean preserve = tg.targetType().equals("instance") || tg.protocol().contains("UDP");
        m.put("preserve_client_ip.enabled", String.valueOf(preserve));
        m.put("proxy_protocol_v2.enabled", "false");
        m.put("target_health_state.unhealthy.connection_termination.enabled", "true");
      }
    } else {
      m.put("stickiness.enabled", "false");
      m.put("stickiness.type", "lb_cookie");
      m.put("stickiness.lb_cookie.duration_seconds", "86400");
      m.put("stickiness.app_cookie.cookie_name", "");
      m.put("stickiness.app_cookie.duration_seconds", "86400");
      m.put("load_balancing.algorithm.type", "round_robin");
      m.put("load_balancing.algorithm.anomaly_mitigation", "off");
      m.put("slow_start.duration_seconds", "0");
    }
    m.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
    m.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
    m.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
    m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
    return m;
  }

  /** Why {@code value} is not acceptable for {@code key}, empty when it is. */
  public static Optional<String> invalidValue(String key, String value) {
    if (key.endsWith(".enabled") && !key.equals("load_balancing.cross_zone.enabled")) {
      return BOOLEAN.contains(value) ? Optional.empty() : Optional.of("'" + key + "' must be one of 'true, false'");
    }
    return switch (key) {
      case "idle_timeout.timeout_seconds" -> range(key, value, 1, 4000);
      case "client_keep_alive.seconds" -> range(key, value, 60, 604800);
      case "deregistration_delay.timeout_seconds" -> range(key, value, 0, 3600);
      case "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.duration_seconds" -> range(key, value, 1, 604800);
      case "slow_start.duration_seconds" -> value.equals("0") ? Optional.empty() : range(key, value, 30, 900);
      case "target_group_health.dns_failover.minimum_healthy_targets.count",
          "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count" ->
          value.equals("off") ? Optional.empty() : range(key, value, 1, 1_000_000);
      case "target_group_health.dns_failover.minimum_healthy_targets.percentage",
          "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage" ->
          value.equals("off") ? Optional.empty() : range(key, value, 1, 100);
      case "routing.http.desync_mitigation_mode" -> oneOf(key, value, "monitor", "defensive", "strictest");
      case "routing.http.xff_header_processing.mode" -> oneOf(key, value, "append", "preserve", "remove");
      case "load_balancing.algorithm.type" -> oneOf(key, value, "round_robin", "least_outstanding_requests", "weighted_random");
      case "load_balancing.algorithm.anomaly_mitigation" -> oneOf(key, value, "on", "off");
      case "stickiness.type" -> oneOf(key, value, "lb_cookie", "app_cookie", "source_ip", "source_ip_dest_ip",
          "source_ip_dest_ip_proto");
      case "load_balancing.cross_zone.enabled" -> oneOf(key, value, "true", "false", "use_load_balancer_configuration");
      case "dns_record.client_routing_policy" -> oneOf(key, value, "availability_zone_affinity",
          "partial_availability_zone_affinity", "any_availability_zone");
      case "stickiness.app_cookie.cookie_name" -> value.startsWith("AWSALB")
          ? Optional.of("The cookie name cannot start with the reserved prefixes 'AWSALB', 'AWSALBAPP', or 'AWSALBTG'")
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<String> range(String key, String value, long lo, long hi) {
    try {
      long v = Long.parseLong(value);
      if (v >= lo && v <= hi) return Optional.empty();
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    return Optional.of("'" + key + "' must be between '" + lo + "' and '" + hi + "'");
  }

  private static Optional<String> oneOf(String key, String value, String... allowed) {
    for (String a : allowed) if (a.equals(value)) return Optional.empty();
    return Optional.of("'" + key + "' must be one of '" + String.join(", ", allowed) + "'");
  }
}
