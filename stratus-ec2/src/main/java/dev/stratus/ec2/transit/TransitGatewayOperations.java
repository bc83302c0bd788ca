package dev.stratus.ec2.transit;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Transit gateways" (vpc.md §29–36): gateways with their options, the default
 * route table, VPC attachments with default association and propagation, and static routes.
 */
public final class TransitGatewayOperations {
  private final Ec2Store store;

  public TransitGatewayOperations(Ec2Store store) { this.store = store; }

  public CreateTransitGatewayResponse createTransitGateway(RequestContext ctx, CreateTransitGatewayRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    var o = req.options();
    var d = TransitGateway.Options.defaults();
    var options = new TransitGateway.Options(o == null || o.amazonSideAsn() == null ? d.amazonSideAsn() : o.amazonSideAsn(),
        pick(o == null ? null : o.autoAcceptSharedAttachmentsAsString(), d.autoAcceptSharedAttachments()),
        pick(o == null ? null : o.defaultRouteTableAssociationAsString(), d.defaultRouteTableAssociation()),
        pick(o == null ? null : o.defaultRouteTablePropagationAsString(), d.defaultRouteTablePropagation()),
        pick(o == null ? null : o.vpnEcmpSupportAsString(), d.vpnEcmpSupport()),
        pick(o == null ? null : o.dnsSupportAsString(), d.dnsSupport()),
        pick(o == null ? null : o.securityGroupReferencingSupportAsString(), d.securityGroupReferencingSupport()),
        pick(o == null ? null : o.multicastSupportAsString(), d.multicastSupport()));
    long asn = options.amazonSideAsn();
    Ec2Errors.throwIf(TransitGatewayRules.amazonSideAsn(asn));
    return store.write(ctx, tx -> {
      String id = IdKind.TRANSIT_GATEWAY.next();
      boolean assoc = options.defaultRouteTableAssociation().equals("enable");
      boolean prop = options.defaultRouteTablePropagation().equals("enable");
      String rtb = null;
      if (assoc || prop) {
        rtb = IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.next();
        tx.put(Ec2Tables.TGW_ROUTE_TABLE, scope, rtb, new TransitGatewayRouteTable(rtb, id, "available", assoc, prop,
            ctx.receivedAt(), List.of(), List.of(), List.of()));
      }
      TransitGateway tgw = new TransitGateway(id, req.description(), "available", ctx.receivedAt(), options,
          assoc ? rtb : null, prop ? rtb : null);
      tx.put(Ec2Tables.TRANSIT_GATEWAY, scope, id, tgw);
      Tags.apply(tx, scope, id, "transit-gateway", req.tagSpecifications());
      return CreateTransitGatewayResponse.builder()
          .transitGateway(shape(tgw.withState("pending"), ctx, Tags.of(tx, scope).apply(id))).build();
    });
  }

