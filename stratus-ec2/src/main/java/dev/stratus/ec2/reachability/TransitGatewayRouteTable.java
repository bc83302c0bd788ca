package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transit gateway route table with its routes, associations and propagations (vpc.md §31–33).
 *
 * @param id {@code tgw-rtb-…}
 * @param region the Region
 * @param transitGatewayId the transit gateway
 * @param defaultAssociationRouteTable whether new attachments are associated here by default
 * @param defaultPropagationRouteTable whether new attachments propagate here by default
 * @param routes static, propagated and blackhole routes ({@code search-transit-gateway-routes})
 * @param associatedAttachmentIds attachments whose packets are routed with this table
 * @param propagatingAttachmentIds attachments whose routes propagate into this table
 * @param tags the resource tags
 */
public record TransitGatewayRouteTable(String id, String region, String transitGatewayId,
    boolean defaultAssociationRouteTable, boolean defaultPropagationRouteTable, List<Route> routes,
    List<String> associatedAttachmentIds, List<String> propagatingAttachmentIds, Map<String, String> tags) {
  public TransitGatewayRouteTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(transitGatewayId, "transitGatewayId");
    routes = List.copyOf(routes);
    associatedAttachmentIds = List.copyOf(associatedAttachmentIds);
    propagatingAttachmentIds = List.copyOf(propagatingAttachmentIds);
    tags = Map.copyOf(tags);
  }

  /**
   * One route.
   *
   * @param destination the CIDR block or prefix list
   * @param type {@code static} or {@code propagated}
   * @param state {@code active} or {@code blackhole} (matching packets dropped, vpc.md §32)
   * @param attachmentId the target attachment; empty for a blackhole route
   * @param resourceType the target's resource type (ranks propagated routes, vpc.md §33)
   */
  public record Route(RouteDestination destination, String type, RouteTable.State state,
      String attachmentId, TransitGatewayAttachment.ResourceType resourceType) {
    public Route {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(attachmentId, "attachmentId");
      Objects.requireNonNull(resourceType, "resourceType");
    }

    /** Whether the route was added with CreateTransitGatewayRoute. */
    public boolean isStatic() { return "static".equals(type); }
  }
}
