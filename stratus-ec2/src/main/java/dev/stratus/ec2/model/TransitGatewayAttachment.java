package dev.stratus.ec2.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An attachment of a VPC, VPN connection or peer transit gateway to a transit gateway.
 *
 * @param resourceType what is attached (the control plane creates {@code vpc}, {@code vpn} and {@code peering})
 * @param resourceId the VPC, VPN connection or peer transit gateway id
 * @param state {@code available}, {@code pendingAcceptance}, {@code deleted}, …
 * @param associatedRouteTableId null when not associated
 * @param peerRegion null unless a peering attachment
 * @param requester for a peering attachment, whether this side asked (the other side accepts)
 */
public record TransitGatewayAttachment(String id, String transitGatewayId, ResourceType resourceType, String resourceId,
    String resourceOwnerId, State state, List<String> subnetIds, String associatedRouteTableId,
    Instant creationTime, String peerRegion, String peerAccountId, String applianceModeSupport,
    String dnsSupport, boolean requester) {

  public TransitGatewayAttachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resourceType, "resourceType");
    subnetIds = List.copyOf(subnetIds);
  }

  public TransitGatewayAttachment withAssociation(String routeTableId) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, state,
        subnetIds, routeTableId, creationTime, peerRegion, peerAccountId, applianceModeSupport, dnsSupport,
        requester);
  }

  public TransitGatewayAttachment withState(State newState) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, newState,
        subnetIds, associatedRouteTableId, creationTime, peerRegion, peerAccountId, applianceModeSupport, dnsSupport,
        requester);
  }

  public TransitGatewayAttachment withVpcOptions(List<String> subnets, String applianceMode, String dns) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, state,
        subnets, associatedRouteTableId, creationTime, peerRegion, peerAccountId, applianceMode, dns, requester);
  }

  /** Whether it is in the {@code available} state (the only one that forwards, vpc.md §29). */
  public boolean isAvailable() { return state == State.AVAILABLE; }

  /** Whether it was deleted (the row stays, as AWS lists deleted attachments for a while). */
  public boolean isDeleted() { return state == State.DELETED; }

  /** {@code TransitGatewayAttachmentState}, stored and printed as AWS's value. */
  public enum State {
    INITIATING("initiating"),
    INITIATING_REQUEST("initiatingRequest"),
    PENDING_ACCEPTANCE("pendingAcceptance"),
    ROLLING_BACK("rollingBack"),
    PENDING("pending"),
    /** The only state that forwards traffic. */
    AVAILABLE("available"),
    MODIFYING("modifying"),
    DELETING("deleting"),
    DELETED("deleted"),
    FAILED("failed"),
    REJECTED("rejected"),
    REJECTING("rejecting"),
    FAILING("failing");

    private final String wire;

    State(String wire) { this.wire = wire; }

    /** The value AWS prints (and the stored JSON form). */
    @JsonValue
    public String wire() { return wire; }

    /** Reads the AWS value; an unknown one throws, naming it. */
    @JsonCreator
    public static State fromAws(String text) {
      for (State s : values()) if (s.wire.equals(text)) return s;
      throw new IllegalArgumentException("unknown transit gateway attachment State: " + text);
    }

    @Override
    public String toString() { return wire; }
  }

  /**
   * {@code ResourceType}, stored and printed as AWS's value. The declaration order is the
   * tie-break among propagated routes of equal prefix (vpc.md §33: VPC > Direct Connect gateway >
   * Connect > VPN), peering last (static routes only, vpc.md §34).
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
    /** A transit gateway peering attachment. */
    PEERING("peering"),
    /** A network function (firewall) attachment. */
    NETWORK_FUNCTION("network-function");

    private final String wire;

    ResourceType(String wire) { this.wire = wire; }

    /** The value AWS prints (and the stored JSON form). */
    @JsonValue
    public String wire() { return wire; }

    /** Reads the AWS value ({@code tgw-peering} is read as peering); an unknown one throws, naming it. */
    @JsonCreator
    public static ResourceType fromAws(String text) {
      if ("tgw-peering".equals(text)) return PEERING;
      for (ResourceType t : values()) if (t.wire.equals(text)) return t;
      throw new IllegalArgumentException("unknown transit gateway attachment ResourceType: " + text);
    }

    @Override
    public String toString() { return wire; }
  }
}
