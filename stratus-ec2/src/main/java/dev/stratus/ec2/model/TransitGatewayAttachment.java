package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An attachment of a VPC, VPN connection or peer transit gateway to a transit gateway.
 *
 * @param resourceType {@code vpc}, {@code vpn} or {@code peering}
 * @param resourceId the VPC, VPN connection or peer transit gateway id
 * @param state {@code available}, {@code pendingAcceptance}, {@code deleted}, …
 * @param associatedRouteTableId null when not associated
 * @param peerRegion null unless a peering attachment
 * @param requester for a peering attachment, whether this side asked (the other side accepts)
 */
public record TransitGatewayAttachment(String id, String transitGatewayId, String resourceType, String resourceId,
    String resourceOwnerId, String state, List<String> subnetIds, String associatedRouteTableId,
    Instant creationTime, String peerRegion, String peerAccountId, String applianceModeSupport,
    String dnsSupport, boolean requester) {

  public TransitGatewayAttachment {
    Objects.requireNonNull(id, "id");
    subnetIds = List.copyOf(subnetIds);
  }

  public TransitGatewayAttachment withAssociation(String routeTableId) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, state,
        subnetIds, routeTableId, creationTime, peerRegion, peerAccountId, applianceModeSupport, dnsSupport,
        requester);
  }

  public TransitGatewayAttachment withState(String newState) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, newState,
        subnetIds, associatedRouteTableId, creationTime, peerRegion, peerAccountId, applianceModeSupport, dnsSupport,
        requester);
  }

  public TransitGatewayAttachment withVpcOptions(List<String> subnets, String applianceMode, String dns) {
    return new TransitGatewayAttachment(id, transitGatewayId, resourceType, resourceId, resourceOwnerId, state,
        subnets, associatedRouteTableId, creationTime, peerRegion, peerAccountId, applianceMode, dns, requester);
  }
}
