package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * Where a VPC route sends matching packets (the target columns of AWS's route table). A
 * closed family: route selection and reachability switch over it exhaustively.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RouteTarget.Local.class, name = "local"),
    @JsonSubTypes.Type(value = RouteTarget.InternetGateway.class, name = "igw"),
    @JsonSubTypes.Type(value = RouteTarget.EgressOnlyInternetGateway.class, name = "eigw"),
    @JsonSubTypes.Type(value = RouteTarget.NatGateway.class, name = "nat"),
    @JsonSubTypes.Type(value = RouteTarget.TransitGateway.class, name = "tgw"),
    @JsonSubTypes.Type(value = RouteTarget.PeeringConnection.class, name = "pcx"),
    @JsonSubTypes.Type(value = RouteTarget.NetworkInterface.class, name = "eni"),
    @JsonSubTypes.Type(value = RouteTarget.GatewayEndpoint.class, name = "vpce"),
    @JsonSubTypes.Type(value = RouteTarget.VpnGateway.class, name = "vgw"),
    @JsonSubTypes.Type(value = RouteTarget.Unmodelled.class, name = "other")})
public sealed interface RouteTarget {

  /** The target's id as AWS shows it ({@code local}, {@code igw-…}, {@code nat-…}, …). */
  String id();

  /** The VPC's own CIDRs (vpc.md §8). */
  record Local() implements RouteTarget {
    public String id() { return "local"; }
  }

  /** An internet gateway attached to the VPC (vpc.md §23). */
  record InternetGateway(String id) implements RouteTarget {
    public InternetGateway { Objects.requireNonNull(id, "id"); }
  }

  /** An egress-only internet gateway (IPv6 outbound only). */
  record EgressOnlyInternetGateway(String id) implements RouteTarget {
    public EgressOnlyInternetGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A NAT gateway (vpc.md §24). */
  record NatGateway(String id) implements RouteTarget {
    public NatGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A transit gateway the VPC is attached to (vpc.md §35). */
  record TransitGateway(String id) implements RouteTarget {
    public TransitGateway { Objects.requireNonNull(id, "id"); }
  }

  /** A VPC peering connection (vpc.md §27). */
  record PeeringConnection(String id) implements RouteTarget {
    public PeeringConnection { Objects.requireNonNull(id, "id"); }
  }

  /**
   * A network interface; when the route was created with an instance id, {@code instanceId}
   * names it (AWS shows both).
   *
   * @param instanceId null when the route names the interface directly
   */
  record NetworkInterface(String id, String instanceId) implements RouteTarget {
    public NetworkInterface { Objects.requireNonNull(id, "id"); }
  }

  /** A gateway VPC endpoint (S3, DynamoDB; vpc.md §38). */
  record GatewayEndpoint(String id) implements RouteTarget {
    public GatewayEndpoint { Objects.requireNonNull(id, "id"); }
  }

  /** A virtual private gateway (VPN, vpc.md §41). */
  record VpnGateway(String id) implements RouteTarget {
    public VpnGateway { Objects.requireNonNull(id, "id"); }
  }

  /**
   * A target Stratus does not model (a carrier, local or core-network gateway, an instance route
   * without its interface, or none at all; empty id then). Only an imported describe-route-tables
   * output holds one; the analysis drops its traffic, failing closed.
   */
  record Unmodelled(String id) implements RouteTarget {
    public Unmodelled { Objects.requireNonNull(id, "id"); }
  }
}
