package dev.stratus.ec2.reachability;

import java.util.Objects;

/**
 * Where a VPC route sends matching packets: the closed family of targets a route table entry
 * names ({@code GatewayId}, {@code NatGatewayId}, {@code TransitGatewayId}, …).
 */
public sealed interface RouteTarget {

  /** The target's id as AWS prints it ({@code local}, {@code igw-…}, …; empty for a bare blackhole). */
  String id();

  /** The VPC's own addresses ({@code GatewayId: local}). */
  record Local() implements RouteTarget {
    @Override
    public String id() { return "local"; }
  }

  /** An internet gateway, {@code igw-…}. */
  record InternetGateway(String id) implements RouteTarget {
    public InternetGateway { Objects.requireNonNull(id, "id"); }
  }

  /** An egress-only internet gateway, {@code eigw-…} (IPv6 only). */
  record EgressOnlyInternetGateway(String id) implements RouteTarget {
    public EgressOnlyInternetGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A NAT gateway, {@code nat-…}. */
  record NatGateway(String id) implements RouteTarget {
    public NatGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A transit gateway, {@code tgw-…}. */
  record TransitGateway(String id) implements RouteTarget {
    public TransitGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A VPC peering connection, {@code pcx-…}. */
  record VpcPeeringConnection(String id) implements RouteTarget {
    public VpcPeeringConnection { Objects.requireNonNull(id, "id"); }
  }

  /** A network interface (or instance, resolved to its primary ENI), {@code eni-…}. */
  record NetworkInterface(String id) implements RouteTarget {
    public NetworkInterface { Objects.requireNonNull(id, "id"); }
  }

  /** A gateway VPC endpoint, {@code vpce-…}, reached through its prefix-list route. */
  record GatewayEndpoint(String id) implements RouteTarget {
    public GatewayEndpoint { Objects.requireNonNull(id, "id"); }
  }

  /** A virtual private gateway, {@code vgw-…}. */
  record VirtualPrivateGateway(String id) implements RouteTarget {
    public VirtualPrivateGateway { Objects.requireNonNull(id, "id"); }
  }

  /**
   * A route whose target is unknown or unsupported (a deleted target, or one the analyzer does not
   * model, such as a carrier gateway): it drops traffic, so the analysis fails closed.
   */
  record Blackhole(String id) implements RouteTarget {
    public Blackhole { Objects.requireNonNull(id, "id"); }
  }
}
