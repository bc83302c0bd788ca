package dev.stratus.ec2.transit;

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
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Transit gateways", route-table half: tables, associations (one table per
 * attachment) and propagations (many), and route removal (vpc.md §31–34).
 */
public final class TransitGatewayRouteTableOperations {
  /** GetTransitGatewayRouteTableAssociations / …Propagations filters, over the attachments listed. */
  static final Ec2Filters.Spec<TransitGatewayAttachment> ATTACHMENT_FILTERS =
      Ec2Filters.Spec.<TransitGatewayAttachment>of(TransitGatewayAttachment::id)
          .one("transit-gateway-attachment-id", TransitGatewayAttachment::id)
          .one("resource-id", TransitGatewayAttachment::resourceId)
          .one("resource-type", a -> a.resourceType().wire());
  /** SearchTransitGatewayRoutes filters that compare CIDRs by containment, not by text. */
  private static final List<String> ROUTE_SEARCH = List.of("route-search.longest-prefix-match",
      "route-search.subnet-of-match", "route-search.supernet-of-match");
  private final Ec2Store store;

  public TransitGatewayRouteTableOperations(Ec2Store store) { this.store = store; }

  public CreateTransitGatewayRouteTableResponse createTransitGatewayRouteTable(RequestContext ctx,
      CreateTransitGatewayRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      TransitGateway tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY,
          req.transitGatewayId());
      Ec2Store.dryRun(req.dryRun());
      var t = new TransitGatewayRouteTable(IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.next(), tgw.id(), "available", false, false,
          ctx.receivedAt(), List.of(), List.of(), List.of());
      tx.put(Ec2Tables.TGW_ROUTE_TABLE, scope, t.id(), t);
      Tags.apply(tx, scope, t.id(), "transit-gateway-route-table", req.tagSpecifications());
      return CreateTransitGatewayRouteTableResponse.builder().transitGatewayRouteTable(
          software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable.builder().transitGatewayRouteTableId(t.id())
              .transitGatewayId(tgw.id()).state("pending").defaultAssociationRouteTable(false)
              .defaultPropagationRouteTable(false).creationTime(t.creationTime())
              .tags(Tags.sdk(Tags.of(tx, scope).apply(t.id()))).build()).build();
    });
  }

  public DeleteTransitGatewayRouteTableResponse deleteTransitGatewayRouteTable(RequestContext ctx,
      DeleteTransitGatewayRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      Ec2Errors.throwIf(TransitGatewayRules.deleteRouteTable(t, TgwRouteTables.inUse(tx, scope, t)));
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.delete(tx, scope, t);
      Tags.drop(tx, scope, t.id());
      return DeleteTransitGatewayRouteTableResponse.builder().transitGatewayRouteTable(
          software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable.builder().transitGatewayRouteTableId(t.id())
              .transitGatewayId(t.transitGatewayId()).state("deleting").defaultAssociationRouteTable(t.defaultAssociation())
              .defaultPropagationRouteTable(t.defaultPropagation()).creationTime(t.creationTime()).build()).build();
    });
  }

  public AssociateTransitGatewayRouteTableResponse associateTransitGatewayRouteTable(RequestContext ctx,
      AssociateTransitGatewayRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      var a = attachment(tx, scope, req.transitGatewayAttachmentId(), t);
      Ec2Errors.throwIf(TransitGatewayRules.associate(a));
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.associate(tx, scope, t, a);
      return AssociateTransitGatewayRouteTableResponse.builder().association(association(t.id(), a, "associating")).build();
    });
  }

  public DisassociateTransitGatewayRouteTableResponse disassociateTransitGatewayRouteTable(RequestContext ctx,
      DisassociateTransitGatewayRouteTableRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      var a = attachment(tx, scope, req.transitGatewayAttachmentId(), t);
      Ec2Errors.throwIf(TransitGatewayRules.disassociate(t, a));
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.disassociate(tx, scope, t, a);
      return DisassociateTransitGatewayRouteTableResponse.builder()
          .association(association(t.id(), a, "disassociating")).build();
    });
  }

  public EnableTransitGatewayRouteTablePropagationResponse enableTransitGatewayRouteTablePropagation(
      RequestContext ctx, EnableTransitGatewayRouteTablePropagationRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      var a = attachment(tx, scope, req.transitGatewayAttachmentId(), t);
      Ec2Errors.throwIf(TransitGatewayRules.enablePropagation(t, a, TgwRouteTables.propagates(tx, scope, t, a.id())));
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.propagate(tx, scope, t, a);
      return EnableTransitGatewayRouteTablePropagationResponse.builder().propagation(propagation(t.id(), a, "enabling"))
          .build();
    });
  }

  public DisableTransitGatewayRouteTablePropagationResponse disableTransitGatewayRouteTablePropagation(
      RequestContext ctx, DisableTransitGatewayRouteTablePropagationRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      var a = attachment(tx, scope, req.transitGatewayAttachmentId(), t);
      Ec2Errors.throwIf(TransitGatewayRules.disablePropagation(t, a, TgwRouteTables.propagates(tx, scope, t, a.id())));
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.unpropagate(tx, scope, t, a.id());
      return DisableTransitGatewayRouteTablePropagationResponse.builder()
          .propagation(propagation(t.id(), a, "disabling")).build();
    });
  }

  public GetTransitGatewayRouteTableAssociationsResponse getTransitGatewayRouteTableAssociations(RequestContext ctx,
      GetTransitGatewayRouteTableAssociationsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.GET_TRANSIT_GATEWAY_ROUTE_TABLE_ASSOCIATIONS, req.maxResults(),
        req.nextToken());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    var t = table(view, scope, req.transitGatewayRouteTableId());
    var attachments = Ec2Filters.apply(req.filters(), TgwRouteTables.associations(view, scope, t).stream()
        .map(id -> view.get(Ec2Tables.TGW_ATTACHMENT, scope, id).orElseThrow()).toList(), ATTACHMENT_FILTERS, id -> Map.of());
    var page = cursor.page(attachments, TransitGatewayAttachment::id);
    return GetTransitGatewayRouteTableAssociationsResponse.builder().nextToken(page.nextTokenOrNull())
        .associations(page.items().stream()
        .map(a -> TransitGatewayRouteTableAssociation.builder().transitGatewayAttachmentId(a.id())
            .resourceId(a.resourceId()).resourceType(a.resourceType().wire()).state("associated").build()).toList()).build();
  }

  public GetTransitGatewayRouteTablePropagationsResponse getTransitGatewayRouteTablePropagations(RequestContext ctx,
      GetTransitGatewayRouteTablePropagationsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.GET_TRANSIT_GATEWAY_ROUTE_TABLE_PROPAGATIONS, req.maxResults(),
        req.nextToken());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    var t = table(view, scope, req.transitGatewayRouteTableId());
    var attachments = Ec2Filters.apply(req.filters(), TgwRouteTables.propagations(view, scope, t).stream()
        .map(id -> view.get(Ec2Tables.TGW_ATTACHMENT, scope, id).orElseThrow()).toList(), ATTACHMENT_FILTERS, id -> Map.of());
    var page = cursor.page(attachments, TransitGatewayAttachment::id);
    return GetTransitGatewayRouteTablePropagationsResponse.builder().nextToken(page.nextTokenOrNull())
        .transitGatewayRouteTablePropagations(page.items().stream()
            .map(a -> TransitGatewayRouteTablePropagation.builder().transitGatewayAttachmentId(a.id())
                .resourceId(a.resourceId()).resourceType(a.resourceType().wire()).state("enabled").build()).toList()).build();
  }

  public DeleteTransitGatewayRouteResponse deleteTransitGatewayRoute(RequestContext ctx,
      DeleteTransitGatewayRouteRequest req) {
    String scope = ctx.regionalScope();
    String text = Ec2Store.param(req.destinationCidrBlock(), "DestinationCidrBlock");
    Cidr cidr = Cidr.tryParse(text).orElseThrow(() -> Ec2Errors.invalidCidr("DestinationCidrBlock", text));
    return store.write(ctx, tx -> {
      var t = table(tx, scope, req.transitGatewayRouteTableId());
      var existing = TgwRouteTables.staticRouteTo(tx, scope, t, cidr);
      Ec2Errors.throwIf(TransitGatewayRules.deleteRoute(t, existing, cidr));
      var route = existing.orElseThrow();
      Ec2Store.dryRun(req.dryRun());
      TgwRouteTables.deleteStatic(tx, scope, t, cidr);
      // the deleted route as it was, with its attachment, in state deleted (API_DeleteTransitGatewayRoute)
      TransitGatewayRoute shown = routeShape(route, tx, scope).toBuilder().state("deleted").build();
      return DeleteTransitGatewayRouteResponse.builder().route(shown).build();
    });
  }

  public CreateTransitGatewayRouteResponse createTransitGatewayRoute(RequestContext ctx,
      CreateTransitGatewayRouteRequest req) {
    return CreateTransitGatewayRouteResponse.builder().route(putStatic(ctx, req.destinationCidrBlock(),
        req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId(), req.blackhole(), req.dryRun(), false)).build();
  }

  /** Replaces the static route to a destination (API_ReplaceTransitGatewayRoute); a missing one is InvalidRoute.NotFound. */
  public ReplaceTransitGatewayRouteResponse replaceTransitGatewayRoute(RequestContext ctx,
      ReplaceTransitGatewayRouteRequest req) {
    return ReplaceTransitGatewayRouteResponse.builder().route(putStatic(ctx, req.destinationCidrBlock(),
        req.transitGatewayRouteTableId(), req.transitGatewayAttachmentId(), req.blackhole(), req.dryRun(), true)).build();
  }

  private TransitGatewayRoute putStatic(RequestContext ctx, String destination, String tableId, String attachmentId,
      Boolean blackholeParam, Boolean dryRun, boolean replace) {
    String scope = ctx.regionalScope();
    String text = Ec2Store.param(destination, "DestinationCidrBlock");
    Cidr cidr = Cidr.tryParse(text).orElseThrow(() -> Ec2Errors.invalidCidr("DestinationCidrBlock", text));
    boolean blackhole = Boolean.TRUE.equals(blackholeParam);
    return store.write(ctx, tx -> {
      IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.checkShape(tableId);
      if (!blackhole) IdKind.TRANSIT_GATEWAY_ATTACHMENT.checkShape(Ec2Store.param(attachmentId,
          "TransitGatewayAttachmentId"));
      TransitGatewayRouteTable t = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY_ROUTE_TABLE,
          Ec2Tables.TGW_ROUTE_TABLE, tableId);
      if (!blackhole) {
        var att = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT, attachmentId);
        Ec2Errors.throwIf(TransitGatewayRules.routeAttachment(t, att));
      }
      Ec2Errors.throwIf(TransitGatewayRules.staticRoute(t, TgwRouteTables.staticRouteTo(tx, scope, t, cidr), cidr, replace));
      Ec2Store.dryRun(dryRun);
      var route = new TransitGatewayRouteTable.Route(cidr, blackhole ? null : attachmentId,
          TransitGatewayRouteTable.RouteType.STATIC,
          blackhole ? TransitGatewayRouteTable.RouteState.BLACKHOLE : TransitGatewayRouteTable.RouteState.ACTIVE);
      TgwRouteTables.putStatic(tx, scope, t, route);
      return routeShape(route, tx, scope);
    });
  }

  public DescribeTransitGatewayRouteTablesResponse describeTransitGatewayRouteTables(RequestContext ctx,
      DescribeTransitGatewayRouteTablesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TRANSIT_GATEWAY_ROUTE_TABLES, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<TransitGatewayRouteTable>of(TransitGatewayRouteTable::id)
        .one("transit-gateway-route-table-id", TransitGatewayRouteTable::id)
        .one("transit-gateway-id", TransitGatewayRouteTable::transitGatewayId)
        .one("default-association-route-table", TransitGatewayRouteTable::defaultAssociation)
        .one("default-propagation-route-table", TransitGatewayRouteTable::defaultPropagation)
        .one("state", TransitGatewayRouteTable::state);
    var page = cursor.page(Ec2Filters.apply(req.filters(), Ec2Store.describe(view, scope,
        IdKind.TRANSIT_GATEWAY_ROUTE_TABLE, Ec2Tables.TGW_ROUTE_TABLE, req.transitGatewayRouteTableIds()), spec, tags),
        TransitGatewayRouteTable::id);
    return DescribeTransitGatewayRouteTablesResponse.builder().nextToken(page.nextTokenOrNull())
        .transitGatewayRouteTables(page.items().stream().map(t -> software.amazon.awssdk.services.ec2.model
        .TransitGatewayRouteTable.builder().transitGatewayRouteTableId(t.id()).transitGatewayId(t.transitGatewayId())
        .state(t.state()).defaultAssociationRouteTable(t.defaultAssociation())
        .defaultPropagationRouteTable(t.defaultPropagation()).creationTime(t.creationTime())
        .tags(Tags.sdk(tags.apply(t.id()))).build()).toList()).build();
  }

  public SearchTransitGatewayRoutesResponse searchTransitGatewayRoutes(RequestContext ctx,
      SearchTransitGatewayRoutesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.SEARCH_TRANSIT_GATEWAY_ROUTES, req.maxResults(), null);
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    TransitGatewayRouteTable t = Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY_ROUTE_TABLE,
        Ec2Tables.TGW_ROUTE_TABLE, req.transitGatewayRouteTableId());
    var spec = Ec2Filters.Spec.<TransitGatewayRouteTable.Route>of(r -> r.destination().toString())
        .one("type", r -> r.type().wire()).one("state", r -> r.state().wire())
        .one("route-search.exact-match", r -> r.destination().toString())
        .one("attachment.transit-gateway-attachment-id", TransitGatewayRouteTable.Route::attachmentId)
        .path("attachment.resource-id", "TransitGatewayAttachments.ResourceId")
        .path("attachment.resource-type", "TransitGatewayAttachments.ResourceType")
        .path("prefix-list-id", "PrefixListId")
        .withShape(r -> routeShape(r, view, scope));
    var byText = req.filters().stream().filter(f -> !ROUTE_SEARCH.contains(f.name())).toList();
    var routes = Ec2Filters.apply(byText, TgwRouteTables.assemble(view, scope, t).visibleRoutes(), spec, id -> Map.of());
    for (var f : req.filters()) {
      if (ROUTE_SEARCH.contains(f.name())) routes = routeSearch(f.name(), f.values(), routes);
    }
    var shown = cursor.first(routes);
    return SearchTransitGatewayRoutesResponse.builder().routes(shown.stream().map(r -> routeShape(r, view, scope)).toList())
        .additionalRoutesAvailable(shown.size() < routes.size()).build();
  }

  /**
   * The routes a containment filter keeps: {@code subnet-of-match} those inside a given CIDR,
   * {@code supernet-of-match} those containing it, {@code longest-prefix-match} the most specific
   * route containing it. Values are ORed; a value that is no CIDR or address matches nothing.
   */
  static List<TransitGatewayRouteTable.Route> routeSearch(String name, List<String> values,
      List<TransitGatewayRouteTable.Route> routes) {
    var cidrs = values.stream().map(v -> Cidr.tryParse(v.contains("/") ? v : v + (v.contains(":") ? "/128" : "/32")))
        .flatMap(java.util.Optional::stream).toList();
    return routes.stream().filter(r -> cidrs.stream().anyMatch(c -> switch (name) {
      case "route-search.subnet-of-match" -> c.contains(r.destination());
      case "route-search.supernet-of-match" -> r.destination().contains(c);
      default -> r.destination().contains(c) && routes.stream()
          .filter(o -> o.destination().contains(c)).allMatch(o -> o.destination().prefixLength() <= r.destination().prefixLength());
    })).toList();
  }

  private static TransitGatewayRoute routeShape(TransitGatewayRouteTable.Route r, ReadView view, String scope) {
    var b = TransitGatewayRoute.builder().destinationCidrBlock(r.destination().toString()).type(r.type().wire())
        .state(r.state().wire());
    if (r.attachmentId() != null) {
      view.get(Ec2Tables.TGW_ATTACHMENT, scope, r.attachmentId()).ifPresent(a -> b.transitGatewayAttachments(
          TransitGatewayRouteAttachment.builder().transitGatewayAttachmentId(a.id()).resourceId(a.resourceId())
              .resourceType(a.resourceType().wire()).build()));
    }
    return b.build();
  }

  private static TransitGatewayRouteTable table(ReadView view, String scope, String id) {
    return Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY_ROUTE_TABLE, Ec2Tables.TGW_ROUTE_TABLE, id);
  }

  private static TransitGatewayAttachment attachment(ReadView view, String scope, String id, TransitGatewayRouteTable t) {
    var a = Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT, id);
    if (!a.transitGatewayId().equals(t.transitGatewayId()) || a.state().equals("deleted")) {
      throw IdKind.TRANSIT_GATEWAY_ATTACHMENT.notFound(id);
    }
    return a;
  }

  private static TransitGatewayAssociation association(String rtb, TransitGatewayAttachment a, String state) {
    return TransitGatewayAssociation.builder().transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(a.id())
        .resourceId(a.resourceId()).resourceType(a.resourceType().wire()).state(state).build();
  }

  private static TransitGatewayPropagation propagation(String rtb, TransitGatewayAttachment a, String state) {
    return TransitGatewayPropagation.builder().transitGatewayRouteTableId(rtb).transitGatewayAttachmentId(a.id())
        .resourceId(a.resourceId()).resourceType(a.resourceType().wire()).state(state).build();
  }
}
