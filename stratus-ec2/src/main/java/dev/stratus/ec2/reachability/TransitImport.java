package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads what joins networks: {@code describe-vpc-peering-connections}, the transit gateway
 * outputs ({@code describe-transit-gateways}, {@code -attachments}, {@code -route-tables},
 * {@code search-transit-gateway-routes}, {@code get-transit-gateway-route-table-associations} and
 * {@code -propagations}) and the VPN outputs ({@code describe-vpn-gateways},
 * {@code describe-vpn-connections}, {@code describe-customer-gateways}).
 */
final class TransitImport {
  private TransitImport() {}

  static List<VpcPeeringConnection> peerings(DescribeFile f, JsonNode root) {
    List<VpcPeeringConnection> out = new ArrayList<>();
    for (JsonNode p : f.list(root, "VpcPeeringConnections")) {
      String id = f.text(p, "", "VpcPeeringConnectionId");
      JsonNode st = p.get("Status");
      if (st == null) throw f.bad(id, "Status", "missing");
      out.add(new VpcPeeringConnection(id, side(f, p, id, "RequesterVpcInfo"), side(f, p, id, "AccepterVpcInfo"),
          f.text(st, id, "Status.Code"), f.optText(st, id, "Status.Message").orElse(null),
          f.optText(p, id, "ExpirationTime").map(java.time.Instant::parse).orElse(null)));
    }
    return out;
  }

  private static VpcPeeringConnection.Side side(DescribeFile f, JsonNode p, String id, String field) {
    JsonNode s = p.get(field);
    if (s == null || !s.isObject()) throw f.bad(id, field, "missing");
    List<Cidr> cidrs = new ArrayList<>();
    f.optCidr(s, id, field + ".CidrBlock").ifPresent(cidrs::add);
    for (JsonNode c : f.array(s, id, "CidrBlockSet")) {
      Cidr b = f.cidr(c, id, field + ".CidrBlockSet.CidrBlock");
      if (!cidrs.contains(b)) cidrs.add(b);
    }
    for (JsonNode c : f.array(s, id, "Ipv6CidrBlockSet")) cidrs.add(f.cidr(c, id, field + ".Ipv6CidrBlockSet.Ipv6CidrBlock"));
    return new VpcPeeringConnection.Side(f.optText(s, id, "OwnerId").orElse(""), f.text(s, id, field + ".VpcId"),
        f.optText(s, id, "Region").orElse(f.region), cidrs);
  }

  /** Transit gateways as stored; options the file leaves out take AWS's defaults. */
  static List<VpcImport.Placed<TransitGateway>> transitGateways(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<TransitGateway>> out = new ArrayList<>();
    TransitGateway.Options d = TransitGateway.Options.defaults();
    for (JsonNode t : f.list(root, "TransitGateways")) {
      String id = f.text(t, "", "TransitGatewayId");
      JsonNode o = t.get("Options");
      if (o == null || !o.isObject()) throw f.bad(id, "Options", "missing");
      var options = new TransitGateway.Options(f.optLong(o, id, "Options.AmazonSideAsn").orElse(d.amazonSideAsn()),
          opt(f, o, id, "AutoAcceptSharedAttachments", d.autoAcceptSharedAttachments()),
          opt(f, o, id, "DefaultRouteTableAssociation", d.defaultRouteTableAssociation()),
          opt(f, o, id, "DefaultRouteTablePropagation", d.defaultRouteTablePropagation()),
          opt(f, o, id, "VpnEcmpSupport", d.vpnEcmpSupport()), opt(f, o, id, "DnsSupport", d.dnsSupport()),
          opt(f, o, id, "SecurityGroupReferencingSupport", d.securityGroupReferencingSupport()),
          opt(f, o, id, "MulticastSupport", d.multicastSupport()));
      out.add(new VpcImport.Placed<>(new TransitGateway(id, f.optText(t, id, "Description").orElse(null),
          f.text(t, id, "State"), f.optText(t, id, "CreationTime").map(java.time.Instant::parse).orElse(null), options,
          f.optText(o, id, "AssociationDefaultRouteTableId").orElse(null),
          f.optText(o, id, "PropagationDefaultRouteTableId").orElse(null)),
          new Placement(f.region, f.optText(t, id, "OwnerId").orElse(""), f.tags(t, id))));
    }
    return out;
  }

