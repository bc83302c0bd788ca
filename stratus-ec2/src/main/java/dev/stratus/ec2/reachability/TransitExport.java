package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import static dev.stratus.ec2.reachability.ReachabilityExport.obj;
import static dev.stratus.ec2.reachability.ReachabilityExport.tags;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes peering, transit gateway and VPN describe outputs of one Region (the reverse of
 * {@link TransitImport}). A peering connection is written to its requester's Region.
 */
final class TransitExport {
  private TransitExport() {}

  static void write(Network n, String region, ReachabilityExport.Out out) {
    out.list("describe-vpc-peering-connections", "VpcPeeringConnections", n.vpcPeeringConnections().stream()
        .filter(p -> p.requester().region().equals(region)).map(TransitExport::peering).toList());
    out.list("describe-transit-gateways", "TransitGateways", n.transitGateways().stream()
        .filter(t -> t.region().equals(region)).map(TransitExport::transitGateway).toList());
    out.list("describe-transit-gateway-attachments", "TransitGatewayAttachments", n.transitGatewayAttachments().stream()
        .filter(a -> a.region().equals(region)).map(TransitExport::attachment).toList());
    List<ObjectNode> tables = new ArrayList<>();
    for (TransitGatewayRouteTable t : n.transitGatewayRouteTables()) {
      if (!t.region().equals(region)) continue;
      ObjectNode o = obj().put("TransitGatewayRouteTableId", t.id()).put("TransitGatewayId", t.transitGatewayId())
          .put("State", "available").put("DefaultAssociationRouteTable", t.defaultAssociationRouteTable())
          .put("DefaultPropagationRouteTable", t.defaultPropagationRouteTable());
      tags(o, t.tags());
      tables.add(o);
      ObjectNode routes = obj().put("AdditionalRoutesAvailable", false);
      ArrayNode ra = routes.putArray("Routes");
      t.routes().forEach(r -> ra.add(route(n, r)));
      out.file("search-transit-gateway-routes." + t.id(), routes);
      out.list("get-transit-gateway-route-table-associations." + t.id(), "Associations", t.associatedAttachmentIds()
          .stream().map(a -> obj().put("TransitGatewayAttachmentId", a).put("State", "associated")).toList());
      out.list("get-transit-gateway-route-table-propagations." + t.id(), "TransitGatewayRouteTablePropagations",
          t.propagatingAttachmentIds().stream()
              .map(a -> obj().put("TransitGatewayAttachmentId", a).put("State", "enabled")).toList());
    }
    out.list("describe-transit-gateway-route-tables", "TransitGatewayRouteTables", tables);
    out.list("describe-vpn-gateways", "VpnGateways", n.vpnGateways().stream().filter(g -> g.region().equals(region))
        .map(TransitExport::vpnGateway).toList());
    out.list("describe-vpn-connections", "VpnConnections", n.vpnConnections().stream()
        .filter(v -> v.region().equals(region)).map(TransitExport::vpnConnection).toList());
    out.list("describe-customer-gateways", "CustomerGateways", n.customerGateways().stream()
        .filter(c -> c.region().equals(region)).map(c -> obj().put("CustomerGatewayId", c.id()).put("State", c.state())
            .put("IpAddress", c.ipAddress()).put("BgpAsn", c.bgpAsn()).put("Type", "ipsec.1")).toList());
  }

  private static ObjectNode peering(VpcPeeringConnection p) {
    ObjectNode o = obj().put("VpcPeeringConnectionId", p.id());
    o.putObject("Status").put("Code", p.status());
    side(o.putObject("RequesterVpcInfo"), p.requester());
    side(o.putObject("AccepterVpcInfo"), p.accepter());
    return o;
  }

