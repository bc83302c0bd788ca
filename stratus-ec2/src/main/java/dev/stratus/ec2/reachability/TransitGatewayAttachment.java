package dev.stratus.ec2.reachability;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transit gateway attachment: the link between a transit gateway and a VPC, VPN connection,
 * Direct Connect gateway, Connect peer or another transit gateway (vpc.md §29).
 *
 * @param id {@code tgw-attach-…}
 * @param region the Region
 * @param transitGatewayId the transit gateway
 * @param resourceType what is attached
 * @param resourceId the attached resource ({@code vpc-…}, {@code vpn-…}, a peer {@code tgw-…}, …)
 * @param state {@code available}, {@code pending}, …
 * @param associatedRouteTableId the one route table packets arriving from it use (vpc.md §31)
 * @param tags the resource tags
 */
public record TransitGatewayAttachment(String id, String region, String transitGatewayId,
    ResourceType resourceType, String resourceId, String state, Optional<String> associatedRouteTableId,
    Map<String, String> tags) {
  public TransitGatewayAttachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(transitGatewayId, "transitGatewayId");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(associatedRouteTableId, "associatedRouteTableId");
    tags = Map.copyOf(tags);
  }

  /**
   * {@code ResourceType}; the order is the tie-break among propagated routes of equal prefix
   * (vpc.md §33: VPC > Direct Connect gateway > Connect > VPN), peering last (static only).
   */
  public enum ResourceType {
    /** A VPC attachment. */
    VPC("vpc"),
    /** A Direct Connect gateway attachment. */
    DIRECT_CONNECT_GATEWAY("direct-connect-gateway"),
    /** A Connect (GRE) attachment. */
    CONNECT("connect"),
    /** A Site-to-Site VPN attachment. */
    VPN("vpn"),
    /** A transit gateway peering attachment (static routes only, vpc.md §34). */
    PEERING("peering"),
    /** A network function (firewall) attachment. */
    NETWORK_FUNCTION("network-function");

    private final String wire;

    ResourceType(String wire) { this.wire = wire; }

    /** The value AWS prints. */
    public String wire() { return wire; }

    /** Reads the AWS value ({@code tgw-peering} is read as peering). */
    public static ResourceType fromAws(String text) {
      if ("tgw-peering".equals(text)) return PEERING;
      for (ResourceType t : values()) if (t.wire.equals(text)) return t;
      throw new IllegalArgumentException("unknown transit gateway attachment ResourceType: " + text);
    }
  }
}
