package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the route a transit gateway route table uses for a destination address (vpc.md §32–33).
 */
final class TransitGatewayRouteSelection {
  /*
   * Longest prefix first; for the same prefix: static (including static blackhole) > prefix-list
   * reference > VPC-propagated > Direct Connect gateway-propagated > Connect-propagated >
   * VPN-propagated (vpc.md §33, https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html).
   * The ResourceType enum is declared in that order, so its ordinal ranks propagated routes.
   */
  private final PrefixTable<TransitGatewayRouteTable.Route> table = new PrefixTable<>();

  private TransitGatewayRouteSelection() {}

  /** Indexes one table; {@code prefixLists} resolves prefix-list destinations. */
  static TransitGatewayRouteSelection of(TransitGatewayRouteTable rt, Map<String, ManagedPrefixList> prefixLists) {
    TransitGatewayRouteSelection s = new TransitGatewayRouteSelection();
    for (TransitGatewayRouteTable.Route r : rt.routes()) {
      switch (r.destination()) {
        case RouteDestination.Cidr c -> s.table.add(c.block(), r);
        case RouteDestination.PrefixList pl -> {
          ManagedPrefixList list = prefixLists.get(pl.prefixListId());
          if (list != null) list.entries().forEach(e -> s.table.add(e, r));
        }
      }
    }
    return s;
  }

  /** The winning route for the address; empty when no route covers it. */
  Optional<TransitGatewayRouteTable.Route> select(Cidr address) {
    return table.longestMatch(address)
        .map(m -> m.values().stream().min(Comparator.comparingInt(TransitGatewayRouteSelection::rank)).orElseThrow());
  }

  private static int rank(TransitGatewayRouteTable.Route r) {
    if (r.isStatic()) return r.destination() instanceof RouteDestination.PrefixList ? 1 : 0;
    return 2 + r.resourceType().ordinal();
  }

  /** The route as AWS's analysis prints it. */
  static AnalysisRule.TransitGatewayRouteTableRoute describe(TransitGatewayRouteTable.Route r) {
    return new AnalysisRule.TransitGatewayRouteTableRoute(r.destination().toString(), r.state().wire(), r.type(),
        r.attachmentId(), r.attachmentId().isEmpty() ? "" : r.resourceType().wire());
  }
}
