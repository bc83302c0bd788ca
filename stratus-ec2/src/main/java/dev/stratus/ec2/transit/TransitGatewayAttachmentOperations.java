package dev.stratus.ec2.transit;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.SdkPaths;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayAttachment.ResourceType;
import dev.stratus.ec2.model.TransitGatewayAttachment.State;
import dev.stratus.ec2.routing.RouteStates;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Transit gateways", attachment half: describing and deleting VPC attachments, and
 * transit gateway peering attachments (intra- or inter-region, static routes only, vpc.md §34). A
 * peering attachment is stored on both sides with the ends swapped, so each side associates it with
 * its own route tables.
 */
public final class TransitGatewayAttachmentOperations {
  static final Ec2Filters.Spec<TransitGatewayAttachment> FILTERS =
      Ec2Filters.Spec.<TransitGatewayAttachment>of(TransitGatewayAttachment::id)
          .one("transit-gateway-attachment-id", TransitGatewayAttachment::id)
          .one("transit-gateway-id", TransitGatewayAttachment::transitGatewayId)
          .one("resource-id", TransitGatewayAttachment::resourceId)
          .one("resource-type", a -> a.resourceType().wire())
          .one("state", a -> a.state().wire())
          .one("vpc-id", a -> a.resourceType() == ResourceType.VPC ? a.resourceId() : null)
          .one("association.transit-gateway-route-table-id", TransitGatewayAttachment::associatedRouteTableId);

  private final Ec2Store store;

  public TransitGatewayAttachmentOperations(Ec2Store store) { this.store = store; }

