package dev.stratus.ec2.routing;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * AWS's rules for route tables, routes and associations (vpc.md §7–12). Pure: each check takes
 * the request's values and the rows it needs and returns the first rule broken as AWS's error,
 * or empty; {@link RouteTableOperations} looks the rows up and throws.
 */
public final class RouteRules {
  /** Addresses reserved for AWS services inside every VPC; routes to them are refused (vpc.md §8). */
  static final Cidr RESERVED_V4 = Cidr.parse("169.254.168.0/22");
  static final Cidr RESERVED_V6 = Cidr.parse("fd00:ec2::/32");

  private RouteRules() {}

  /** CreateRouteTable: at most {@link VpcQuotas#ROUTE_TABLES_PER_VPC} tables per VPC (vpc.md §12). */
  public static Optional<AwsException> createTable(long tablesInVpc) {
    if (tablesInVpc >= VpcQuotas.ROUTE_TABLES_PER_VPC) {
      return Optional.of(Ec2Errors.limitExceeded("RouteTableLimitExceeded",
          "The maximum number of route tables has been reached."));
    }
    return Optional.empty();
  }

  /** DeleteRouteTable: a table still associated (the main table included) has dependencies. */
  public static Optional<AwsException> deleteTable(RouteTable t) {
    return t.associations().isEmpty() ? Optional.empty() : Optional.of(Ec2Errors.dependencies("routeTable", t.id()));
  }

  /**
   * AssociateRouteTable with a subnet: the subnet is in the table's VPC and has no explicit table yet.
   *
   * @param tables the scope's route tables (to find the subnet's current association)
   */
  public static Optional<AwsException> associateSubnet(RouteTable t, String subnetId, String subnetVpcId,
      Collection<RouteTable> tables) {
    if (!subnetVpcId.equals(t.vpcId())) return Optional.of(Ec2Errors.differentNetworks(t.id(), subnetId));
    return tables.stream().filter(o -> o.associations().stream().anyMatch(a -> subnetId.equals(a.subnetId())))
        .findFirst().map(o -> Ec2Errors.alreadyAssociated(subnetId, o.id()));
  }

