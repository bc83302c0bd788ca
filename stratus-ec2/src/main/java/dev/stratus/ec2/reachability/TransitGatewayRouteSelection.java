package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.TransitGatewayAttachment.ResourceType;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the route a transit gateway route table uses for a destination address (vpc.md §32–33).
 */
final class TransitGatewayRouteSelection {
  /*
   * Longest prefix first; for the same prefix: static (including static blackhole) > prefix-list
   * reference > VPC-propagated > Direct Connect gateway-propagated > Connect-propagated >
   * VPN-propagated (vpc.md §33, https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html).
   * The ResourceType enum is declared in that order, so its ordinal ranks propagated routes. The
   * stored route names only its attachment: the target's resource type is looked up once, here.
   */
  private final PrefixTable<Choice> table = new PrefixTable<>();

  /**
   * A route with what the table ranks it by.
   *
   * @param resourceType the target attachment's type ({@code vpc} when the attachment is unknown)
   */
  record Choice(TransitGatewayRouteTable.Route route, ResourceType resourceType, int rank) {}

  private TransitGatewayRouteSelection() {}

  /**
   * Indexes the routes AWS shows of one table (a static route hides a propagated one for the same
   * prefix); {@code prefixLists} resolves prefix-list destinations, {@code resourceTypes} gives an
   * attachment's resource type (null when unknown).
   */
  static TransitGatewayRouteSelection of(TransitGatewayRouteTable rt, Map<String, ManagedPrefixList> prefixLists,
      Function<String, ResourceType> resourceTypes) {
    TransitGatewayRouteSelection s = new TransitGatewayRouteSelection();
    for (TransitGatewayRouteTable.Route r : rt.visibleRoutes()) {
      ResourceType type = r.attachmentId() == null ? null : resourceTypes.apply(r.attachmentId());
      if (type == null) type = ResourceType.VPC;
      Choice c = new Choice(r, type, rank(r, type));
      if (r.destination() != null) {
        s.table.add(r.destination(), c);
      } else {
        ManagedPrefixList list = prefixLists.get(r.prefixListId());
        if (list != null) list.entries().forEach(e -> s.table.add(e, c));
      }
    }
    return s;
  }

  /** The winning route for the address; empty when no route covers it. */
  Optional<Choice> select(Cidr address) {
    return table.longestMatch(address)
        .map(m -> m.values().stream().min(Comparator.comparingInt(Choice::rank)).orElseThrow());
  }

  private static int rank(TransitGatewayRouteTable.Route r, ResourceType type) {
    if (r.isStatic()) return r.destination() == null ? 1 : 0;
    return 2 + type.ordinal();
  }

  /** Whether the route forwards: active and naming an attachment (anything else drops, failing closed). */
  static boolean forwards(TransitGatewayRouteTable.Route r) {
    return r.state() == TransitGatewayRouteTable.RouteState.ACTIVE && r.attachmentId() != null;
  }

  /** The route as AWS's analysis prints it. */
  static AnalysisRule.TransitGatewayRouteTableRoute describe(Choice c) {
    TransitGatewayRouteTable.Route r = c.route();
    return new AnalysisRule.TransitGatewayRouteTableRoute(r.toString(), r.state().wire(), r.type().wire(),
        r.attachmentId() == null ? "" : r.attachmentId(), r.attachmentId() == null ? "" : c.resourceType().wire());
  }
}
