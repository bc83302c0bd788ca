package dev.stratus.ec2.vpn;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.transit.TgwRouteTables;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps propagated VPN routes in step: VPC route tables that propagate a virtual private gateway
 * carry one {@code EnableVgwRoutePropagation} route per static route of its VPN connections, and
 * transit gateway tables that a VPN attachment propagates into carry them as {@code propagated}.
 */
final class VpnRouting {
  private VpnRouting() {}

  /** Static routes of the live VPN connections on a virtual private gateway. */
  static List<Cidr> vgwRoutes(Transaction tx, String scope, String vgwId) {
    return tx.list(Ec2Tables.VPN_CONNECTION, scope).stream()
        .filter(v -> vgwId.equals(v.vpnGatewayId()) && !v.state().equals("deleted"))
        .flatMap(v -> v.staticRoutes().stream()).distinct().toList();
  }

  /** Rewrites the propagated routes of {@code vgwId} in every table that propagates it. */
  static void refreshVgw(Transaction tx, String scope, String vgwId) {
    List<Cidr> cidrs = vgwRoutes(tx, scope, vgwId);
    for (RouteTable t : tx.list(Ec2Tables.ROUTE_TABLE, scope)) {
      if (!t.propagatingVgws().contains(vgwId)) continue;
      List<RouteTable.Route> routes = new ArrayList<>(t.routes().stream().filter(r ->
          !(r.origin() == RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION && r.target().id().equals(vgwId))).toList());
      cidrs.forEach(c -> routes.add(new RouteTable.Route(new RouteTable.CidrDestination(c),
          new RouteTarget.VpnGateway(vgwId), RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION, RouteTable.State.ACTIVE)));
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(routes));
    }
  }

  /** Rewrites the propagated routes of a VPN attachment in every TGW table it propagates into. */
  static void refreshTgw(Transaction tx, String scope, String attachmentId, List<Cidr> cidrs) {
    TgwRouteTables.repropagate(tx, scope, attachmentId, cidrs);
  }
}
