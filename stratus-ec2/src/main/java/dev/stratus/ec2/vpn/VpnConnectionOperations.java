package dev.stratus.ec2.vpn;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.transit.TgwRouteTables;
import dev.stratus.ec2.transit.TgwRouting;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Site-to-Site VPN", connections (vpc.md §41): two tunnels with distinct outside
 * addresses, on a virtual private gateway or a transit gateway (which gets a {@code vpn}
 * attachment with default association and propagation), and static routes that propagate.
 * Stratus runs no IPsec, so tunnel telemetry reads DOWN.
 */
public final class VpnConnectionOperations {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ec2Store store;

  public VpnConnectionOperations(Ec2Store store) { this.store = store; }

  public CreateVpnConnectionResponse createVpnConnection(RequestContext ctx, CreateVpnConnectionRequest req) {
    String scope = ctx.regionalScope();
    Ec2Errors.throwIf(VpnRules.connectionGateway(req.vpnGatewayId(), req.transitGatewayId()));
    boolean staticOnly = req.options() != null && Boolean.TRUE.equals(req.options().staticRoutesOnly());
    return store.write(ctx, tx -> {
      var cgw = Ec2Store.require(tx, scope, IdKind.CUSTOMER_GATEWAY, Ec2Tables.CUSTOMER_GATEWAY, req.customerGatewayId());
      Ec2Errors.throwIf(VpnRules.connectionCustomerGateway(cgw));
      TransitGateway tgw = null;
      if (req.vpnGatewayId() != null) {
        Ec2Store.require(tx, scope, IdKind.VPN_GATEWAY, Ec2Tables.VPN_GATEWAY, req.vpnGatewayId());
      } else {
        tgw = Ec2Store.require(tx, scope, IdKind.TRANSIT_GATEWAY, Ec2Tables.TRANSIT_GATEWAY, req.transitGatewayId());
      }
      Ec2Store.dryRun(req.dryRun());
      String id = IdKind.VPN_CONNECTION.next();
      var vpn = new VpnConnection(id, "ipsec.1", cgw.id(), req.vpnGatewayId(), req.transitGatewayId(), "available",
          staticOnly, List.of(outsideIp(), outsideIp()), List.of());
      tx.put(Ec2Tables.VPN_CONNECTION, scope, id, vpn);
      String attachmentId = tgw == null ? null : attach(tx, scope, ctx, tgw, id);
      Tags.apply(tx, scope, id, "vpn-connection", req.tagSpecifications());
      return CreateVpnConnectionResponse.builder().vpnConnection(shape(vpn, attachmentId, "pending",
          Tags.of(tx, scope).apply(id))).build();
    });
  }

