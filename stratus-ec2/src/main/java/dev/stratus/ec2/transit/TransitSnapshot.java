package dev.stratus.ec2.transit;

import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.NetworkSnapshot;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.Placement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The connectivity half of {@link NetworkSnapshot}: peering connections, transit gateways with
 * their attachments and route tables, and Site-to-Site VPN resources, as stored (the index shows
 * routes as AWS does: a static route hides an identical propagated one, vpc.md §33). Deleted
 * resources are left out.
 */
public final class TransitSnapshot {
  private TransitSnapshot() {}

  public static void addRegion(Network.Builder b, ReadView view, String account, String region, String scope) {
    Set<String> seenPeerings = new HashSet<>();
    b.vpcPeeringConnections.forEach(p -> seenPeerings.add(p.id()));
    for (var p : view.list(Ec2Tables.PEERING, scope)) {
      if (!seenPeerings.add(p.id())) continue;
      b.vpcPeeringConnections.add(p);
    }
    for (var t : view.list(Ec2Tables.TRANSIT_GATEWAY, scope)) {
      if (t.state().equals("deleted")) continue;
      b.transitGateways.add(t);
      b.place(t.id(), new Placement(region, account, NetworkSnapshot.tags(view, scope, t.id())));
    }
    // Attachments, and route tables assembled from their rows; the index ranks a route by its attachment's type.
    for (var a : view.list(Ec2Tables.TGW_ATTACHMENT, scope)) {
      if (a.isDeleted()) continue;
      b.transitGatewayAttachments.add(a);
      b.place(a.id(), new Placement(region, account, NetworkSnapshot.tags(view, scope, a.id())));
    }
    for (var t : view.list(Ec2Tables.TGW_ROUTE_TABLE, scope)) {
      b.transitGatewayRouteTables.add(TgwRouteTables.assemble(view, scope, t));
      b.place(t.id(), new Placement(region, account, NetworkSnapshot.tags(view, scope, t.id())));
    }
    // The stored VPN records themselves; deleted ones are left out of the network.
    Placement here = new Placement(region, account, Map.of());
    for (var g : view.list(Ec2Tables.VPN_GATEWAY, scope)) {
      if (g.state().equals("deleted")) continue;
      b.vpnGateways.add(g);
      b.place(g.id(), placed(here, view, scope, g.id()));
    }
    for (var v : view.list(Ec2Tables.VPN_CONNECTION, scope)) {
      if (v.state().equals("deleted")) continue;
      b.vpnConnections.add(v);
      b.place(v.id(), placed(here, view, scope, v.id()));
    }
    for (var c : view.list(Ec2Tables.CUSTOMER_GATEWAY, scope)) {
      if (c.state().equals("deleted")) continue;
      b.customerGateways.add(c);
      b.place(c.id(), placed(here, view, scope, c.id()));
    }
  }

  private static Placement placed(Placement region, ReadView view, String scope, String id) {
    return new Placement(region.region(), region.ownerId(), NetworkSnapshot.tags(view, scope, id));
  }
}
