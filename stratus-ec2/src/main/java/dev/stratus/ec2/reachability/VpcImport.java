package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.Vpc.CidrAssociation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the VPC-level describe outputs: {@code describe-vpcs}, {@code describe-subnets},
 * {@code describe-route-tables}, {@code describe-network-acls}, {@code describe-security-groups},
 * {@code describe-security-group-rules}.
 */
final class VpcImport {
  private VpcImport() {}

  /** A record and where it lives. */
  record Placed<T>(T resource, Placement placement) {}

  /**
   * VPCs as the control plane stores them. The main route table, default NACL and default group
   * ids and the DNS attributes come from other files and are filled in by {@link ReachabilityImport}.
   */
  static List<Placed<Vpc>> vpcs(DescribeFile f, JsonNode root) {
    List<Placed<Vpc>> out = new ArrayList<>();
    for (JsonNode v : f.list(root, "Vpcs")) {
      String id = f.text(v, "", "VpcId");
      Cidr primary = f.cidr(v, id, "CidrBlock");
      List<CidrAssociation> v4 = new ArrayList<>();
      for (JsonNode a : f.array(v, id, "CidrBlockAssociationSet")) {
        v4.add(association(f, a, id, "CidrBlockAssociationSet.CidrBlock", "CidrBlockState"));
      }
      if (v4.stream().noneMatch(a -> a.cidr().equals(primary))) v4.add(0, new CidrAssociation("", primary, "associated"));
      List<CidrAssociation> v6 = new ArrayList<>();
      for (JsonNode a : f.array(v, id, "Ipv6CidrBlockAssociationSet")) {
        v6.add(association(f, a, id, "Ipv6CidrBlockAssociationSet.Ipv6CidrBlock", "Ipv6CidrBlockState"));
      }
      boolean isDefault = f.bool(v, id, "IsDefault", false);
      out.add(new Placed<>(new Vpc(id, v4, v6, isDefault, f.optText(v, id, "InstanceTenancy").orElse("default"),
          f.optText(v, id, "DhcpOptionsId").orElse("default"), true, isDefault, null, null, null),
          new Placement(f.region, f.optText(v, id, "OwnerId").orElse(""), f.tags(v, id))));
    }
    return out;
  }

  private static CidrAssociation association(DescribeFile f, JsonNode a, String id, String cidrField, String stateField) {
    JsonNode st = a.get(stateField);
    String state = st == null ? "associated" : f.optText(st, id, stateField + ".State").orElse("associated");
    return new CidrAssociation(f.optText(a, id, "AssociationId").orElse(""), f.cidr(a, id, cidrField), state);
  }

  /** Subnets as the control plane stores them (their route table and NACL are the index's to resolve). */
  static List<Placed<Subnet>> subnets(DescribeFile f, JsonNode root) {
    List<Placed<Subnet>> out = new ArrayList<>();
    for (JsonNode s : f.list(root, "Subnets")) {
      String id = f.text(s, "", "SubnetId");
      List<CidrAssociation> v6 = new ArrayList<>();
      for (JsonNode a : f.array(s, id, "Ipv6CidrBlockAssociationSet")) {
        v6.add(association(f, a, id, "Ipv6CidrBlockAssociationSet.Ipv6CidrBlock", "Ipv6CidrBlockState"));
      }
      out.add(new Placed<>(new Subnet(id, f.text(s, id, "VpcId"), f.cidr(s, id, "CidrBlock"), v6,
          f.text(s, id, "AvailabilityZone"), f.optText(s, id, "AvailabilityZoneId").orElse(null),
          f.bool(s, id, "DefaultForAz", false), f.bool(s, id, "MapPublicIpOnLaunch", false),
          f.bool(s, id, "AssignIpv6AddressOnCreation", false)),
          new Placement(f.region, f.optText(s, id, "OwnerId").orElse(""), f.tags(s, id))));
    }
    return out;
  }

  /** Route tables as stored: routes, associations (main, subnet, edge gateway) and propagating VGWs. */
  static List<Placed<RouteTable>> routeTables(DescribeFile f, JsonNode root) {
    List<Placed<RouteTable>> out = new ArrayList<>();
    for (JsonNode t : f.list(root, "RouteTables")) {
      String id = f.text(t, "", "RouteTableId");
      List<RouteTable.Route> routes = new ArrayList<>();
      for (JsonNode r : f.array(t, id, "Routes")) routes.add(route(f, r, id));
      List<RouteTable.Association> associations = new ArrayList<>();
      for (JsonNode a : f.array(t, id, "Associations")) {
        JsonNode state = a.get("AssociationState");
        if (state != null && state.isObject()
            && !f.optText(state, id, "Associations.AssociationState.State").map("associated"::equals).orElse(true)) {
          continue;
        }
        associations.add(new RouteTable.Association(
            f.optText(a, id, "Associations.RouteTableAssociationId").orElse(""), f.bool(a, id, "Associations.Main", false),
            f.optText(a, id, "SubnetId").orElse(null), f.optText(a, id, "GatewayId").orElse(null)));
      }
      List<String> vgws = new ArrayList<>();
      for (JsonNode g : f.array(t, id, "PropagatingVgws")) f.optText(g, id, "PropagatingVgws.GatewayId").ifPresent(vgws::add);
      out.add(new Placed<>(new RouteTable(id, f.text(t, id, "VpcId"), routes, associations, vgws),
          new Placement(f.region, f.optText(t, id, "OwnerId").orElse(""), f.tags(t, id))));
    }
    return out;
  }

