package dev.stratus.ec2.routing;

import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.PropagatingVgw;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociationState;

/** SDK shapes of VPC route tables, their routes and associations. */
final class RoutingShapes {
  private RoutingShapes() {}

  static software.amazon.awssdk.services.ec2.model.RouteTable table(RouteTable t, String account,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.RouteTable.builder()
        .routeTableId(t.id()).vpcId(t.vpcId()).ownerId(account)
        .routes(t.routes().stream().map(RoutingShapes::route).toList())
        .associations(t.associations().stream().map(a -> association(t.id(), a)).toList())
        .propagatingVgws(t.propagatingVgws().stream().map(v -> PropagatingVgw.builder().gatewayId(v).build()).toList())
        .tags(Tags.sdk(tags)).build();
  }

  static RouteTableAssociation association(String tableId, RouteTable.Association a) {
    return RouteTableAssociation.builder().routeTableAssociationId(a.id()).routeTableId(tableId).main(a.main())
        .subnetId(a.subnetId()).gatewayId(a.gatewayId())
        .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
  }

  static Route route(RouteTable.Route r) {
    var b = Route.builder().origin(r.origin().wire()).state(r.state().wire());
    switch (r.destination()) {
      case RouteTable.CidrDestination d -> {
        if (d.cidr().ipv6()) b.destinationIpv6CidrBlock(d.cidr().toString());
        else b.destinationCidrBlock(d.cidr().toString());
      }
      case RouteTable.PrefixListDestination d -> b.destinationPrefixListId(d.prefixListId());
    }
    switch (r.target()) {
      case RouteTarget.Local l -> b.gatewayId("local");
      case RouteTarget.InternetGateway g -> b.gatewayId(g.id());
      case RouteTarget.VpnGateway g -> b.gatewayId(g.id());
      case RouteTarget.GatewayEndpoint g -> b.gatewayId(g.id());
      case RouteTarget.EgressOnlyInternetGateway g -> b.egressOnlyInternetGatewayId(g.id());
      case RouteTarget.NatGateway n -> b.natGatewayId(n.id());
      case RouteTarget.TransitGateway t -> b.transitGatewayId(t.id());
      case RouteTarget.PeeringConnection p -> b.vpcPeeringConnectionId(p.id());
      case RouteTarget.NetworkInterface n -> {
        b.networkInterfaceId(n.id());
        if (n.instanceId() != null) b.instanceId(n.instanceId()).instanceOwnerId(null);
      }
      case RouteTarget.Unmodelled u -> { // only imported describe output holds one
        if (!u.id().isEmpty()) b.gatewayId(u.id());
      }
    }
    return b.build();
  }
}
