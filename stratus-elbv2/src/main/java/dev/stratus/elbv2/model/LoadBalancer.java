package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Application, Network or Gateway Load Balancer as stored.
 *
 * @param type {@code application}, {@code network} or {@code gateway}
 * @param scheme {@code internet-facing} or {@code internal}
 * @param nodes one per enabled Availability Zone, each with its own loopback address
 * @param attributes only the attributes set away from their defaults ({@link Attributes})
 */
public record LoadBalancer(String arn, String name, String type, String scheme, String vpcId, String dnsName,
    Instant createdTime, String ipAddressType, List<Node> nodes, List<String> securityGroups,
    Map<String, String> attributes) {

  public static final Table<LoadBalancer> TABLE = Table.of("elbv2.load_balancer", LoadBalancer.class);

  /** How long a new load balancer reads {@code provisioning} before {@code active} (on the injected clock). */
  public static final java.time.Duration PROVISIONING = java.time.Duration.ofSeconds(10);

  public LoadBalancer {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    if (ipAddressType == null) ipAddressType = "ipv4";
  }

  /** A load balancer node: the subnet of one enabled AZ and the loopback address the node answers on. */
  public record Node(String subnetId, String availabilityZone, String address) {}

  public String stateAt(Instant now) {
    return createdTime == null || !now.isBefore(createdTime.plus(PROVISIONING)) ? "active" : "provisioning";
  }

  public boolean isApplication() { return "application".equals(type); }

  public boolean isNetwork() { return "network".equals(type); }

  public boolean isGateway() { return "gateway".equals(type); }

  /** {@code app}, {@code net} or {@code gwy}: the ARN's and AWS's short type word. */
  public String shortType() { return isApplication() ? "app" : isNetwork() ? "net" : "gwy"; }

  public LoadBalancer withNodes(List<Node> n) {
    return new LoadBalancer(arn, name, type, scheme, vpcId, dnsName, createdTime, ipAddressType, n, securityGroups, attributes);
  }

  public LoadBalancer withSecurityGroups(List<String> g) {
    return new LoadBalancer(arn, name, type, scheme, vpcId, dnsName, createdTime, ipAddressType, nodes, g, attributes);
  }

  public LoadBalancer withAttributes(Map<String, String> a) {
    return new LoadBalancer(arn, name, type, scheme, vpcId, dnsName, createdTime, ipAddressType, nodes, securityGroups, a);
  }

  public LoadBalancer withIpAddressType(String t) {
    return new LoadBalancer(arn, name, type, scheme, vpcId, dnsName, createdTime, t, nodes, securityGroups, attributes);
  }
}