  public DescribeTransitGatewayAttachmentsResponse describeTransitGatewayAttachments(RequestContext ctx,
      DescribeTransitGatewayAttachmentsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var all = Ec2Store.describe(view, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT,
        req.transitGatewayAttachmentIds());
    var spec = FILTERS.plus("resource-owner-id", a -> List.of(a.resourceOwnerId()))
        .plus("transit-gateway-owner-id", a -> List.of(ctx.accountId()))
        .plus("association.state", a -> a.associatedRouteTableId() == null ? List.of() : List.of("associated"));
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, tags), TransitGatewayAttachment::id);
    return DescribeTransitGatewayAttachmentsResponse.builder().nextToken(page.nextTokenOrNull())
        .transitGatewayAttachments(page.items().stream()
            .map(a -> software.amazon.awssdk.services.ec2.model.TransitGatewayAttachment.builder()
                .transitGatewayAttachmentId(a.id()).transitGatewayId(a.transitGatewayId()).resourceType(a.resourceType().wire())
                .resourceId(a.resourceId()).resourceOwnerId(a.resourceOwnerId()).transitGatewayOwnerId(ctx.accountId())
                .state(a.state().wire()).creationTime(a.creationTime())
                .association(a.associatedRouteTableId() == null ? null : TransitGatewayAttachmentAssociation.builder()
                    .transitGatewayRouteTableId(a.associatedRouteTableId()).state("associated").build())
                .tags(Tags.sdk(tags.apply(a.id()))).build()).toList()).build();
  }

  public DescribeTransitGatewayVpcAttachmentsResponse describeTransitGatewayVpcAttachments(RequestContext ctx,
      DescribeTransitGatewayVpcAttachmentsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TRANSIT_GATEWAY_VPC_ATTACHMENTS, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var all = Ec2Store.describe(view, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT,
        req.transitGatewayAttachmentIds()).stream().filter(a -> a.resourceType() == ResourceType.VPC).toList();
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, FILTERS, tags), TransitGatewayAttachment::id);
    return DescribeTransitGatewayVpcAttachmentsResponse.builder().transitGatewayVpcAttachments(page.items().stream()
        .map(a -> vpcShape(a, tags.apply(a.id()), a.state())).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public DeleteTransitGatewayVpcAttachmentResponse deleteTransitGatewayVpcAttachment(RequestContext ctx,
      DeleteTransitGatewayVpcAttachmentRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var a = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT,
          req.transitGatewayAttachmentId());
      if (a.isDeleted()) throw IdKind.TRANSIT_GATEWAY_ATTACHMENT.notFound(a.id());
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a.id(), a.withAssociation(null).withState(State.DELETED));
      TgwRouting.detach(tx, scope, a.id());
      TgwRouting.deleteInterfaces(tx, scope, a.id());
      RouteStates.setState(tx, scope, a.transitGatewayId(), RouteTable.State.BLACKHOLE, a.resourceId());
      return DeleteTransitGatewayVpcAttachmentResponse.builder()
          .transitGatewayVpcAttachment(vpcShape(a, Map.of(), State.DELETING)).build();
    });
  }

  public ModifyTransitGatewayVpcAttachmentResponse modifyTransitGatewayVpcAttachment(RequestContext ctx,
      ModifyTransitGatewayVpcAttachmentRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var a = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT,
          req.transitGatewayAttachmentId());
      if (a.resourceType() != ResourceType.VPC || a.isDeleted()) throw IdKind.TRANSIT_GATEWAY_ATTACHMENT.notFound(a.id());
      List<String> subnets = new java.util.ArrayList<>(a.subnetIds());
      for (String s : req.removeSubnetIds()) {
        Ec2Errors.throwIf(TransitGatewayRules.removeSubnet(a, s, subnets));
        subnets.remove(s);
      }
      List<String> zones = subnets.stream().map(s -> tx.get(Ec2Tables.SUBNET, scope, s).orElseThrow().availabilityZone())
          .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
      List<dev.stratus.ec2.model.Subnet> added = new java.util.ArrayList<>();
      for (String s : req.addSubnetIds()) {
        var subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, s);
        Ec2Errors.throwIf(TransitGatewayRules.addSubnet(a, subnet, zones));
        zones.add(subnet.availabilityZone());
        added.add(subnet);
        subnets.add(s);
      }
      Ec2Errors.throwIf(TransitGatewayRules.subnetsLeft(subnets));
      Ec2Store.dryRun(req.dryRun());
      for (String s : req.removeSubnetIds()) {
        tx.list(Ec2Tables.NETWORK_INTERFACE, scope).stream().filter(e -> e.subnetId().equals(s)
            && e.description().equals(TgwRouting.eniDescription(a.id())))
            .forEach(e -> tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, e.id()));
      }
      for (var subnet : added) {
        var eni = Interfaces.create(tx, scope, subnet, null, List.of(), "transit_gateway",
            TgwRouting.eniDescription(a.id()), true);
        tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAttachment(null, "in-use"));
      }
      var o = req.options();
      var updated = a.withVpcOptions(subnets,
          o != null && o.applianceModeSupportAsString() != null ? o.applianceModeSupportAsString() : a.applianceModeSupport(),
          o != null && o.dnsSupportAsString() != null ? o.dnsSupportAsString() : a.dnsSupport());
      tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a.id(), updated);
      return ModifyTransitGatewayVpcAttachmentResponse.builder()
          .transitGatewayVpcAttachment(vpcShape(updated, Tags.of(tx, scope).apply(a.id()), State.MODIFYING)).build();
    });
  }

  public CreateTransitGatewayPeeringAttachmentResponse createTransitGatewayPeeringAttachment(RequestContext ctx,
      CreateTransitGatewayPeeringAttachmentRequest req) {
    String scope = ctx.regionalScope();
    String peerAccount = Ec2Store.param(req.peerAccountId(), "PeerAccountId");
    String peerRegion = Ec2Store.param(req.peerRegion(), "PeerRegion");
    String peerScope = peerAccount + "/" + peerRegion;
    IdKind.TRANSIT_GATEWAY.checkShape(Ec2Store.param(req.peerTransitGatewayId(), "PeerTransitGatewayId"));
    return store.write(ctx, tx -> {
      TransitGateway tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY,
          req.transitGatewayId());
      boolean peerExists = tx.get(Ec2Tables.TRANSIT_GATEWAY, peerScope, req.peerTransitGatewayId()).isPresent();
      if (!peerExists && peerScope.equals(scope)) throw IdKind.TRANSIT_GATEWAY.notFound(req.peerTransitGatewayId());
      Ec2Store.dryRun(req.dryRun());
      String id = IdKind.TRANSIT_GATEWAY_ATTACHMENT.next();
      State state = peerExists ? State.PENDING_ACCEPTANCE : State.FAILED;
      var mine = new TransitGatewayAttachment(id, tgw.id(), ResourceType.PEERING, req.peerTransitGatewayId(), peerAccount,
          state,
          List.of(), null, ctx.receivedAt(), peerRegion, peerAccount, "disable", "disable", true);
      tx.put(Ec2Tables.TGW_ATTACHMENT, scope, id, mine);
      if (peerExists) {
        tx.put(Ec2Tables.TGW_ATTACHMENT, peerScope, id, new TransitGatewayAttachment(id, req.peerTransitGatewayId(),
            ResourceType.PEERING, tgw.id(), ctx.accountId(), state, List.of(), null, ctx.receivedAt(), ctx.region(),
            ctx.accountId(), "disable", "disable", false));
      }
      Tags.apply(tx, scope, id, "transit-gateway-attachment", req.tagSpecifications());
      return CreateTransitGatewayPeeringAttachmentResponse.builder()
          .transitGatewayPeeringAttachment(peeringShape(mine, ctx, State.INITIATING_REQUEST)).build();
    });
  }

  public AcceptTransitGatewayPeeringAttachmentResponse acceptTransitGatewayPeeringAttachment(RequestContext ctx,
      AcceptTransitGatewayPeeringAttachmentRequest req) {
    var a = answer(ctx, req.transitGatewayAttachmentId(), State.AVAILABLE);
    return AcceptTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(peeringShape(a, ctx, State.PENDING)).build();
  }

  public RejectTransitGatewayPeeringAttachmentResponse rejectTransitGatewayPeeringAttachment(RequestContext ctx,
      RejectTransitGatewayPeeringAttachmentRequest req) {
    var a = answer(ctx, req.transitGatewayAttachmentId(), State.REJECTED);
    return RejectTransitGatewayPeeringAttachmentResponse.builder()
        .transitGatewayPeeringAttachment(peeringShape(a, ctx, State.REJECTING)).build();
  }

  public DeleteTransitGatewayPeeringAttachmentResponse deleteTransitGatewayPeeringAttachment(RequestContext ctx,
      DeleteTransitGatewayPeeringAttachmentRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var a = peering(tx, scope, req.transitGatewayAttachmentId());
      Ec2Store.dryRun(req.dryRun());
      setBoth(tx, ctx, a, State.DELETED);
      return DeleteTransitGatewayPeeringAttachmentResponse.builder()
          .transitGatewayPeeringAttachment(peeringShape(a, ctx, State.DELETING)).build();
    });
  }

  public DescribeTransitGatewayPeeringAttachmentsResponse describeTransitGatewayPeeringAttachments(RequestContext ctx,
      DescribeTransitGatewayPeeringAttachmentsRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TRANSIT_GATEWAY_PEERING_ATTACHMENTS, req.maxResults(),
        req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    var all = Ec2Store.describe(view, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT,
        req.transitGatewayAttachmentIds()).stream().filter(a -> a.resourceType() == ResourceType.PEERING).toList();
    var spec = FILTERS
        .plus("local-owner-id", a -> SdkPaths.values(peeringShape(a, ctx, a.state()), "RequesterTgwInfo.OwnerId"))
        .plus("remote-owner-id", a -> SdkPaths.values(peeringShape(a, ctx, a.state()), "AccepterTgwInfo.OwnerId"));
    var page = cursor.page(Ec2Filters.apply(req.filters(), all, spec, Tags.of(view, scope)),
        TransitGatewayAttachment::id);
    return DescribeTransitGatewayPeeringAttachmentsResponse.builder().transitGatewayPeeringAttachments(
        page.items().stream().map(a -> peeringShape(a, ctx, a.state())).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  private TransitGatewayAttachment answer(RequestContext ctx, String id, State state) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var a = peering(tx, scope, id);
      Ec2Errors.throwIf(TransitGatewayRules.answerPeering(a));
      setBoth(tx, ctx, a, state);
      return a.withState(state);
    });
  }

  private static TransitGatewayAttachment peering(ReadView view, String scope, String id) {
    var a = Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY_ATTACHMENT, Ec2Tables.TGW_ATTACHMENT, id);
    if (a.resourceType() != ResourceType.PEERING || a.isDeleted()) {
      throw IdKind.TRANSIT_GATEWAY_ATTACHMENT.notFound(id);
    }
    return a;
  }

  private static void setBoth(Transaction tx, RequestContext ctx, TransitGatewayAttachment a, State state) {
    String scope = ctx.regionalScope();
    String other = a.peerAccountId() + "/" + a.peerRegion();
    tx.put(Ec2Tables.TGW_ATTACHMENT, scope, a.id(), a.withState(state));
    tx.get(Ec2Tables.TGW_ATTACHMENT, other, a.id()).ifPresent(o -> tx.put(Ec2Tables.TGW_ATTACHMENT, other, o.id(),
        o.withState(state)));
    if (state == State.DELETED) {
      TgwRouting.detach(tx, scope, a.id());
      TgwRouting.detach(tx, other, a.id());
    }
  }

  private static TransitGatewayVpcAttachment vpcShape(TransitGatewayAttachment a, Map<String, String> tags, State state) {
    return TransitGatewayVpcAttachment.builder().transitGatewayAttachmentId(a.id()).transitGatewayId(a.transitGatewayId())
        .vpcId(a.resourceId()).vpcOwnerId(a.resourceOwnerId()).state(state.wire()).subnetIds(a.subnetIds())
        .creationTime(a.creationTime()).tags(Tags.sdk(tags))
        .options(TransitGatewayVpcAttachmentOptions.builder().applianceModeSupport(a.applianceModeSupport())
            .dnsSupport(a.dnsSupport()).ipv6Support("disable").build()).build();
  }

  private static TransitGatewayPeeringAttachment peeringShape(TransitGatewayAttachment a, RequestContext ctx,
      State state) {
    var mine = PeeringTgwInfo.builder().transitGatewayId(a.transitGatewayId()).ownerId(ctx.accountId())
        .region(ctx.region()).build();
    var theirs = PeeringTgwInfo.builder().transitGatewayId(a.resourceId()).ownerId(a.peerAccountId())
        .region(a.peerRegion()).build();
    return TransitGatewayPeeringAttachment.builder().transitGatewayAttachmentId(a.id()).state(state.wire())
        .requesterTgwInfo(a.requester() ? mine : theirs).accepterTgwInfo(a.requester() ? theirs : mine)
        .status(PeeringAttachmentStatus.builder().code(state.wire()).message(state.wire()).build()).creationTime(a.creationTime())
        .build();
  }
}