  private static RouteTable.Route route(DescribeFile f, JsonNode r, String id) {
    RouteTable.Destination dst;
    Optional<Cidr> v4 = f.optCidr(r, id, "Routes.DestinationCidrBlock");
    Optional<Cidr> v6 = f.optCidr(r, id, "Routes.DestinationIpv6CidrBlock");
    Optional<String> pl = f.optText(r, id, "Routes.DestinationPrefixListId");
    if (v4.isPresent()) dst = new RouteTable.CidrDestination(v4.get());
    else if (v6.isPresent()) dst = new RouteTable.CidrDestination(v6.get());
    else if (pl.isPresent()) dst = new RouteTable.PrefixListDestination(pl.get());
    else throw f.bad(id, "Routes.DestinationCidrBlock", "a route needs a destination CIDR block or prefix list");
    RouteTable.Origin origin = r.has("Origin")
        ? f.enumValue(r, id, "Origin", RouteTable.Origin::fromAws) : RouteTable.Origin.CREATE_ROUTE;
    RouteTable.State state = r.has("State")
        ? f.enumValue(r, id, "State", RouteTable.State::fromAws) : RouteTable.State.ACTIVE;
    return new RouteTable.Route(dst, target(f, r, id), origin, state);
  }

  /** The route's target; one Stratus does not model is {@link RouteTarget.Unmodelled} (its traffic drops). */
  private static RouteTarget target(DescribeFile f, JsonNode r, String id) {
    Optional<String> gw = f.optText(r, id, "Routes.GatewayId");
    if (gw.isPresent()) {
      String g = gw.get();
      if (g.equals("local")) return new RouteTarget.Local();
      if (g.startsWith("igw-")) return new RouteTarget.InternetGateway(g);
      if (g.startsWith("vgw-")) return new RouteTarget.VpnGateway(g);
      if (g.startsWith("vpce-")) return new RouteTarget.GatewayEndpoint(g);
      return new RouteTarget.Unmodelled(g);
    }
    Optional<String> v;
    if ((v = f.optText(r, id, "NatGatewayId")).isPresent()) return new RouteTarget.NatGateway(v.get());
    if ((v = f.optText(r, id, "TransitGatewayId")).isPresent()) return new RouteTarget.TransitGateway(v.get());
    if ((v = f.optText(r, id, "VpcPeeringConnectionId")).isPresent()) return new RouteTarget.PeeringConnection(v.get());
    if ((v = f.optText(r, id, "EgressOnlyInternetGatewayId")).isPresent()) {
      return new RouteTarget.EgressOnlyInternetGateway(v.get());
    }
    if ((v = f.optText(r, id, "NetworkInterfaceId")).isPresent()) {
      return new RouteTarget.NetworkInterface(v.get(), f.optText(r, id, "InstanceId").orElse(null));
    }
    if ((v = f.optText(r, id, "InstanceId")).isPresent()) return new RouteTarget.Unmodelled(v.get());
    for (String other : List.of("CarrierGatewayId", "LocalGatewayId", "CoreNetworkArn")) {
      if ((v = f.optText(r, id, other)).isPresent()) return new RouteTarget.Unmodelled(v.get());
    }
    return new RouteTarget.Unmodelled("");
  }