  public DescribeVpnConnectionsResponse describeVpnConnections(RequestContext ctx, DescribeVpnConnectionsRequest req) {
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    var spec = Ec2Filters.Spec.<VpnConnection>of(VpnConnection::id).one("vpn-connection-id", VpnConnection::id)
        .one("state", VpnConnection::state).one("customer-gateway-id", VpnConnection::customerGatewayId)
        .one("vpn-gateway-id", VpnConnection::vpnGatewayId).one("transit-gateway-id", VpnConnection::transitGatewayId)
        .one("option.static-routes-only", VpnConnection::staticRoutesOnly)
        .many("route.destination-cidr-block", v -> v.staticRoutes().stream().map(Cidr::toString).toList())
        .one("type", VpnConnection::type)
        .one("bgp-asn", v -> view.get(Ec2Tables.CUSTOMER_GATEWAY, scope, v.customerGatewayId())
            .map(dev.stratus.ec2.model.CustomerGateway::bgpAsn).orElse(null))
        .path("customer-gateway-configuration", "CustomerGatewayConfiguration")
        .withShape(v -> shape(v, attachmentOf(view, scope, v.id()), v.state(), tags.apply(v.id())));
    return DescribeVpnConnectionsResponse.builder().vpnConnections(Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.VPN_CONNECTION, Ec2Tables.VPN_CONNECTION, req.vpnConnectionIds()), spec, tags)
        .stream().map(v -> shape(v, attachmentOf(view, scope, v.id()), v.state(), tags.apply(v.id()))).toList()).build();
  }

  public DeleteVpnConnectionResponse deleteVpnConnection(RequestContext ctx, DeleteVpnConnectionRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      var vpn = Ec2Store.require(tx, scope, IdKind.VPN_CONNECTION, Ec2Tables.VPN_CONNECTION, req.vpnConnectionId());
      Ec2Store.dryRun(req.dryRun());
      tx.put(Ec2Tables.VPN_CONNECTION, scope, vpn.id(), vpn.with("deleted", List.of()));
      String att = attachmentOf(tx, scope, vpn.id());
      if (att != null) {
        tx.get(Ec2Tables.TGW_ATTACHMENT, scope, att).ifPresent(a -> tx.put(Ec2Tables.TGW_ATTACHMENT, scope, att,
            a.withAssociation(null).withState(TransitGatewayAttachment.State.DELETED)));
        TgwRouting.detach(tx, scope, att);
      }
      if (vpn.vpnGatewayId() != null) VpnRouting.refreshVgw(tx, scope, vpn.vpnGatewayId());
      return DeleteVpnConnectionResponse.builder().build();
    });
  }

  public CreateVpnConnectionRouteResponse createVpnConnectionRoute(RequestContext ctx, CreateVpnConnectionRouteRequest req) {
    changeRoute(ctx, req.vpnConnectionId(), req.destinationCidrBlock(), true);
    return CreateVpnConnectionRouteResponse.builder().build();
  }

  public DeleteVpnConnectionRouteResponse deleteVpnConnectionRoute(RequestContext ctx, DeleteVpnConnectionRouteRequest req) {
    changeRoute(ctx, req.vpnConnectionId(), req.destinationCidrBlock(), false);
    return DeleteVpnConnectionRouteResponse.builder().build();
  }

  private void changeRoute(RequestContext ctx, String vpnId, String text, boolean add) {
    String scope = ctx.regionalScope();
    Cidr cidr = Cidr.tryParse(Ec2Store.param(text, "DestinationCidrBlock")).filter(Cidr::isIpv4)
        .orElseThrow(() -> Ec2Errors.invalidCidr("destinationCidrBlock", text));
    store.write(ctx, tx -> {
      var vpn = Ec2Store.require(tx, scope, IdKind.VPN_CONNECTION, Ec2Tables.VPN_CONNECTION, vpnId);
      Ec2Errors.throwIf(VpnRules.staticRoute(vpn, cidr, add));
      List<Cidr> routes = new ArrayList<>(vpn.staticRoutes());
      if (add) routes.add(cidr); else routes.remove(cidr);
      tx.put(Ec2Tables.VPN_CONNECTION, scope, vpn.id(), vpn.with(vpn.state(), routes));
      if (vpn.vpnGatewayId() != null) VpnRouting.refreshVgw(tx, scope, vpn.vpnGatewayId());
      String att = attachmentOf(tx, scope, vpn.id());
      if (att != null) VpnRouting.refreshTgw(tx, scope, att, routes);
      return null;
    });
  }

  /** The VPN's TGW attachment, with AWS's default association and propagation (vpc.md §30). */
  private static String attach(Transaction tx, String scope, RequestContext ctx, TransitGateway tgw, String vpnId) {
    var att = new TransitGatewayAttachment(IdKind.TRANSIT_GATEWAY_ATTACHMENT.next(), tgw.id(),
        TransitGatewayAttachment.ResourceType.VPN, vpnId,
        ctx.accountId(), TransitGatewayAttachment.State.AVAILABLE, List.of(), tgw.associationDefaultRouteTableId(), ctx.receivedAt(), null, null,
        "disable", "disable", false);
    tx.put(Ec2Tables.TGW_ATTACHMENT, scope, att.id(), att);
    for (String rtb : new java.util.LinkedHashSet<>(java.util.Arrays.asList(tgw.associationDefaultRouteTableId(),
        tgw.propagationDefaultRouteTableId()))) {
      if (rtb == null) continue;
      // the attachment row holds its association (set above); a propagation is a row of its own
      TransitGatewayRouteTable t = TgwRouteTables.migrate(tx, scope, tx.get(Ec2Tables.TGW_ROUTE_TABLE, scope, rtb).orElseThrow());
      if (rtb.equals(tgw.propagationDefaultRouteTableId())) TgwRouteTables.propagate(tx, scope, t, att);
    }
    return att.id();
  }

  private static String attachmentOf(ReadView view, String scope, String vpnId) {
    return view.list(Ec2Tables.TGW_ATTACHMENT, scope).stream()
        .filter(a -> a.resourceType() == TransitGatewayAttachment.ResourceType.VPN && a.resourceId().equals(vpnId))
        .map(TransitGatewayAttachment::id)
        .findFirst().orElse(null);
  }

  /** A tunnel outside address from Stratus's public pool. */
  private static String outsideIp() {
    return "18." + (128 + RANDOM.nextInt(64)) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
  }

  /**
   * The customer gateway configuration AWS returns with a connection (an XML document); Stratus's
   * names the gateways and the tunnels' outside addresses, which is all it models of a tunnel.
   */
  static String configuration(VpnConnection v) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vpn_connection id=\"")
        .append(v.id()).append("\">\n  <customer_gateway_id>").append(v.customerGatewayId())
        .append("</customer_gateway_id>\n  <vpn_gateway_id>")
        .append(v.vpnGatewayId() != null ? v.vpnGatewayId() : v.transitGatewayId())
        .append("</vpn_gateway_id>\n  <vpn_connection_type>").append(v.type()).append("</vpn_connection_type>\n");
    for (String ip : v.tunnelOutsideAddresses()) {
      xml.append("  <ipsec_tunnel>\n    <vpn_gateway>\n      <tunnel_outside_address>\n        <ip_address>").append(ip)
          .append("</ip_address>\n      </tunnel_outside_address>\n    </vpn_gateway>\n  </ipsec_tunnel>\n");
    }
    return xml.append("</vpn_connection>").toString();
  }

  private static software.amazon.awssdk.services.ec2.model.VpnConnection shape(VpnConnection v, String attachmentId,
      String state, Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.VpnConnection.builder().vpnConnectionId(v.id()).type(v.type())
        .customerGatewayId(v.customerGatewayId()).vpnGatewayId(v.vpnGatewayId()).transitGatewayId(v.transitGatewayId())
        .state(state).category("VPN").gatewayAssociationState(attachmentId != null || v.vpnGatewayId() != null
            ? "associated" : "disassociated")
        // AWS's defaults for what Stratus does not model: no acceleration, whole-range traffic selectors
        .options(VpnConnectionOptions.builder().staticRoutesOnly(v.staticRoutesOnly()).tunnelInsideIpVersion("ipv4")
            .enableAcceleration(false).localIpv4NetworkCidr("0.0.0.0/0").remoteIpv4NetworkCidr("0.0.0.0/0")
            .outsideIpAddressType("PublicIpv4")
            .tunnelOptions(v.tunnelOutsideAddresses().stream().map(ip -> TunnelOption.builder().outsideIpAddress(ip).build())
                .toList())
            .build())
        .customerGatewayConfiguration(configuration(v))
        .routes(v.staticRoutes().stream().map(c -> VpnStaticRoute.builder().destinationCidrBlock(c.toString())
            .source("Static").state("available").build()).toList())
        .vgwTelemetry(v.tunnelOutsideAddresses().stream().map(ip -> VgwTelemetry.builder().outsideIpAddress(ip)
            .status("DOWN").statusMessage("").acceptedRouteCount(0).build()).toList())
        .tags(Tags.sdk(tags)).build();
  }
}
