package dev.stratus.ec2.routing;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.vpc.VpcFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 API group "Route tables": tables, routes and associations (vpc.md §7–12). */
public final class RouteTableOperations {
  static final Ec2Filters.Spec<RouteTable> FILTERS = Ec2Filters.Spec.<RouteTable>of(RouteTable::id)
      .one("route-table-id", RouteTable::id)
      .one("vpc-id", RouteTable::vpcId)
      .one("association.main", t -> t.isMain() ? "true" : "false")
      .many("association.subnet-id", t -> t.associations().stream().map(RouteTable.Association::subnetId)
          .filter(java.util.Objects::nonNull).toList())
      .many("association.route-table-association-id", t -> t.associations().stream().map(RouteTable.Association::id).toList())
      .many("association.gateway-id", t -> t.associations().stream().map(RouteTable.Association::gatewayId)
          .filter(java.util.Objects::nonNull).toList())
      .one("association.route-table-id", RouteTable::id)
      .many("route.destination-cidr-block", t -> dest(t, false))
      .many("route.destination-ipv6-cidr-block", t -> dest(t, true))
      .many("route.destination-prefix-list-id", t -> t.routes().stream().map(RouteTable.Route::destination)
          .filter(d -> d instanceof RouteTable.PrefixListDestination)
          .map(d -> ((RouteTable.PrefixListDestination) d).prefixListId()).toList())
      .many("route.gateway-id", t -> t.routes().stream().map(r -> r.target().id()).toList())
      .many("route.nat-gateway-id", t -> targets(t, RouteTarget.NatGateway.class))
      .many("route.transit-gateway-id", t -> targets(t, RouteTarget.TransitGateway.class))
      .many("route.vpc-peering-connection-id", t -> targets(t, RouteTarget.PeeringConnection.class))
      .many("route.state", t -> t.routes().stream().map(r -> r.state().wire()).toList())
      .many("route.origin", t -> t.routes().stream().map(r -> r.origin().wire()).toList())
      .path("route.egress-only-internet-gateway-id", "Routes.EgressOnlyInternetGatewayId")
      .path("route.instance-id", "Routes.InstanceId");

  private final Ec2Store store;

  public RouteTableOperations(Ec2Store store) { this.store = store; }