  /** Network ACLs as stored: entries (ports and ICMP type/code only when AWS prints them) and subnet associations. */
  static List<Placed<NetworkAcl>> networkAcls(DescribeFile f, JsonNode root) {
    List<Placed<NetworkAcl>> out = new ArrayList<>();
    for (JsonNode a : f.list(root, "NetworkAcls")) {
      String id = f.text(a, "", "NetworkAclId");
      List<NetworkAcl.Entry> entries = new ArrayList<>();
      for (JsonNode e : f.array(a, id, "Entries")) {
        int n = f.optInt(e, id, "Entries.RuleNumber").orElseThrow(() -> f.bad(id, "Entries.RuleNumber", "missing"));
        Optional<Cidr> v4 = f.optCidr(e, id, "Entries.CidrBlock");
        Optional<Cidr> v6 = f.optCidr(e, id, "Entries.Ipv6CidrBlock");
        if (v4.isPresent() == v6.isPresent()) {
          throw f.bad(id, "Entries.CidrBlock", "entry " + n + " needs exactly one of CidrBlock and Ipv6CidrBlock");
        }
        PortRange ports = null;
        JsonNode pr = e.get("PortRange");
        if (pr != null && !pr.isNull()) ports = portRange(f, pr, id, "Entries.PortRange.From", "Entries.PortRange.To");
        int icmpType = -1, icmpCode = -1;
        JsonNode icmp = e.get("IcmpTypeCode");
        if (icmp != null && icmp.isObject()) {
          icmpType = f.optInt(icmp, id, "Entries.IcmpTypeCode.Type").orElse(-1);
          icmpCode = f.optInt(icmp, id, "Entries.IcmpTypeCode.Code").orElse(-1);
        }
        entries.add(new NetworkAcl.Entry(n, f.bool(e, id, "Egress", false), f.text(e, id, "Protocol"),
            f.enumValue(e, id, "RuleAction", NetworkAcl.RuleAction::fromAws), v4.orElseGet(v6::get), ports,
            icmpType, icmpCode));
      }
      List<NetworkAcl.Association> associations = new ArrayList<>();
      for (JsonNode x : f.array(a, id, "Associations")) {
        f.optText(x, id, "Associations.SubnetId").ifPresent(s -> associations.add(new NetworkAcl.Association(
            f.optText(x, id, "Associations.NetworkAclAssociationId").orElse(""), s)));
      }
      out.add(new Placed<>(new NetworkAcl(id, f.text(a, id, "VpcId"), f.bool(a, id, "IsDefault", false), entries,
          associations), new Placement(f.region, f.optText(a, id, "OwnerId").orElse(""), f.tags(a, id))));
    }
    return out;
  }

  /**
   * Security groups as stored, their rules read from the {@code IpPermissions} (one rule per peer,
   * in the console's order: CIDRs, IPv6, lists, groups). describe-security-groups prints no rule
   * ids, so each rule gets {@link #mintedRuleId}; {@link ReachabilityImport} replaces them with
   * describe-security-group-rules' when that file is there.
   */
  static List<Placed<SecurityGroup>> securityGroups(DescribeFile f, JsonNode root) {
    List<Placed<SecurityGroup>> out = new ArrayList<>();
    for (JsonNode g : f.list(root, "SecurityGroups")) {
      String id = f.text(g, "", "GroupId");
      List<SecurityGroup.Rule> rules = new ArrayList<>();
      permissions(f, g, id, "IpPermissions", false, rules);
      permissions(f, g, id, "IpPermissionsEgress", true, rules);
      out.add(new Placed<>(new SecurityGroup(id, f.optText(g, id, "GroupName").orElse(""),
          f.optText(g, id, "Description").orElse(""), f.optText(g, id, "VpcId").orElse(""), rules),
          new Placement(f.region, f.optText(g, id, "OwnerId").orElse(""), f.tags(g, id))));
    }
    return out;
  }

  private static void permissions(DescribeFile f, JsonNode g, String id, String field, boolean egress,
      List<SecurityGroup.Rule> out) {
    for (JsonNode p : f.array(g, id, field)) {
      String proto = f.text(p, id, field + ".IpProtocol");
      int from = f.optInt(p, id, field + ".FromPort").orElse(-1);
      int to = f.optInt(p, id, field + ".ToPort").orElse(-1);
      checkPorts(f, id, field, proto, from, to);
      List<SecurityGroup.Peer> peers = new ArrayList<>();
      List<String> descriptions = new ArrayList<>();
      for (JsonNode r : f.array(p, id, "IpRanges")) {
        peers.add(new SecurityGroup.CidrPeer(f.cidr(r, id, field + ".IpRanges.CidrIp")));
        descriptions.add(desc(f, r, id));
      }
      for (JsonNode r : f.array(p, id, "Ipv6Ranges")) {
        peers.add(new SecurityGroup.CidrPeer(f.cidr(r, id, field + ".Ipv6Ranges.CidrIpv6")));
        descriptions.add(desc(f, r, id));
      }
      for (JsonNode r : f.array(p, id, "PrefixListIds")) {
        peers.add(new SecurityGroup.PrefixListPeer(f.text(r, id, field + ".PrefixListIds.PrefixListId")));
        descriptions.add(desc(f, r, id));
      }
      for (JsonNode r : f.array(p, id, "UserIdGroupPairs")) {
        peers.add(new SecurityGroup.GroupPeer(f.text(r, id, field + ".UserIdGroupPairs.GroupId"),
            f.optText(r, id, field + ".UserIdGroupPairs.UserId").orElse(null)));
        descriptions.add(desc(f, r, id));
      }
      for (int k = 0; k < peers.size(); k++) {
        out.add(new SecurityGroup.Rule(mintedRuleId(id, egress, proto, from, to, peers.get(k)), egress, proto, from, to,
            peers.get(k), descriptions.get(k)));
      }
    }
  }