  /** AssociateRouteTable with a gateway (edge association): the gateway is attached to the table's VPC. */
  public static Optional<AwsException> associateGateway(RouteTable t, String gatewayId, String gatewayVpcId) {
    return t.vpcId().equals(gatewayVpcId) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(t.id(), gatewayId));
  }

  /** DisassociateRouteTable: the main association can only be replaced, not removed. */
  public static Optional<AwsException> disassociate(RouteTable.Association a) {
    if (!a.main()) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("cannot disassociate the main route table association " + a.id()));
  }

  /** ReplaceRouteTableAssociation: the association moves only between tables of one VPC. */
  public static Optional<AwsException> replaceAssociation(RouteTable from, RouteTable to) {
    return from.vpcId().equals(to.vpcId()) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(to.id(), from.id()));
  }

  /**
   * A route's target (a gateway, interface or instance) is in, or attached to, the table's VPC
   * ({@code targetVpcId} null when detached).
   */
  public static Optional<AwsException> targetInVpc(RouteTable t, String targetId, String targetVpcId) {
    return t.vpcId().equals(targetVpcId) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(t.id(), targetId));
  }

  /** A route to a peering connection: the table's VPC is one of its two sides. */
  public static Optional<AwsException> peeringTarget(RouteTable t, VpcPeeringConnection pcx) {
    return pcx.involves(t.vpcId()) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(t.id(), pcx.id()));
  }

  /** A route to a VPC endpoint by VpcEndpointId: only a Gateway Load Balancer endpoint. */
  public static Optional<AwsException> endpointTarget(RouteTable t, VpcEndpoint ep) {
    if (ep.type().equals("GatewayLoadBalancer")) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Route table " + t.id() + " target " + ep.id()
        + " is not a Gateway Load Balancer endpoint"));
  }

  /** Any route request: no destination inside the ranges AWS reserves in every VPC (vpc.md §8). */
  public static Optional<AwsException> destination(RouteTable.Destination dest) {
    if (dest instanceof RouteTable.CidrDestination(Cidr cidr) && (RESERVED_V4.contains(cidr) || RESERVED_V6.contains(cidr))) {
      return Optional.of(Ec2Errors.invalidParameterValue("The destination CIDR block " + cidr + " is reserved by AWS."));
    }
    return Optional.empty();
  }

  /** CreateRoute to a prefix list: one the Region has ({@code known} holds their ids). */
  public static Optional<AwsException> prefixList(RouteTable.Destination dest, Collection<String> known) {
    if (dest instanceof RouteTable.PrefixListDestination(String id) && !known.contains(id)) {
      return Optional.of(dev.stratus.ec2.IdKind.PREFIX_LIST.notFound(id));
    }
    return Optional.empty();
  }

  /**
   * CreateRoute, once the target is resolved: not local, not already there, no more specific than a
   * local route unless to a whole subnet via a NAT gateway or interface (vpc.md §8), egress-only
   * gateways for IPv6 only, and at most {@link VpcQuotas#ROUTES_PER_TABLE} routes per family.
   *
   * @param wholeSubnet whether a CIDR is exactly one subnet of the table's VPC
   */
  public static Optional<AwsException> createRoute(RouteTable t, RouteTable.Destination dest, RouteTarget target,
      Predicate<Cidr> wholeSubnet) {
    if (target instanceof RouteTarget.Local) return Optional.of(Ec2Errors.invalidParameterValue("Cannot create a local route"));
    if (t.route(dest).isPresent()) return Optional.of(Ec2Errors.routeExists(describe(dest)));
    Optional<AwsException> local = againstLocal(t, dest, target, wholeSubnet);
    if (local.isPresent()) return local;
    boolean v6 = isV6(dest);
    long sameFamily = t.routes().stream().filter(r -> r.origin() == RouteTable.Origin.CREATE_ROUTE)
        .filter(r -> isV6(r.destination()) == v6).count();
    if (sameFamily >= VpcQuotas.ROUTES_PER_TABLE) {
      return Optional.of(Ec2Errors.limitExceeded("RouteLimitExceeded", "The maximum number of routes has been reached."));
    }
    return Optional.empty();
  }

  /** ReplaceRoute, before the target is resolved: the table has a route for the destination. */
  public static Optional<AwsException> replaceable(RouteTable t, RouteTable.Destination dest) {
    return t.route(dest).isPresent() ? Optional.empty() : Optional.of(Ec2Errors.noRouteToReplace(describe(dest)));
  }

  /** ReplaceRoute: a local route may only be pointed at a NAT gateway or an interface (vpc.md §8). */
  public static Optional<AwsException> replaceRoute(RouteTable.Route old, RouteTarget target) {
    if (old.target() instanceof RouteTarget.Local && !(target instanceof RouteTarget.Local)
        && !RouteTargets.mayOverrideLocal(target)) {
      return Optional.of(Ec2Errors.invalidParameterValue("The local route " + describe(old.destination())
          + " can only be replaced by a route to a network interface or NAT gateway"));
    }
    return Optional.empty();
  }

  /** DeleteRoute: the route exists, is not local and is not owned by a gateway endpoint. */
  public static Optional<AwsException> deleteRoute(RouteTable t, RouteTable.Destination dest) {
    Optional<RouteTable.Route> found = t.route(dest);
    if (found.isEmpty()) return Optional.of(Ec2Errors.routeNotFound(t.id(), describe(dest)));
    RouteTarget target = found.get().target();
    if (target instanceof RouteTarget.Local) {
      return Optional.of(Ec2Errors.invalidParameterValue("cannot remove local route " + describe(dest)
          + " in route table " + t.id()));
    }
    if (target instanceof RouteTarget.GatewayEndpoint) {
      return Optional.of(Ec2Errors.invalidParameterValue("Route " + describe(dest) + " is owned by VPC endpoint "
          + target.id() + " and cannot be deleted; modify the endpoint instead"));
    }
    return Optional.empty();
  }

  /** vpc.md §8: routes more specific than a local route only to a whole subnet via NAT gateway or ENI. */
  private static Optional<AwsException> againstLocal(RouteTable t, RouteTable.Destination dest, RouteTarget target,
      Predicate<Cidr> wholeSubnet) {
    if (!(dest instanceof RouteTable.CidrDestination(Cidr cidr))) return Optional.empty();
    if (target instanceof RouteTarget.EgressOnlyInternetGateway && cidr.isIpv4()) {
      return Optional.of(Ec2Errors.invalidParameterValue("Egress-only internet gateways support IPv6 destinations only"));
    }
    boolean inLocal = t.routes().stream().filter(r -> r.target() instanceof RouteTarget.Local)
        .anyMatch(r -> r.destination() instanceof RouteTable.CidrDestination(Cidr local) && local.contains(cidr));
    if (!inLocal) return Optional.empty();
    if (!RouteTargets.mayOverrideLocal(target) || !wholeSubnet.test(cidr)) {
      return Optional.of(Ec2Errors.invalidParameterValue("The destination CIDR block " + cidr + " is equal to or more"
          + " specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance."));
    }
    return Optional.empty();
  }

  private static boolean isV6(RouteTable.Destination d) {
    return d instanceof RouteTable.CidrDestination(Cidr c) && c.ipv6();
  }

  /** A destination as AWS's messages spell it: the CIDR or the prefix list id. */
  static String describe(RouteTable.Destination d) {
    return switch (d) {
      case RouteTable.CidrDestination c -> c.cidr().toString();
      case RouteTable.PrefixListDestination p -> p.prefixListId();
    };
  }
}