  public CreateRouteTableResponse createRouteTable(RequestContext ctx, CreateRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Errors.throwIf(RouteRules.createTable(
          tx.listBy(Ec2Tables.ROUTE_TABLE_BY_VPC, scope, vpc.id()).size()));
      Ec2Store.dryRun(req.dryRun());
      RouteTable t = new RouteTable(IdKind.ROUTE_TABLE.next(), vpc.id(), VpcFactory.localRoutes(vpc), List.of(), List.of());
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t);
      Tags.apply(tx, scope, t.id(), "route-table", req.tagSpecifications());
      return CreateRouteTableResponse.builder()
          .routeTable(RoutingShapes.table(t, ctx.accountId(), Tags.of(tx, scope).apply(t.id()))).build();
    });
  }

  public DescribeRouteTablesResponse describeRouteTables(RequestContext ctx, DescribeRouteTablesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_ROUTE_TABLES, req.maxResults(), req.nextToken(),
        req.routeTableIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    List<RouteTable> tables = Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableIds(),
            req.filters(), "vpc-id", Ec2Tables.ROUTE_TABLE_BY_VPC), FILTERS.forAccount(ctx.accountId())
            .withShape(t -> RoutingShapes.table(t, ctx.accountId(), tags.apply(t.id()))), tags);
    var page = cursor.page(tables, RouteTable::id);
    return DescribeRouteTablesResponse.builder().routeTables(page.items().stream()
        .map(t -> RoutingShapes.table(t, ctx.accountId(), tags.apply(t.id()))).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteRouteTableResponse deleteRouteTable(RequestContext ctx, DeleteRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      Ec2Errors.throwIf(RouteRules.deleteTable(t));
      Ec2Store.dryRun(req.dryRun());
      tx.delete(Ec2Tables.ROUTE_TABLE, scope, t.id());
      Tags.drop(tx, scope, t.id());
      return DeleteRouteTableResponse.builder().build();
    });
  }

  public AssociateRouteTableResponse associateRouteTable(RequestContext ctx, AssociateRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      RouteTable.Association assoc;
      if (req.subnetId() != null) {
        Subnet s = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, req.subnetId());
        Ec2Errors.throwIf(RouteRules.associateSubnet(t, s.id(), s.vpcId(),
            tx.listBy(Ec2Tables.ROUTE_TABLE_BY_VPC, scope, s.vpcId()))); // a subnet's associations are in its VPC
        assoc = new RouteTable.Association(Ec2Id.next("rtbassoc-"), false, s.id(), null);
      } else if (req.gatewayId() != null) {
        var g = Ec2Store.require(tx, scope, IdKind.INTERNET_GATEWAY, Ec2Tables.INTERNET_GATEWAY, req.gatewayId());
        Ec2Errors.throwIf(RouteRules.associateGateway(t, g.id(), g.attachedVpcId()));
        assoc = new RouteTable.Association(Ec2Id.next("rtbassoc-"), false, null, g.id());
      } else {
        throw Ec2Errors.missing("subnetId");
      }
      Ec2Store.dryRun(req.dryRun());
      List<RouteTable.Association> list = new ArrayList<>(t.associations());
      list.add(assoc);
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withAssociations(list));
      return AssociateRouteTableResponse.builder().associationId(assoc.id())
          .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    });
  }

  public DisassociateRouteTableResponse disassociateRouteTable(RequestContext ctx, DisassociateRouteTableRequest req) {
    String scope = ctx.regionalScope();
    String assocId = Ec2Store.param(req.associationId(), "associationId");
    return store.write(ctx, tx -> {
      RouteTable t = owner(tx, scope, assocId);
      RouteTable.Association a = t.associations().stream().filter(x -> x.id().equals(assocId)).findFirst().orElseThrow();
      Ec2Errors.throwIf(RouteRules.disassociate(a));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withAssociations(
          t.associations().stream().filter(x -> !x.id().equals(assocId)).toList()));
      return DisassociateRouteTableResponse.builder().build();
    });
  }

  public ReplaceRouteTableAssociationResponse replaceRouteTableAssociation(RequestContext ctx,
      ReplaceRouteTableAssociationRequest req) {
    String scope = ctx.regionalScope();
    String assocId = Ec2Store.param(req.associationId(), "associationId");
    return store.write(ctx, tx -> {
      RouteTable target = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      RouteTable from = owner(tx, scope, assocId);
      Ec2Errors.throwIf(RouteRules.replaceAssociation(from, target));
      RouteTable.Association old = from.associations().stream().filter(x -> x.id().equals(assocId)).findFirst()
          .orElseThrow();
      Ec2Store.dryRun(req.dryRun());
      var moved = new RouteTable.Association(Ec2Id.next("rtbassoc-"), old.main(), old.subnetId(), old.gatewayId());
      tx.put(Ec2Tables.ROUTE_TABLE, scope, from.id(), from.withAssociations(
          from.associations().stream().filter(x -> !x.id().equals(assocId)).toList()));
      RouteTable fresh = tx.get(Ec2Tables.ROUTE_TABLE, scope, target.id()).orElseThrow();
      List<RouteTable.Association> list = new ArrayList<>(fresh.associations());
      list.add(moved);
      tx.put(Ec2Tables.ROUTE_TABLE, scope, fresh.id(), fresh.withAssociations(list));
      if (old.main()) {
        Vpc vpc = tx.get(Ec2Tables.VPC, scope, fresh.vpcId()).orElseThrow();
        tx.put(Ec2Tables.VPC, scope, vpc.id(), new Vpc(vpc.id(), vpc.cidrBlocks(), vpc.ipv6CidrBlocks(), vpc.isDefault(),
            vpc.instanceTenancy(), vpc.dhcpOptionsId(), vpc.enableDnsSupport(), vpc.enableDnsHostnames(), fresh.id(),
            vpc.defaultNetworkAclId(), vpc.defaultSecurityGroupId()));
      }
      return ReplaceRouteTableAssociationResponse.builder().newAssociationId(moved.id())
          .associationState(RouteTableAssociationState.builder().state("associated").build()).build();
    });
  }

  public CreateRouteResponse createRoute(RequestContext ctx, CreateRouteRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      RouteTable.Destination dest = destination(req.destinationCidrBlock(), req.destinationIpv6CidrBlock(),
          req.destinationPrefixListId());
      // the prefix lists Stratus has are AWS's managed ones of the Region
      Ec2Errors.throwIf(RouteRules.prefixList(dest, dev.stratus.ec2.model.AwsServices.prefixLists(ctx.region()).stream()
          .map(x -> x.id()).toList()));
      RouteTarget target = RouteTargets.resolve(tx, scope, t, new RouteTargets.Params(req.gatewayId(),
          req.natGatewayId(), req.transitGatewayId(), req.vpcPeeringConnectionId(), req.networkInterfaceId(),
          req.instanceId(), req.egressOnlyInternetGatewayId(), req.vpcEndpointId()));
      Ec2Errors.throwIf(RouteRules.createRoute(t, dest, target, cidr -> tx.listBy(Ec2Tables.SUBNET_BY_VPC, scope, t.vpcId()).stream()
          .anyMatch(s -> s.cidr().equals(cidr))));
      Ec2Store.dryRun(req.dryRun());
      List<RouteTable.Route> routes = new ArrayList<>(t.routes());
      routes.add(new RouteTable.Route(dest, target, RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE));
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(routes));
      return CreateRouteResponse.builder().returnValue(true).build();
    });
  }

  public ReplaceRouteResponse replaceRoute(RequestContext ctx, ReplaceRouteRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      RouteTable.Destination dest = destination(req.destinationCidrBlock(), req.destinationIpv6CidrBlock(),
          req.destinationPrefixListId());
      Ec2Errors.throwIf(RouteRules.replaceable(t, dest));
      RouteTable.Route old = t.route(dest).orElseThrow();
      RouteTarget target = RouteTargets.resolve(tx, scope, t, new RouteTargets.Params(req.gatewayId(),
          req.natGatewayId(), req.transitGatewayId(), req.vpcPeeringConnectionId(), req.networkInterfaceId(),
          req.instanceId(), req.egressOnlyInternetGatewayId(), req.vpcEndpointId()));
      Ec2Errors.throwIf(RouteRules.replaceRoute(old, target));
      boolean isLocal = old.target() instanceof RouteTarget.Local;
      Ec2Store.dryRun(req.dryRun());
      RouteTable.Origin origin = target instanceof RouteTarget.Local || isLocal ? RouteTable.Origin.CREATE_ROUTE_TABLE
          : RouteTable.Origin.CREATE_ROUTE;
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.mapRoutes(r -> r.destination().equals(dest)
          ? new RouteTable.Route(dest, target, origin, RouteTable.State.ACTIVE) : r));
      return ReplaceRouteResponse.builder().build();
    });
  }

  public DeleteRouteResponse deleteRoute(RequestContext ctx, DeleteRouteRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, req.routeTableId());
      RouteTable.Destination dest = destination(req.destinationCidrBlock(), req.destinationIpv6CidrBlock(),
          req.destinationPrefixListId());
      Ec2Errors.throwIf(RouteRules.deleteRoute(t, dest));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), t.withRoutes(
          t.routes().stream().filter(x -> !x.destination().equals(dest)).toList()));
      return DeleteRouteResponse.builder().build();
    });
  }

  /** The one destination of a route request, parsed. */
  static RouteTable.Destination destination(String v4, String v6, String prefixList) {
    int given = (v4 != null ? 1 : 0) + (v6 != null ? 1 : 0) + (prefixList != null ? 1 : 0);
    if (given == 0) throw Ec2Errors.missing("destinationCidrBlock");
    if (given > 1) {
      throw Ec2Errors.invalidCombination("Exactly one of destinationCidrBlock, destinationIpv6CidrBlock or"
          + " destinationPrefixListId must be specified");
    }
    if (prefixList != null) {
      IdKind.PREFIX_LIST.checkShape(prefixList);
      return new RouteTable.PrefixListDestination(prefixList);
    }
    String text = v4 != null ? v4 : v6;
    Cidr cidr = Cidr.tryParse(text).filter(c -> c.ipv6() == (v6 != null))
        .orElseThrow(() -> Ec2Errors.invalidCidr(v4 != null ? "destinationCidrBlock" : "destinationIpv6CidrBlock", text));
    RouteTable.Destination dest = new RouteTable.CidrDestination(cidr);
    Ec2Errors.throwIf(RouteRules.destination(dest));
    return dest;
  }

  private static RouteTable owner(ReadView view, String scope, String assocId) {
    return view.list(Ec2Tables.ROUTE_TABLE, scope).stream()
        .filter(t -> t.associations().stream().anyMatch(a -> a.id().equals(assocId))).findFirst()
        .orElseThrow(() -> Ec2Errors.associationNotFound(assocId));
  }

  private static List<String> dest(RouteTable t, boolean v6) {
    return t.routes().stream().map(RouteTable.Route::destination)
        .filter(d -> d instanceof RouteTable.CidrDestination c && c.cidr().ipv6() == v6)
        .map(d -> ((RouteTable.CidrDestination) d).cidr().toString()).toList();
  }

  private static List<String> targets(RouteTable t, Class<? extends RouteTarget> kind) {
    return t.routes().stream().map(RouteTable.Route::target).filter(kind::isInstance).map(RouteTarget::id).toList();
  }
}
