package dev.stratus.ec2.transit;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteState;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteType;
import java.util.ArrayList;
import java.util.List;

/**
 * Transit gateway route bookkeeping: what an attachment propagates (a VPC's CIDRs, a static VPN's
 * routes; peering attachments propagate nothing, vpc.md §34) and keeping tables in step when
 * attachments come and go.
 */
public final class TgwRouting {
  private TgwRouting() {}

  /** The prefixes an attachment propagates. */
  static List<Cidr> propagatedCidrs(ReadView view, String scope, TransitGatewayAttachment a) {
    return switch (a.resourceType()) {
      case VPC -> view.get(Ec2Tables.VPC, scope, a.resourceId())
          .map(v -> v.activeCidrs().stream().filter(Cidr::isIpv4).toList()).orElse(List.of());
      case VPN -> view.get(Ec2Tables.VPN_CONNECTION, scope, a.resourceId())
          .map(v -> v.staticRoutes()).orElse(List.of());
      default -> List.of();
    };
  }

  /** Adds {@code a}'s propagation (and its routes) to table {@code t}. */
  public static TransitGatewayRouteTable propagate(ReadView view, String scope, TransitGatewayRouteTable t,
      TransitGatewayAttachment a) {
    List<String> props = new ArrayList<>(t.propagations());
    props.add(a.id());
    List<TransitGatewayRouteTable.Route> routes = new ArrayList<>(t.routes());
    propagatedCidrs(view, scope, a).forEach(c ->
        routes.add(new TransitGatewayRouteTable.Route(c, a.id(), RouteType.PROPAGATED, RouteState.ACTIVE)));
    return t.with(routes, t.associations(), props);
  }

  /** Removes {@code a}'s propagation and its propagated routes from table {@code t}. */
  static TransitGatewayRouteTable unpropagate(TransitGatewayRouteTable t, String attachmentId) {
    return t.with(t.routes().stream()
        .filter(r -> !(r.type() == RouteType.PROPAGATED && attachmentId.equals(r.attachmentId())))
        .toList(), t.associations(), t.propagations().stream().filter(p -> !p.equals(attachmentId)).toList());
  }

  /** An attachment is gone: drop its association, propagation and propagated routes; blackhole its static routes. */
  public static void detach(Transaction tx, String scope, String attachmentId) {
    for (TransitGatewayRouteTable t : tx.list(Ec2Tables.TGW_ROUTE_TABLE, scope)) {
      TransitGatewayRouteTable u = unpropagate(t, attachmentId);
      u = u.with(u.routes().stream().map(r -> attachmentId.equals(r.attachmentId())
          ? r.withState(RouteState.BLACKHOLE) : r).toList(),
          u.associations().stream().filter(x -> !x.equals(attachmentId)).toList(), u.propagations());
      if (!u.equals(t)) tx.put(Ec2Tables.TGW_ROUTE_TABLE, scope, t.id(), u);
    }
  }

  /** The description AWS gives the interfaces of a VPC attachment. */
  static String eniDescription(String attachmentId) {
    return "Network Interface for Transit Gateway Attachment " + attachmentId;
  }

  /** Deletes the interfaces a VPC attachment holds in its subnets. */
  static void deleteInterfaces(Transaction tx, String scope, String attachmentId) {
    tx.list(Ec2Tables.NETWORK_INTERFACE, scope).stream()
        .filter(e -> e.interfaceType().equals("transit_gateway") && e.description().equals(eniDescription(attachmentId)))
        .forEach(e -> tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, e.id()));
  }
}
