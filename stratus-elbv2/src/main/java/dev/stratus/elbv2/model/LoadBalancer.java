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

  /**
   * A load balancer node: the subnet of one enabled AZ, the loopback address the node answers on,
   * and its requester-managed network interface in the subnet (null when EC2 was not there to
   * create one, e.g. a balancer stored before nodes had interfaces).
   *
   * @param privateIpAddress the interface's address in the subnet (the VPC model's view of the node)
   */
  public record Node(String subnetId, String availabilityZone, String address, String networkInterfaceId,
      String privateIpAddress, String allocationId) {
    public Node(String subnetId, String availabilityZone, String address) {
      this(subnetId, availabilityZone, address, null, null, null);
    }

    /** The node with the Elastic IP address a subnet mapping gave it (an NLB's; null: none). */
    public Node withAllocationId(String allocation) {
      return new Node(subnetId, availabilityZone, address, networkInterfaceId, privateIpAddress, allocation);
    }
  }

  /** AWS's description of a node's network interface: {@code ELB app/<name>/<id>} or {@code ELB net/<name>/<id>}. */
  public String interfaceDescription() {
    int at = arn.indexOf("loadbalancer/");
    return "ELB " + (at < 0 ? shortType() + "/" + name : arn.substring(at + "loadbalancer/".length()));
  }

  /** AWS's InterfaceType of a node's network interface. */
  public String interfaceType() {
    return isNetwork() ? "network_load_balancer" : isGateway() ? "gateway_load_balancer" : "interface";
  }

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