  private static String opt(DescribeFile f, JsonNode o, String id, String field, String dflt) {
    return f.optText(o, id, "Options." + field).orElse(dflt);
  }

  static List<TransitGatewayAttachment> attachments(DescribeFile f, JsonNode root) {
    List<TransitGatewayAttachment> out = new ArrayList<>();
    for (JsonNode a : f.list(root, "TransitGatewayAttachments")) {
      String id = f.text(a, "", "TransitGatewayAttachmentId");
      JsonNode assoc = a.get("Association");
      Optional<String> rtb = Optional.empty();
      if (assoc != null && !assoc.isNull()
          && f.optText(assoc, id, "Association.State").map("associated"::equals).orElse(true)) {
        rtb = f.optText(assoc, id, "TransitGatewayRouteTableId");
      }
      out.add(new TransitGatewayAttachment(id, f.region, f.text(a, id, "TransitGatewayId"),
          f.enumValue(a, id, "ResourceType", TransitGatewayAttachment.ResourceType::fromAws),
          f.text(a, id, "ResourceId"), f.text(a, id, "State"), rtb, f.tags(a, id)));
    }
    return out;
  }

  /** Route tables without routes, associations or propagations (those come from per-table files). */
  static List<TransitGatewayRouteTable> routeTables(DescribeFile f, JsonNode root) {
    List<TransitGatewayRouteTable> out = new ArrayList<>();
    for (JsonNode t : f.list(root, "TransitGatewayRouteTables")) {
      String id = f.text(t, "", "TransitGatewayRouteTableId");
      out.add(new TransitGatewayRouteTable(id, f.region, f.text(t, id, "TransitGatewayId"),
          f.bool(t, id, "DefaultAssociationRouteTable", false), f.bool(t, id, "DefaultPropagationRouteTable", false),
          List.of(), List.of(), List.of(), f.tags(t, id)));
    }
    return out;
  }

  /** One {@code search-transit-gateway-routes} output. */
  static List<TransitGatewayRouteTable.Route> routes(DescribeFile f, JsonNode root) {
    List<TransitGatewayRouteTable.Route> out = new ArrayList<>();
    for (JsonNode r : f.list(root, "Routes")) {
      Optional<Cidr> cidr = f.optCidr(r, "", "Routes.DestinationCidrBlock");
      Optional<String> pl = f.optText(r, "", "PrefixListId");
      RouteDestination dst = cidr.<RouteDestination>map(RouteDestination.Cidr::new)
          .or(() -> pl.map(RouteDestination.PrefixList::new))
          .orElseThrow(() -> f.bad("", "Routes.DestinationCidrBlock", "a route needs a destination"));
      String where = dst.toString();
      RouteTable.State state = f.enumValue(r, where, "State", s -> s.equals("active") ? RouteTable.State.ACTIVE
          : s.equals("blackhole") ? RouteTable.State.BLACKHOLE : pendingOrDeleted(s));
      String type = f.text(r, where, "Type");
      List<JsonNode> atts = f.array(r, where, "TransitGatewayAttachments");
      if (atts.isEmpty()) {
        out.add(new TransitGatewayRouteTable.Route(dst, type, RouteTable.State.BLACKHOLE, "",
            TransitGatewayAttachment.ResourceType.VPC));
        continue;
      }
      for (JsonNode a : atts) {
        out.add(new TransitGatewayRouteTable.Route(dst, type, state,
            f.text(a, where, "TransitGatewayAttachments.TransitGatewayAttachmentId"),
            f.enumValue(a, where, "ResourceType", TransitGatewayAttachment.ResourceType::fromAws)));
      }
    }
    return out;
  }