  public DescribeTransitGatewaysResponse describeTransitGateways(RequestContext ctx, DescribeTransitGatewaysRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_TRANSIT_GATEWAYS, req.maxResults(), req.nextToken());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<TransitGateway>of(TransitGateway::id).one("transit-gateway-id", TransitGateway::id)
        .one("state", TransitGateway::state).one("owner-id", t -> ctx.accountId())
        .path("options.amazon-side-asn", "Options.AmazonSideAsn")
        .path("options.association-default-route-table-id", "Options.AssociationDefaultRouteTableId")
        .path("options.auto-accept-shared-attachments", "Options.AutoAcceptSharedAttachments")
        .path("options.default-route-table-association", "Options.DefaultRouteTableAssociation")
        .path("options.default-route-table-propagation", "Options.DefaultRouteTablePropagation")
        .path("options.dns-support", "Options.DnsSupport")
        .path("options.propagation-default-route-table-id", "Options.PropagationDefaultRouteTableId")
        .path("options.vpn-ecmp-support", "Options.VpnEcmpSupport")
        .withShape(t -> shape(t, ctx, tags.apply(t.id())));
    var page = cursor.page(Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY, req.transitGatewayIds()),
        spec, tags), TransitGateway::id);
    return DescribeTransitGatewaysResponse.builder().transitGateways(page.items().stream()
        .map(t -> shape(t, ctx, tags.apply(t.id()))).toList()).nextToken(page.nextTokenOrNull()).build();
  }

  public CreateTransitGatewayVpcAttachmentResponse createTransitGatewayVpcAttachment(RequestContext ctx,
      CreateTransitGatewayVpcAttachmentRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      IdKind.TRANSIT_GATEWAY.checkShape(Ec2Store.param(req.transitGatewayId(), "TransitGatewayId"));
      IdKind.VPC.checkShape(Ec2Store.param(req.vpcId(), "VpcId"));
      if (req.subnetIds().isEmpty()) throw Ec2Errors.missing("SubnetIds");
      req.subnetIds().forEach(IdKind.SUBNET::checkShape);
      TransitGateway tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY, req.transitGatewayId());
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      List<String> zones = new ArrayList<>();
      List<Subnet> subnets = new ArrayList<>();
      for (String s : req.subnetIds()) {
        Subnet subnet = Ec2Store.require(tx, scope, IdKind.SUBNET, Ec2Tables.SUBNET, s);
        Ec2Errors.throwIf(TransitGatewayRules.attachmentSubnet(vpc.id(), subnet, zones, req.subnetIds()));
        zones.add(subnet.availabilityZone());
        subnets.add(subnet);
      }
      Ec2Store.dryRun(req.dryRun());
      String id = IdKind.TRANSIT_GATEWAY_ATTACHMENT.next();
      // vpc.md §35: the transit gateway takes one address in each attachment subnet.
      for (Subnet subnet : subnets) {
        var eni = Interfaces.create(tx, scope, subnet, null, List.of(), "transit_gateway",
            TgwRouting.eniDescription(id), true);
        tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAttachment(null, "in-use"));
      }
      var o = req.options();
      var att = new TransitGatewayAttachment(id, tgw.id(), TransitGatewayAttachment.ResourceType.VPC, vpc.id(),
          ctx.accountId(), TransitGatewayAttachment.State.AVAILABLE,
          req.subnetIds(), null, ctx.receivedAt(), null, null,
          o == null || o.applianceModeSupportAsString() == null ? "disable" : o.applianceModeSupportAsString(),
          o == null || o.dnsSupportAsString() == null ? "enable" : o.dnsSupportAsString(), false);
      if (tgw.associationDefaultRouteTableId() != null) att = att.withAssociation(tgw.associationDefaultRouteTableId());
      tx.put(Ec2Tables.TGW_ATTACHMENT, scope, id, att);
      defaultAssociateAndPropagate(tx, scope, tgw, att);
      Tags.apply(tx, scope, id, "transit-gateway-attachment", req.tagSpecifications());
      return CreateTransitGatewayVpcAttachmentResponse.builder().transitGatewayVpcAttachment(
          TransitGatewayVpcAttachment.builder().transitGatewayAttachmentId(id).transitGatewayId(tgw.id())
              .vpcId(vpc.id()).vpcOwnerId(ctx.accountId()).state("pending").subnetIds(req.subnetIds())
              .creationTime(ctx.receivedAt()).tags(Tags.sdk(Tags.of(tx, scope).apply(id)))
              .options(TransitGatewayVpcAttachmentOptions.builder().applianceModeSupport(att.applianceModeSupport())
                  .dnsSupport(att.dnsSupport()).ipv6Support("disable").build()).build()).build();
    });
  }

  public ModifyTransitGatewayResponse modifyTransitGateway(RequestContext ctx, ModifyTransitGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      TransitGateway tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY,
          req.transitGatewayId());
      var o = req.options();
      var c = tgw.options();
      String assocRtb = tgw.associationDefaultRouteTableId(), propRtb = tgw.propagationDefaultRouteTableId();
      if (o != null && o.associationDefaultRouteTableId() != null) assocRtb = ownTable(tx, scope, tgw, o.associationDefaultRouteTableId());
      if (o != null && o.propagationDefaultRouteTableId() != null) propRtb = ownTable(tx, scope, tgw, o.propagationDefaultRouteTableId());
      var options = o == null ? c : new TransitGateway.Options(o.amazonSideAsn() == null ? c.amazonSideAsn() : o.amazonSideAsn(),
          pick(o.autoAcceptSharedAttachmentsAsString(), c.autoAcceptSharedAttachments()),
          pick(o.defaultRouteTableAssociationAsString(), c.defaultRouteTableAssociation()),
          pick(o.defaultRouteTablePropagationAsString(), c.defaultRouteTablePropagation()),
          pick(o.vpnEcmpSupportAsString(), c.vpnEcmpSupport()), pick(o.dnsSupportAsString(), c.dnsSupport()),
          pick(o.securityGroupReferencingSupportAsString(), c.securityGroupReferencingSupport()), c.multicastSupport());
      Ec2Store.dryRun(req.dryRun());
      var updated = new TransitGateway(tgw.id(), req.description() != null ? req.description() : tgw.description(),
          tgw.state(), tgw.creationTime(), options,
          options.defaultRouteTableAssociation().equals("enable") ? assocRtb : null,
          options.defaultRouteTablePropagation().equals("enable") ? propRtb : null);
      tx.put(Ec2Tables.TRANSIT_GATEWAY, scope, tgw.id(), updated);
      // the change applies at once here; the answer shows it in progress, as AWS's does
      return ModifyTransitGatewayResponse.builder().transitGateway(shape(updated, ctx, Tags.of(tx, scope).apply(tgw.id()))
          .toBuilder().state("modifying").build()).build();
    });
  }

  /** A route table id named in the options must belong to this transit gateway. */
  private static String ownTable(ReadView view, String scope, TransitGateway tgw, String id) {
    var t = Ec2Store.require(view, scope, IdKind.TRANSIT_GATEWAY_ROUTE_TABLE, Ec2Tables.TGW_ROUTE_TABLE, id);
    if (!t.transitGatewayId().equals(tgw.id())) throw IdKind.TRANSIT_GATEWAY_ROUTE_TABLE.notFound(id);
    return id;
  }

  /** New attachments associate with and propagate into the default table when the options say so (vpc.md §30). */
  private static void defaultAssociateAndPropagate(Transaction tx, String scope, TransitGateway tgw,
      TransitGatewayAttachment att) {
    if (tgw.associationDefaultRouteTableId() != null) {
      TransitGatewayRouteTable t = tx.get(Ec2Tables.TGW_ROUTE_TABLE, scope, tgw.associationDefaultRouteTableId()).orElseThrow();
      TgwRouteTables.associate(tx, scope, t, att);
    }
    if (tgw.propagationDefaultRouteTableId() != null) {
      TransitGatewayRouteTable t = tx.get(Ec2Tables.TGW_ROUTE_TABLE, scope, tgw.propagationDefaultRouteTableId()).orElseThrow();
      TgwRouteTables.propagate(tx, scope, t, att);
    }
  }

  public DeleteTransitGatewayResponse deleteTransitGateway(RequestContext ctx, DeleteTransitGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      TransitGateway tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY,
          req.transitGatewayId());
      Ec2Errors.throwIf(TransitGatewayRules.deleteGateway(tgw, tx.list(Ec2Tables.TGW_ATTACHMENT, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.list(Ec2Tables.TGW_ROUTE_TABLE, scope).stream().filter(t -> t.transitGatewayId().equals(tgw.id()))
          .forEach(t -> TgwRouteTables.delete(tx, scope, t));
      tx.put(Ec2Tables.TRANSIT_GATEWAY, scope, tgw.id(), tgw.withState("deleted"));
      return DeleteTransitGatewayResponse.builder().transitGateway(shape(tgw.withState("deleting"), ctx, Map.of())).build();
    });
  }

  private static software.amazon.awssdk.services.ec2.model.TransitGateway shape(TransitGateway t, RequestContext ctx,
      Map<String, String> tags) {
    var o = t.options();
    return software.amazon.awssdk.services.ec2.model.TransitGateway.builder().transitGatewayId(t.id())
        .transitGatewayArn("arn:aws:ec2:" + ctx.region() + ":" + ctx.accountId() + ":transit-gateway/" + t.id())
        .state(t.state()).ownerId(ctx.accountId()).description(t.description()).creationTime(t.creationTime())
        .options(TransitGatewayOptions.builder().amazonSideAsn(o.amazonSideAsn())
            .autoAcceptSharedAttachments(o.autoAcceptSharedAttachments())
            .defaultRouteTableAssociation(o.defaultRouteTableAssociation())
            .defaultRouteTablePropagation(o.defaultRouteTablePropagation()).vpnEcmpSupport(o.vpnEcmpSupport())
            .dnsSupport(o.dnsSupport()).securityGroupReferencingSupport(o.securityGroupReferencingSupport())
            .multicastSupport(o.multicastSupport()).associationDefaultRouteTableId(t.associationDefaultRouteTableId())
            .propagationDefaultRouteTableId(t.propagationDefaultRouteTableId()).build())
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  private static String pick(String given, String fallback) { return given == null ? fallback : given; }
}
