package dev.stratus.ec2.reachability;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transit gateway: a Regional router whose attachments are associated with one route table
 * each and propagate into any number (vpc.md §29–31).
 *
 * @param id {@code tgw-…}
 * @param region the Region
 * @param ownerId the owning account
 * @param state {@code available}, …
 * @param defaultRouteTableAssociation the {@code DefaultRouteTableAssociation} option
 * @param defaultRouteTablePropagation the {@code DefaultRouteTablePropagation} option
 * @param associationDefaultRouteTableId the default association table, if any
 * @param propagationDefaultRouteTableId the default propagation table, if any
 * @param securityGroupReferencingSupport the {@code SecurityGroupReferencingSupport} option
 * @param tags the resource tags
 */
public record TransitGateway(String id, String region, String ownerId, String state,
    boolean defaultRouteTableAssociation, boolean defaultRouteTablePropagation,
    Optional<String> associationDefaultRouteTableId, Optional<String> propagationDefaultRouteTableId,
    boolean securityGroupReferencingSupport, Map<String, String> tags) {
  public TransitGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(associationDefaultRouteTableId, "associationDefaultRouteTableId");
    Objects.requireNonNull(propagationDefaultRouteTableId, "propagationDefaultRouteTableId");
    tags = Map.copyOf(tags);
  }
}
