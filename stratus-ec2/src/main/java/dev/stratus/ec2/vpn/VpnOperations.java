package dev.stratus.ec2.vpn;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpnGateway;
import dev.stratus.ec2.routing.RouteStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Site-to-Site VPN" (vpc.md §41): customer gateways, virtual private gateways and
 * their VPC attachment and route propagation. VPN connections live in {@link VpnConnectionOperations}.
 */
public final class VpnOperations {
  private final Ec2Store store;

  public VpnOperations(Ec2Store store) { this.store = store; }

  public CreateCustomerGatewayResponse createCustomerGateway(RequestContext ctx, CreateCustomerGatewayRequest req) {
    String scope = ctx.regionalScope();
    String ip = req.publicIp() != null ? req.publicIp() : Ec2Store.param(req.ipAddress(), "IpAddress");
    Ec2Errors.throwIf(VpnRules.customerGatewayIp(ip));
    long asn = req.bgpAsnExtended() != null ? req.bgpAsnExtended() : req.bgpAsn() == null ? 65000 : req.bgpAsn();
    Ec2Store.dryRun(req.dryRun());
    return store.write(ctx, tx -> {
      var cgw = new CustomerGateway(IdKind.CUSTOMER_GATEWAY.next(), "ipsec.1", ip, asn, "available", req.deviceName());
      tx.put(Ec2Tables.CUSTOMER_GATEWAY, scope, cgw.id(), cgw);
      Tags.apply(tx, scope, cgw.id(), "customer-gateway", req.tagSpecifications());
      return CreateCustomerGatewayResponse.builder().customerGateway(cgwShape(cgw, Tags.of(tx, scope).apply(cgw.id())))
          .build();
    });
  }

