package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A transit gateway route table: static and propagated routes, the attachments associated with it
 * (routing packets arriving from them) and those propagating into it (vpc.md §31–33).
 */
public record TransitGatewayRouteTable(String id, String transitGatewayId, String state, boolean defaultAssociation,
    boolean defaultPropagation, Instant creationTime, List<Route> routes, List<String> associations,
    List<String> propagations) {

  public TransitGatewayRouteTable {
    Objects.requireNonNull(id, "id");
    routes = List.copyOf(routes);
    associations = List.copyOf(associations);
    propagations = List.copyOf(propagations);
  }

  /**
   * A route: to an attachment or a blackhole.
   *
   * @param attachmentId null for a blackhole route
   * @param type {@code static} or {@code propagated}
   * @param state {@code active} or {@code blackhole}
   */
  public record Route(Cidr destination, String attachmentId, String type, String state) {
    public Route { Objects.requireNonNull(destination, "destination"); }
  }

  public TransitGatewayRouteTable with(List<Route> newRoutes, List<String> newAssociations, List<String> newPropagations) {
    return new TransitGatewayRouteTable(id, transitGatewayId, state, defaultAssociation, defaultPropagation,
        creationTime, newRoutes, newAssociations, newPropagations);
  }
}