  /** A route that is pending or being deleted forwards nothing: read as blackhole (fail closed). */
  private static RouteTable.State pendingOrDeleted(String s) {
    if (List.of("pending", "deleting", "deleted").contains(s)) return RouteTable.State.BLACKHOLE;
    throw new IllegalArgumentException("unknown transit gateway route State: " + s);
  }

  /** Attachment ids of a {@code get-transit-gateway-route-table-associations} or {@code -propagations} output. */
  static List<String> attachmentIds(DescribeFile f, JsonNode root, String key, String activeState) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : f.list(root, key)) {
      String id = f.text(a, "", "TransitGatewayAttachmentId");
      if (f.optText(a, id, "State").map(activeState::equals).orElse(true)) out.add(id);
    }
    return out;
  }

  /** Virtual private gateways as stored: attached to at most one VPC. */
  static List<VpcImport.Placed<VpnGateway>> vpnGateways(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<VpnGateway>> out = new ArrayList<>();
    for (JsonNode g : f.list(root, "VpnGateways")) {
      String id = f.text(g, "", "VpnGatewayId");
      String vpc = null;
      for (JsonNode a : f.array(g, id, "VpcAttachments")) {
        if (vpc == null && f.optText(a, id, "VpcAttachments.State").map("attached"::equals).orElse(true)) {
          vpc = f.text(a, id, "VpcAttachments.VpcId");
        }
      }
      out.add(new VpcImport.Placed<>(new VpnGateway(id, f.optText(g, id, "Type").orElse("ipsec.1"),
          f.optLong(g, id, "AmazonSideAsn").orElse(64512L), f.text(g, id, "State"), vpc,
          f.optText(g, id, "AvailabilityZone").orElse(null)), new Placement(f.region, "", f.tags(g, id))));
    }
    return out;
  }

  /** Site-to-Site VPN connections as stored (deleted static routes left out). */
  static List<VpcImport.Placed<VpnConnection>> vpnConnections(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<VpnConnection>> out = new ArrayList<>();
    for (JsonNode v : f.list(root, "VpnConnections")) {
      String id = f.text(v, "", "VpnConnectionId");
      List<Cidr> routes = new ArrayList<>();
      for (JsonNode r : f.array(v, id, "Routes")) {
        if (!f.optText(r, id, "Routes.State").map("deleted"::equals).orElse(false)) {
          routes.add(f.cidr(r, id, "Routes.DestinationCidrBlock"));
        }
      }
      JsonNode options = v.get("Options");
      boolean staticOnly = options != null && f.bool(options, id, "Options.StaticRoutesOnly", false);
      List<String> tunnels = new ArrayList<>();
      if (options != null) {
        for (JsonNode t : f.array(options, id, "Options.TunnelOptions")) {
          f.optText(t, id, "Options.TunnelOptions.OutsideIpAddress").ifPresent(tunnels::add);
        }
      }
      out.add(new VpcImport.Placed<>(new VpnConnection(id, f.optText(v, id, "Type").orElse("ipsec.1"),
          f.text(v, id, "CustomerGatewayId"), f.optText(v, id, "VpnGatewayId").orElse(null),
          f.optText(v, id, "TransitGatewayId").orElse(null), f.text(v, id, "State"), staticOnly, tunnels, routes),
          new Placement(f.region, "", f.tags(v, id))));
    }
    return out;
  }

  /** Customer gateways as stored. */
  static List<VpcImport.Placed<CustomerGateway>> customerGateways(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<CustomerGateway>> out = new ArrayList<>();
    for (JsonNode c : f.list(root, "CustomerGateways")) {
      String id = f.text(c, "", "CustomerGatewayId");
      out.add(new VpcImport.Placed<>(new CustomerGateway(id, f.optText(c, id, "Type").orElse("ipsec.1"),
          f.optText(c, id, "IpAddress").orElse(""), f.optLong(c, id, "BgpAsn").orElse(65000L),
          f.optText(c, id, "State").orElse("available"), f.optText(c, id, "DeviceName").orElse(null)),
          new Placement(f.region, "", f.tags(c, id))));
    }
    return out;
  }
}
