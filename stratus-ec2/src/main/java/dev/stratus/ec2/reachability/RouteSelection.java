package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Vpc;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the route a VPC route table uses for a destination address (vpc.md §9–10).
 */
final class RouteSelection {
  /*
   * Order of decision, as AWS documents it (vpc.md §9–10,
   * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html):
   *  1. Longest prefix wins; IPv4 and IPv6 are separate (a Cidr never contains the other family).
   *  2. For the same prefix: a static CIDR route (CreateRoute, or the local route) beats a
   *     prefix-list route, which beats a propagated (VGW) route.
   *  3. A propagated route overlapping a local block never wins, even when more specific: such
   *     routes are left out of the index.
   * Prefix-list routes are expanded into one entry per list entry at index time, so a lookup is
   * a PrefixTable probe. A list we do not know is skipped (fail closed: nothing matches it).
   */
  private final PrefixTable<RouteTable.Route> table = new PrefixTable<>();

  private RouteSelection() {}

  /** Indexes one table; {@code prefixLists} resolves prefix-list destinations. */
  static RouteSelection of(RouteTable rt, Vpc vpc, Map<String, ManagedPrefixList> prefixLists) {
    RouteSelection s = new RouteSelection();
    for (RouteTable.Route r : rt.routes()) {
      switch (r.destination()) {
        case RouteTable.CidrDestination c -> {
          boolean propagated = r.origin() == RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION;
          if (propagated && vpc != null && overlapsLocal(vpc, c.cidr())) continue;
          s.table.add(c.cidr(), r);
        }
        case RouteTable.PrefixListDestination pl -> {
          ManagedPrefixList list = prefixLists.get(pl.prefixListId());
          if (list != null) list.entries().forEach(e -> s.table.add(e, r));
        }
      }
    }
    return s;
  }

  /** The winning route for the address; empty when no route covers it. */
  Optional<RouteTable.Route> select(Cidr address) {
    return table.longestMatch(address)
        .map(m -> m.values().stream().min(Comparator.comparingInt(RouteSelection::rank)).orElseThrow());
  }

  private static int rank(RouteTable.Route r) {
    if (r.origin() == RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION) return 2;
    return r.destination() instanceof RouteTable.PrefixListDestination ? 1 : 0;
  }

  private static boolean overlapsLocal(Vpc vpc, Cidr block) {
    for (Cidr c : vpc.activeCidrs()) if (c.overlaps(block)) return true;
    return false;
  }

  /** The route as AWS's analysis prints it. */
  static AnalysisRule.RouteTableRoute describe(RouteTable.Route r) {
    return new AnalysisRule.RouteTableRoute(r.destination().toString(),
        r.target().id().isEmpty() ? "blackhole" : r.target().id(), r.origin().wire(), r.state().wire());
  }
}