  private static void side(ObjectNode o, VpcPeeringConnection.Side s) {
    o.put("VpcId", s.vpcId()).put("OwnerId", s.ownerId()).put("Region", s.region());
    List<Cidr> v4 = s.cidrBlocks().stream().filter(c -> !c.ipv6()).toList();
    if (!v4.isEmpty()) o.put("CidrBlock", v4.get(0).toString());
    ArrayNode set = o.putArray("CidrBlockSet");
    v4.forEach(c -> set.addObject().put("CidrBlock", c.toString()));
    ArrayNode set6 = o.putArray("Ipv6CidrBlockSet");
    s.cidrBlocks().stream().filter(Cidr::ipv6).forEach(c -> set6.addObject().put("Ipv6CidrBlock", c.toString()));
  }

  private static ObjectNode transitGateway(TransitGateway t) {
    ObjectNode o = obj().put("TransitGatewayId", t.id()).put("State", t.state()).put("OwnerId", t.ownerId());
    ObjectNode opt = o.putObject("Options").put("DefaultRouteTableAssociation", enable(t.defaultRouteTableAssociation()))
        .put("DefaultRouteTablePropagation", enable(t.defaultRouteTablePropagation()))
        .put("SecurityGroupReferencingSupport", enable(t.securityGroupReferencingSupport()));
    t.associationDefaultRouteTableId().ifPresent(v -> opt.put("AssociationDefaultRouteTableId", v));
    t.propagationDefaultRouteTableId().ifPresent(v -> opt.put("PropagationDefaultRouteTableId", v));
    tags(o, t.tags());
    return o;
  }

  private static String enable(boolean b) { return b ? "enable" : "disable"; }

  private static ObjectNode attachment(TransitGatewayAttachment a) {
    ObjectNode o = obj().put("TransitGatewayAttachmentId", a.id()).put("TransitGatewayId", a.transitGatewayId())
        .put("ResourceType", a.resourceType().wire()).put("ResourceId", a.resourceId()).put("State", a.state());
    a.associatedRouteTableId().ifPresent(r -> o.putObject("Association").put("TransitGatewayRouteTableId", r)
        .put("State", "associated"));
    tags(o, a.tags());
    return o;
  }

  private static ObjectNode route(Network n, TransitGatewayRouteTable.Route r) {
    ObjectNode o = obj();
    switch (r.destination()) {
      case RouteDestination.Cidr c -> o.put("DestinationCidrBlock", c.block().toString());
      case RouteDestination.PrefixList pl -> o.put("PrefixListId", pl.prefixListId());
    }
    o.put("Type", r.type()).put("State", r.state().wire());
    ArrayNode atts = o.putArray("TransitGatewayAttachments");
    if (!r.attachmentId().isEmpty()) {
      String resource = n.transitGatewayAttachments().stream().filter(a -> a.id().equals(r.attachmentId()))
          .map(TransitGatewayAttachment::resourceId).findFirst().orElse("");
      atts.addObject().put("TransitGatewayAttachmentId", r.attachmentId()).put("ResourceId", resource)
          .put("ResourceType", r.resourceType().wire());
    }
    return o;
  }

  private static ObjectNode vpnGateway(VpnGateway g) {
    ObjectNode o = obj().put("VpnGatewayId", g.id()).put("State", g.state()).put("Type", "ipsec.1");
    ArrayNode a = o.putArray("VpcAttachments");
    g.attachedVpcIds().forEach(v -> a.addObject().put("State", "attached").put("VpcId", v));
    return o;
  }

  private static ObjectNode vpnConnection(VpnConnection v) {
    ObjectNode o = obj().put("VpnConnectionId", v.id()).put("State", v.state()).put("CustomerGatewayId", v.customerGatewayId())
        .put("Type", "ipsec.1");
    v.vpnGatewayId().ifPresent(g -> o.put("VpnGatewayId", g));
    v.transitGatewayId().ifPresent(g -> o.put("TransitGatewayId", g));
    ArrayNode routes = o.putArray("Routes");
    v.staticRoutes().forEach(r -> routes.addObject().put("DestinationCidrBlock", r.toString()).put("Source", "Static")
        .put("State", "available"));
    return o;
  }
}