  public DescribeCustomerGatewaysResponse describeCustomerGateways(RequestContext ctx, DescribeCustomerGatewaysRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<CustomerGateway>of(CustomerGateway::id).one("customer-gateway-id", CustomerGateway::id)
        .one("ip-address", CustomerGateway::ipAddress).one("bgp-asn", CustomerGateway::bgpAsn)
        .one("state", CustomerGateway::state).one("type", CustomerGateway::type);
    return DescribeCustomerGatewaysResponse.builder().customerGateways(Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.CUSTOMER_GATEWAY, Ec2Tables.CUSTOMER_GATEWAY, req.customerGatewayIds()),
        spec, tags).stream().map(c -> cgwShape(c, tags.apply(c.id()))).toList()).build();
  }

  public DeleteCustomerGatewayResponse deleteCustomerGateway(RequestContext ctx, DeleteCustomerGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var cgw = Ec2Store.require(tx, scope, IdKind.CUSTOMER_GATEWAY, Ec2Tables.CUSTOMER_GATEWAY, req.customerGatewayId());
      Ec2Errors.throwIf(VpnRules.deleteCustomerGateway(cgw, tx.list(Ec2Tables.VPN_CONNECTION, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.CUSTOMER_GATEWAY, scope, cgw.id(), cgw.withState("deleted"));
      return DeleteCustomerGatewayResponse.builder().build();
    });
  }

  public CreateVpnGatewayResponse createVpnGateway(RequestContext ctx, CreateVpnGatewayRequest req) {
    String scope = ctx.regionalScope();
    long asn = req.amazonSideAsn() == null ? 64512 : req.amazonSideAsn();
    Ec2Store.dryRun(req.dryRun());
    return store.write(ctx, tx -> {
      var vgw = new VpnGateway(IdKind.VPN_GATEWAY.next(), "ipsec.1", asn, "available", null, req.availabilityZone());
      tx.put(Ec2Tables.VPN_GATEWAY, scope, vgw.id(), vgw);
      Tags.apply(tx, scope, vgw.id(), "vpn-gateway", req.tagSpecifications());
      return CreateVpnGatewayResponse.builder().vpnGateway(vgwShape(vgw, Tags.of(tx, scope).apply(vgw.id()))).build();
    });
  }

  public DescribeVpnGatewaysResponse describeVpnGateways(RequestContext ctx, DescribeVpnGatewaysRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<VpnGateway>of(VpnGateway::id).one("vpn-gateway-id", VpnGateway::id)
        .one("state", VpnGateway::state).one("attachment.vpc-id", VpnGateway::attachedVpcId)
        .one("attachment.state", g -> g.attachedVpcId() == null ? null : "attached")
        .one("amazon-side-asn", VpnGateway::amazonSideAsn).one("type", VpnGateway::type)
        .path("availability-zone", "AvailabilityZone").withShape(g -> vgwShape(g, tags.apply(g.id())));
    return DescribeVpnGatewaysResponse.builder().vpnGateways(Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, req.vpnGatewayIds()), spec, tags)
        .stream().map(g -> vgwShape(g, tags.apply(g.id()))).toList()).build();
  }

  public AttachVpnGatewayResponse attachVpnGateway(RequestContext ctx, AttachVpnGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var vgw = Ec2Store.require(tx, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, req.vpnGatewayId());
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Errors.throwIf(VpnRules.attachVpnGateway(vgw, vpc.id(), tx.list(Ec2Tables.VPN_GATEWAY, scope)));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPN_GATEWAY, scope, vgw.id(), vgw.attachedTo(vpc.id()));
      RouteStates.setState(tx, scope, vgw.id(), RouteTable.State.ACTIVE);
      return AttachVpnGatewayResponse.builder()
          .vpcAttachment(VpcAttachment.builder().vpcId(vpc.id()).state("attaching").build()).build();
    });
  }

  public DetachVpnGatewayResponse detachVpnGateway(RequestContext ctx, DetachVpnGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var vgw = Ec2Store.require(tx, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, req.vpnGatewayId());
      Vpc vpc = Ec2Store.require(tx, scope, IdKind.VPC, Ec2Tables.VPC, req.vpcId());
      Ec2Errors.throwIf(VpnRules.detachVpnGateway(vgw, vpc.id()));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPN_GATEWAY, scope, vgw.id(), vgw.attachedTo(null));
      RouteStates.setState(tx, scope, vgw.id(), RouteTable.State.BLACKHOLE);
      return DetachVpnGatewayResponse.builder().build();
    });
  }

  public DeleteVpnGatewayResponse deleteVpnGateway(RequestContext ctx, DeleteVpnGatewayRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var vgw = Ec2Store.require(tx, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, req.vpnGatewayId());
      Ec2Errors.throwIf(VpnRules.deleteVpnGateway(vgw));
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPN_GATEWAY, scope, vgw.id(), vgw.withState("deleted"));
      return DeleteVpnGatewayResponse.builder().build();
    });
  }

  public EnableVgwRoutePropagationResponse enableVgwRoutePropagation(RequestContext ctx,
      EnableVgwRoutePropagationRequest req) {
    return propagation(ctx, req.routeTableId(), req.gatewayId(), true, req.dryRun(),
        EnableVgwRoutePropagationResponse.builder().build());
  }

  public DisableVgwRoutePropagationResponse disableVgwRoutePropagation(RequestContext ctx,
      DisableVgwRoutePropagationRequest req) {
    return propagation(ctx, req.routeTableId(), req.gatewayId(), false, req.dryRun(),
        DisableVgwRoutePropagationResponse.builder().build());
  }

  private <R> R propagation(RequestContext ctx, String routeTableId, String vgwId, boolean enable, Boolean dryRun, R out) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      RouteTable t = Ec2Store.require(tx, scope, IdKind.ROUTE_TABLE, Ec2Tables.ROUTE_TABLE, routeTableId);
      var vgw = Ec2Store.require(tx, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, vgwId);
      Ec2Errors.throwIf(VpnRules.propagation(t, vgw));
      Ec2Store.dryRun(dryRun);
      List<String> vgws = new ArrayList<>(t.propagatingVgws());
      vgws.remove(vgw.id());
      if (enable) vgws.add(vgw.id());
      List<RouteTable.Route> routes = t.routes().stream().filter(r ->
          enable || !(r.origin() == RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION && r.target().id().equals(vgw.id()))).toList();
      tx.put(Ec2Tables.ROUTE_TABLE, scope, t.id(), new RouteTable(t.id(), t.vpcId(), routes, t.associations(), vgws));
      VpnRouting.refreshVgw(tx, scope, vgw.id());
      return out;
    });
  }

  static software.amazon.awssdk.services.ec2.model.CustomerGateway cgwShape(CustomerGateway c, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.CustomerGateway.builder().customerGatewayId(c.id()).type(c.type())
        .ipAddress(c.ipAddress()).bgpAsn(String.valueOf(c.bgpAsn())).state(c.state()).deviceName(c.deviceName())
        .tags(Tags.sdkOrNone(tags)).build();
  }

  static software.amazon.awssdk.services.ec2.model.VpnGateway vgwShape(VpnGateway g, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.VpnGateway.builder().vpnGatewayId(g.id()).type(g.type())
        .state(g.state()).amazonSideAsn(g.amazonSideAsn()).availabilityZone(g.availabilityZone())
        .vpcAttachments(g.attachedVpcId() == null ? List.of() : List.of(VpcAttachment.builder().vpcId(g.attachedVpcId())
            .state("attached").build()))
        .tags(Tags.sdkOrNone(tags)).build();
  }
}