  /**
   * describe-security-group-rules: the rules with AWS's ids ({@code sgr-…}), by group id, in the
   * file's order.
   */
  static List<Map.Entry<String, SecurityGroup.Rule>> securityGroupRules(DescribeFile f, JsonNode root) {
    List<Map.Entry<String, SecurityGroup.Rule>> out = new ArrayList<>();
    for (JsonNode r : f.list(root, "SecurityGroupRules")) {
      String id = f.text(r, "", "SecurityGroupRuleId");
      String group = f.text(r, id, "GroupId");
      String proto = f.text(r, id, "IpProtocol");
      int from = f.optInt(r, id, "FromPort").orElse(-1);
      int to = f.optInt(r, id, "ToPort").orElse(-1);
      checkPorts(f, id, "", proto, from, to);
      SecurityGroup.Peer peer;
      Optional<Cidr> v4 = f.optCidr(r, id, "CidrIpv4");
      Optional<Cidr> v6 = f.optCidr(r, id, "CidrIpv6");
      Optional<String> list = f.optText(r, id, "PrefixListId");
      JsonNode ref = r.get("ReferencedGroupInfo");
      if (v4.isPresent()) peer = new SecurityGroup.CidrPeer(v4.get());
      else if (v6.isPresent()) peer = new SecurityGroup.CidrPeer(v6.get());
      else if (list.isPresent()) peer = new SecurityGroup.PrefixListPeer(list.get());
      else if (ref != null && ref.isObject()) {
        peer = new SecurityGroup.GroupPeer(f.text(ref, id, "ReferencedGroupInfo.GroupId"),
            f.optText(ref, id, "ReferencedGroupInfo.UserId").orElse(null));
      } else {
        throw f.bad(id, "CidrIpv4", "needs one of CidrIpv4, CidrIpv6, PrefixListId and ReferencedGroupInfo");
      }
      out.add(Map.entry(group, new SecurityGroup.Rule(id, f.bool(r, id, "IsEgress", false), proto, from, to, peer,
          f.optText(r, id, "Description").orElse(null))));
    }
    return out;
  }

  /**
   * A rule id for a rule read from describe-security-groups, which prints none: {@code sgr-} and
   * 17 hex digits (AWS's form) of a SHA-256 over the group and the permission, so the same dump
   * imports to the same ids every time, and two rules of a group never share one (AWS refuses a
   * duplicate permission, InvalidPermission.Duplicate).
   */
  static String mintedRuleId(String groupId, boolean egress, String protocol, int from, int to, SecurityGroup.Peer peer) {
    String peerText = switch (peer) {
      case SecurityGroup.CidrPeer c -> c.cidr().toString();
      case SecurityGroup.PrefixListPeer pl -> pl.prefixListId();
      case SecurityGroup.GroupPeer ref -> ref.groupId();
    };
    String key = groupId + "|" + (egress ? "egress" : "ingress") + "|" + protocol + "|" + from + "|" + to + "|" + peerText;
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sgr-" + java.util.HexFormat.of().formatHex(digest).substring(0, 17);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /** A TCP or UDP permission with ports needs a valid range. */
  private static void checkPorts(DescribeFile f, String id, String field, String proto, int from, int to) {
    String p = proto.toLowerCase(java.util.Locale.ROOT);
    boolean ports = p.equals("tcp") || p.equals("udp") || p.equals("6") || p.equals("17");
    if (!ports || from < 0) return;
    String where = field.isEmpty() ? "FromPort" : field + ".FromPort";
    if (to < 0) throw f.bad(id, field.isEmpty() ? "ToPort" : field + ".ToPort", "missing");
    try {
      new PortRange(from, to);
    } catch (IllegalArgumentException e) {
      throw f.bad(id, where, e.getMessage());
    }
  }

  private static String desc(DescribeFile f, JsonNode r, String id) {
    return f.optText(r, id, "Description").orElse(null);
  }

  private static PortRange portRange(DescribeFile f, JsonNode n, String id, String fromField, String toField) {
    String fromKey = fromField.substring(fromField.lastIndexOf('.') + 1);
    String toKey = toField.substring(toField.lastIndexOf('.') + 1);
    int from = f.optInt(n, id, fromKey).orElseThrow(() -> f.bad(id, fromField, "missing"));
    int to = f.optInt(n, id, toKey).orElseThrow(() -> f.bad(id, toField, "missing"));
    if (from == -1 && to == -1) return PortRange.ALL;
    if (to == -1) to = from;
    try {
      return new PortRange(from, to);
    } catch (IllegalArgumentException e) {
      throw f.bad(id, fromField, e.getMessage());
    }
  }
}
