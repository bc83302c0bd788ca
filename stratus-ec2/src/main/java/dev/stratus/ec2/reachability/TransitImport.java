package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteState;
import dev.stratus.ec2.model.TransitGatewayRouteTable.RouteType;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.ArrayList;
import java.util.List;
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

  /** Attachments as stored; the association counts only when {@code associated}. */
  static List<VpcImport.Placed<TransitGatewayAttachment>> attachments(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<TransitGatewayAttachment>> out = new ArrayList<>();
    for (JsonNode a : f.list(root, "TransitGatewayAttachments")) {
      String id = f.text(a, "", "TransitGatewayAttachmentId");
      JsonNode assoc = a.get("Association");
      String rtb = null;
      if (assoc != null && !assoc.isNull()
          && f.optText(assoc, id, "Association.State").map("associated"::equals).orElse(true)) {
        rtb = f.optText(assoc, id, "TransitGatewayRouteTableId").orElse(null);
      }
      String owner = f.optText(a, id, "TransitGatewayOwnerId").orElse("");
      out.add(new VpcImport.Placed<>(new TransitGatewayAttachment(id, f.text(a, id, "TransitGatewayId"),
          f.enumValue(a, id, "ResourceType", TransitGatewayAttachment.ResourceType::fromAws),
          f.text(a, id, "ResourceId"), f.optText(a, id, "ResourceOwnerId").orElse(null),
          f.enumValue(a, id, "State", TransitGatewayAttachment.State::fromAws),
          List.of(), rtb, f.optText(a, id, "CreationTime").map(java.time.Instant::parse).orElse(null), null, null,
          null, null, false), new Placement(f.region, owner, f.tags(a, id))));
    }
    return out;
  }

  /**
   * What {@code describe-transit-gateway-vpc-attachments} adds to a VPC attachment: its subnets and
   * options (the generic attachments output has neither).
   */
  record VpcAttachmentOptions(String id, List<String> subnetIds, String applianceModeSupport, String dnsSupport) {}

  static List<VpcAttachmentOptions> vpcAttachmentOptions(DescribeFile f, JsonNode root) {
    List<VpcAttachmentOptions> out = new ArrayList<>();
    for (JsonNode a : f.list(root, "TransitGatewayVpcAttachments")) {
      String id = f.text(a, "", "TransitGatewayAttachmentId");
      List<String> subnets = new ArrayList<>();
      for (JsonNode s : f.array(a, id, "SubnetIds")) subnets.add(s.asString());
      JsonNode o = a.get("Options");
      out.add(new VpcAttachmentOptions(id, subnets,
          o == null ? null : f.optText(o, id, "Options.ApplianceModeSupport").orElse(null),
          o == null ? null : f.optText(o, id, "Options.DnsSupport").orElse(null)));
    }
    return out;
  }

  /** Route tables without routes, associations or propagations (those come from per-table files). */
  static List<VpcImport.Placed<TransitGatewayRouteTable>> routeTables(DescribeFile f, JsonNode root) {
    List<VpcImport.Placed<TransitGatewayRouteTable>> out = new ArrayList<>();
    for (JsonNode t : f.list(root, "TransitGatewayRouteTables")) {
      String id = f.text(t, "", "TransitGatewayRouteTableId");
      out.add(new VpcImport.Placed<>(new TransitGatewayRouteTable(id, f.text(t, id, "TransitGatewayId"),
          f.optText(t, id, "State").orElse("available"),
          f.bool(t, id, "DefaultAssociationRouteTable", false), f.bool(t, id, "DefaultPropagationRouteTable", false),
          f.optText(t, id, "CreationTime").map(java.time.Instant::parse).orElse(null), List.of(), List.of(), List.of()),
          new Placement(f.region, "", f.tags(t, id))));
    }
    return out;
  }

  /** One {@code search-transit-gateway-routes} output. */
  static List<TransitGatewayRouteTable.Route> routes(DescribeFile f, JsonNode root) {
    List<TransitGatewayRouteTable.Route> out = new ArrayList<>();
    for (JsonNode r : f.list(root, "Routes")) {
      Cidr cidr = f.optCidr(r, "", "Routes.DestinationCidrBlock").orElse(null);
      String pl = f.optText(r, "", "PrefixListId").orElse(null);
      if (cidr == null && pl == null) throw f.bad("", "Routes.DestinationCidrBlock", "a route needs a destination");
      String where = cidr != null ? cidr.toString() : pl;
      RouteState state = f.enumValue(r, where, "State", RouteState::fromAws);
      RouteType type = f.enumValue(r, where, "Type", RouteType::fromAws);
      List<JsonNode> atts = f.array(r, where, "TransitGatewayAttachments");
      if (atts.isEmpty()) { // no target: a blackhole, whatever the state says
        out.add(new TransitGatewayRouteTable.Route(cidr, null, type, RouteState.BLACKHOLE, pl));
        continue;
      }
      for (JsonNode a : atts) { // ECMP: one stored route per attachment
        out.add(new TransitGatewayRouteTable.Route(cidr,
            f.text(a, where, "TransitGatewayAttachments.TransitGatewayAttachmentId"), type, state, pl));
      }
    }
    return out;
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
