package dev.stratus.ec2.reachability;

import dev.stratus.core.net.PortRange;
import java.util.Objects;

/**
 * The rule or route a component matched, as AWS's analysis shows it on a path component or an
 * explanation ({@code AclRule}, {@code SecurityGroupRule}, {@code RouteTableRoute},
 * {@code TransitGatewayRouteTableRoute}).
 */
public sealed interface AnalysisRule {

  /** How the rule reads in a sentence. */
  String describe();

  /** {@code all traffic}, {@code tcp port 22}, {@code udp ports 1024-65535}, {@code icmp}. */
  static String traffic(String protocol, PortRange ports) {
    String name;
    try {
      Protocol p = Protocol.fromAws(protocol);
      if (p == Protocol.ALL) return "all traffic";
      name = p.wire();
      if (!p.hasPorts()) return name;
    } catch (IllegalArgumentException e) {
      name = "protocol " + protocol;
    }
    return name + (ports.from() == ports.to() ? " port " : " ports ") + ports;
  }

  /**
   * A network ACL entry ({@code AnalysisAclRule}); rule number 32767 (32768 IPv6) is the implicit deny.
   *
   * @param ruleNumber the entry number
   * @param egress whether it is an outbound entry
   * @param ruleAction {@code allow} or {@code deny}
   * @param protocol the protocol as AWS printed it
   * @param portRange the entry's port range
   * @param cidr the entry's block
   */
  record AclRule(int ruleNumber, boolean egress, String ruleAction, String protocol, PortRange portRange,
      String cidr) implements AnalysisRule {
    public AclRule {
      Objects.requireNonNull(ruleAction, "ruleAction");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(portRange, "portRange");
      Objects.requireNonNull(cidr, "cidr");
    }

    /** Whether this is the implicit final deny. */
    public boolean implicitDeny() { return ruleNumber >= 32767; }

    @Override
    public String describe() {
      String n = implicitDeny() ? "* (implicit deny)" : Integer.toString(ruleNumber);
      return (egress ? "outbound" : "inbound") + " rule " + n + " " + ruleAction + " "
          + AnalysisRule.traffic(protocol, portRange) + " " + (egress ? "to " : "from ") + cidr;
    }
  }

  /**
   * A security group permission ({@code AnalysisSecurityGroupRule}).
   *
   * @param securityGroupId the group
   * @param direction {@code ingress} or {@code egress}
   * @param protocol the protocol as AWS printed it
   * @param portRange the port range
   * @param peer the CIDR, prefix list id or referenced group id
   */
  record SecurityGroupRule(String securityGroupId, String direction, String protocol, PortRange portRange,
      String peer) implements AnalysisRule {
    public SecurityGroupRule {
      Objects.requireNonNull(securityGroupId, "securityGroupId");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(portRange, "portRange");
      Objects.requireNonNull(peer, "peer");
    }

    @Override
    public String describe() {
      return securityGroupId + " " + direction + " allows " + AnalysisRule.traffic(protocol, portRange)
          + ("ingress".equals(direction) ? " from " : " to ") + peer;
    }
  }

  /**
   * A VPC route ({@code AnalysisRouteTableRoute}).
   *
   * @param destination the destination CIDR or prefix list id
   * @param target the target id
   * @param origin {@code CreateRoute}, …
   * @param state {@code active} or {@code blackhole}
   */
  record RouteTableRoute(String destination, String target, String origin, String state) implements AnalysisRule {
    public RouteTableRoute {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String describe() { return "route " + destination + " -> " + target + " (" + state + ")"; }
  }

  /**
   * A transit gateway route ({@code TransitGatewayRouteTableRoute}).
   *
   * @param destinationCidr the destination CIDR or prefix list id
   * @param state {@code active} or {@code blackhole}
   * @param routeOrigin {@code static} or {@code propagated}
   * @param attachmentId the target attachment (empty for blackhole)
   * @param resourceType the target's resource type
   */
  record TransitGatewayRouteTableRoute(String destinationCidr, String state, String routeOrigin,
      String attachmentId, String resourceType) implements AnalysisRule {
    public TransitGatewayRouteTableRoute {
      Objects.requireNonNull(destinationCidr, "destinationCidr");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(routeOrigin, "routeOrigin");
      Objects.requireNonNull(attachmentId, "attachmentId");
      Objects.requireNonNull(resourceType, "resourceType");
    }

    @Override
    public String describe() {
      return routeOrigin + " route " + destinationCidr + " -> "
          + (attachmentId.isEmpty() ? "blackhole" : attachmentId + " (" + resourceType + ")") + " (" + state + ")";
    }
  }
}
