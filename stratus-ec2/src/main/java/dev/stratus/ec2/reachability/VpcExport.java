package dev.stratus.ec2.reachability;

import dev.stratus.core.net.PortRange;
import dev.stratus.core.net.Cidr;
import static dev.stratus.ec2.reachability.ReachabilityExport.ids;
import static dev.stratus.ec2.reachability.ReachabilityExport.obj;
import static dev.stratus.ec2.reachability.ReachabilityExport.strings;
import static dev.stratus.ec2.reachability.ReachabilityExport.tags;
import static dev.stratus.ec2.reachability.ReachabilityExport.union;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the VPC-level and interface-level describe outputs of one Region (the reverse of
 * {@link VpcImport} and {@link InterfaceImport}).
 */
final class VpcExport {
  private VpcExport() {}

  static void write(Network n, Predicate<String> here, ReachabilityExport.Out out) {
    List<ObjectNode> vpcs = new ArrayList<>();
    for (Vpc v : n.vpcs()) {
      if (!here.test(v.region())) continue;
      ObjectNode o = obj().put("VpcId", v.id()).put("OwnerId", v.ownerId()).put("IsDefault", v.isDefault())
          .put("State", "available");
      List<Cidr> v4 = v.cidrBlocks().stream().filter(c -> !c.ipv6()).toList();
      if (!v4.isEmpty()) o.put("CidrBlock", v4.get(0).toString());
      ArrayNode set = o.putArray("CidrBlockAssociationSet");
      v4.forEach(c -> set.addObject().put("CidrBlock", c.toString()).putObject("CidrBlockState").put("State", "associated"));
      ArrayNode set6 = o.putArray("Ipv6CidrBlockAssociationSet");
      v.cidrBlocks().stream().filter(Cidr::ipv6).forEach(c -> set6.addObject().put("Ipv6CidrBlock", c.toString())
          .putObject("Ipv6CidrBlockState").put("State", "associated"));
      tags(o, v.tags());
      vpcs.add(o);
      out.file("describe-vpc-attribute." + v.id() + ".enableDnsSupport",
          obj().put("VpcId", v.id()).set("EnableDnsSupport", obj().put("Value", v.enableDnsSupport())));
      out.file("describe-vpc-attribute." + v.id() + ".enableDnsHostnames",
          obj().put("VpcId", v.id()).set("EnableDnsHostnames", obj().put("Value", v.enableDnsHostnames())));
    }
    out.list("describe-vpcs", "Vpcs", vpcs);
    out.list("describe-subnets", "Subnets", n.subnets().stream().filter(s -> here.test(s.region())).map(VpcExport::subnet).toList());
    out.list("describe-route-tables", "RouteTables",
        n.routeTables().stream().filter(t -> here.test(t.region())).map(t -> routeTable(n, t)).toList());
    out.list("describe-network-acls", "NetworkAcls",
        n.networkAcls().stream().filter(a -> here.test(a.region())).map(a -> networkAcl(n, a)).toList());
    out.list("describe-security-groups", "SecurityGroups",
        n.securityGroups().stream().filter(g -> here.test(g.region())).map(VpcExport::securityGroup).toList());
    out.list("describe-network-interfaces", "NetworkInterfaces",
        n.networkInterfaces().stream().filter(e -> here.test(e.region())).map(VpcExport::networkInterface).toList());
    List<ObjectNode> instances = n.instances().stream().filter(i -> here.test(i.region())).map(i -> instance(n, i)).toList();
    if (!instances.isEmpty()) {
      ObjectNode res = obj();
      ArrayNode a = res.putArray("Instances");
      instances.forEach(a::add);
      out.list("describe-instances", "Reservations", List.of(res));
    }
    out.list("describe-internet-gateways", "InternetGateways", n.internetGateways().stream()
        .filter(g -> here.test(g.region())).map(VpcExport::internetGateway).toList());
    out.list("describe-nat-gateways", "NatGateways", n.natGateways().stream()
        .filter(g -> here.test(g.region())).map(VpcExport::natGateway).toList());
    out.list("describe-vpc-endpoints", "VpcEndpoints", n.vpcEndpoints().stream()
        .filter(e -> here.test(e.region())).map(VpcExport::vpcEndpoint).toList());
    List<ObjectNode> lists = new ArrayList<>();
    for (ManagedPrefixList pl : n.managedPrefixLists()) {
      if (!here.test(pl.region())) continue;
      lists.add(obj().put("PrefixListId", pl.id()).put("PrefixListName", pl.prefixListName())
          .put("AddressFamily", pl.addressFamily()).put("State", "create-complete"));
      out.list("get-managed-prefix-list-entries." + pl.id(), "Entries",
          pl.entries().stream().map(c -> obj().put("Cidr", c.toString())).toList());
      if (pl.entries().isEmpty()) out.file("get-managed-prefix-list-entries." + pl.id(), obj().set("Entries", obj().arrayNode()));
    }
    out.list("describe-managed-prefix-lists", "PrefixLists", lists);
  }

  private static ObjectNode subnet(Subnet s) {
    ObjectNode o = obj().put("SubnetId", s.id()).put("VpcId", s.vpcId()).put("CidrBlock", s.cidrBlock().toString())
        .put("AvailabilityZone", s.availabilityZone());
    ArrayNode a = o.putArray("Ipv6CidrBlockAssociationSet");
    s.ipv6CidrBlock().ifPresent(c -> a.addObject().put("Ipv6CidrBlock", c.toString()));
    tags(o, s.tags());
    return o;
  }

  private static ObjectNode routeTable(Network n, RouteTable t) {
    ObjectNode o = obj().put("RouteTableId", t.id()).put("VpcId", t.vpcId());
    ArrayNode routes = o.putArray("Routes");
    for (RouteTable.Route r : t.routes()) {
      ObjectNode ro = routes.addObject();
      switch (r.destination()) {
        case RouteDestination.Cidr c -> ro.put(c.block().ipv6() ? "DestinationIpv6CidrBlock" : "DestinationCidrBlock",
            c.block().toString());
        case RouteDestination.PrefixList pl -> ro.put("DestinationPrefixListId", pl.prefixListId());
      }
      switch (r.target()) {
        case RouteTarget.Local l -> ro.put("GatewayId", "local");
        case RouteTarget.InternetGateway g -> ro.put("GatewayId", g.id());
        case RouteTarget.VirtualPrivateGateway g -> ro.put("GatewayId", g.id());
        case RouteTarget.GatewayEndpoint g -> ro.put("GatewayId", g.id());
        case RouteTarget.EgressOnlyInternetGateway g -> ro.put("EgressOnlyInternetGatewayId", g.id());
        case RouteTarget.NatGateway g -> ro.put("NatGatewayId", g.id());
        case RouteTarget.TransitGateway g -> ro.put("TransitGatewayId", g.id());
        case RouteTarget.VpcPeeringConnection g -> ro.put("VpcPeeringConnectionId", g.id());
        case RouteTarget.NetworkInterface g -> ro.put("NetworkInterfaceId", g.id());
        case RouteTarget.Blackhole b -> { if (!b.id().isEmpty()) ro.put("GatewayId", b.id()); }
      }
      ro.put("Origin", r.origin().wire()).put("State", r.state().wire());
    }
    ArrayNode assoc = o.putArray("Associations");
    if (t.main()) assoc.addObject().put("Main", true).put("RouteTableId", t.id());
    List<String> subnets = union(t.subnetIds(), n.subnets().stream()
        .filter(s -> !t.main() && s.routeTableId().equals(java.util.Optional.of(t.id()))).map(Subnet::id).toList());
    subnets.forEach(s -> assoc.addObject().put("Main", false).put("RouteTableId", t.id()).put("SubnetId", s));
    tags(o, t.tags());
    return o;
  }

  private static ObjectNode networkAcl(Network n, NetworkAcl a) {
    ObjectNode o = obj().put("NetworkAclId", a.id()).put("VpcId", a.vpcId()).put("IsDefault", a.isDefault());
    ArrayNode entries = o.putArray("Entries");
    for (NetworkAcl.Entry e : a.entries()) {
      ObjectNode eo = entries.addObject().put("RuleNumber", e.ruleNumber()).put("Protocol", e.protocol())
          .put("RuleAction", e.action().wire()).put("Egress", e.egress())
          .put(e.cidrBlock().ipv6() ? "Ipv6CidrBlock" : "CidrBlock", e.cidrBlock().toString());
      if (!e.ports().equals(PortRange.ALL)) eo.putObject("PortRange").put("From", e.ports().from()).put("To", e.ports().to());
    }
    List<String> subnets = union(a.subnetIds(), n.subnets().stream()
        .filter(s -> !a.isDefault() && s.networkAclId().equals(java.util.Optional.of(a.id()))).map(Subnet::id).toList());
    ArrayNode assoc = o.putArray("Associations");
    subnets.forEach(s -> assoc.addObject().put("NetworkAclId", a.id()).put("SubnetId", s));
    tags(o, a.tags());
    return o;
  }

  private static ObjectNode securityGroup(SecurityGroup g) {
    ObjectNode o = obj().put("GroupId", g.id()).put("GroupName", g.groupName()).put("VpcId", g.vpcId());
    permissions(o.putArray("IpPermissions"), g.ingress());
    permissions(o.putArray("IpPermissionsEgress"), g.egress());
    tags(o, g.tags());
    return o;
  }

  private static void permissions(ArrayNode a, List<SecurityGroup.IpPermission> perms) {
    for (SecurityGroup.IpPermission p : perms) {
      ObjectNode po = a.addObject().put("IpProtocol", p.ipProtocol());
      if (!p.ipProtocol().equals("-1")) {
        boolean all = p.ports().equals(PortRange.ALL);
        boolean icmp = p.ipProtocol().startsWith("icmp") || p.ipProtocol().equals("1") || p.ipProtocol().equals("58");
        po.put("FromPort", all && icmp ? -1 : p.ports().from()).put("ToPort", all && icmp ? -1 : p.ports().to());
      }
      ObjectNode peer = switch (p.peer()) {
        case SecurityGroup.Peer.Cidr c -> po.putArray(c.block().ipv6() ? "Ipv6Ranges" : "IpRanges").addObject()
            .put(c.block().ipv6() ? "CidrIpv6" : "CidrIp", c.block().toString());
        case SecurityGroup.Peer.PrefixList pl -> po.putArray("PrefixListIds").addObject().put("PrefixListId", pl.prefixListId());
        case SecurityGroup.Peer.Group ref -> po.putArray("UserIdGroupPairs").addObject().put("GroupId", ref.groupId());
      };
      if (!p.description().isEmpty()) peer.put("Description", p.description());
    }
  }

  private static ObjectNode networkInterface(NetworkInterface e) {
    ObjectNode o = obj().put("NetworkInterfaceId", e.id()).put("SubnetId", e.subnetId()).put("VpcId", e.vpcId())
        .put("AvailabilityZone", e.availabilityZone()).put("InterfaceType", e.interfaceType())
        .put("SourceDestCheck", e.sourceDestCheck());
    List<Cidr> v4 = e.privateIpAddresses().stream().filter(c -> !c.ipv6()).toList();
    if (!v4.isEmpty()) o.put("PrivateIpAddress", v4.get(0).address());
    ArrayNode ips = o.putArray("PrivateIpAddresses");
    for (int i = 0; i < v4.size(); i++) ips.addObject().put("PrivateIpAddress", v4.get(i).address()).put("Primary", i == 0);
    ArrayNode v6 = o.putArray("Ipv6Addresses");
    e.privateIpAddresses().stream().filter(Cidr::ipv6).forEach(c -> v6.addObject().put("Ipv6Address", c.address()));
    e.publicIp().ifPresent(p -> o.putObject("Association").put("PublicIp", p.address()));
    ids(o, "Groups", "GroupId", e.securityGroupIds());
    switch (e.attachment()) {
      case NetworkInterface.Attachment.Instance i -> o.putObject("Attachment").put("InstanceId", i.instanceId())
          .put("Status", "attached");
      case NetworkInterface.Attachment.NatGateway g -> o.put("Description", "Interface for NAT Gateway " + g.natGatewayId());
      case NetworkInterface.Attachment.InterfaceEndpoint v -> o.put("Description", "VPC Endpoint Interface " + v.vpcEndpointId());
      case NetworkInterface.Attachment.TransitGatewayAttachment t ->
          o.put("Description", "Network Interface for Transit Gateway Attachment " + t.transitGatewayAttachmentId());
      case NetworkInterface.Attachment.Detached d -> o.put("Status", "available");
    }
    return o;
  }

  private static ObjectNode instance(Network n, Instance i) {
    String zone = n.subnets().stream().filter(s -> s.id().equals(i.subnetId())).map(Subnet::availabilityZone)
        .findFirst().orElse("");
    ObjectNode o = obj().put("InstanceId", i.id()).put("VpcId", i.vpcId()).put("SubnetId", i.subnetId());
    o.putObject("State").put("Name", i.state());
    o.putObject("Placement").put("AvailabilityZone", zone);
    ArrayNode nics = o.putArray("NetworkInterfaces");
    for (int k = 0; k < i.networkInterfaceIds().size(); k++) {
      String id = i.networkInterfaceIds().get(k);
      String subnet = n.networkInterfaces().stream().filter(e -> e.id().equals(id)).map(NetworkInterface::subnetId)
          .findFirst().orElse(i.subnetId());
      nics.addObject().put("NetworkInterfaceId", id).put("SubnetId", subnet).put("VpcId", i.vpcId())
          .putObject("Attachment").put("DeviceIndex", k);
    }
    tags(o, i.tags());
    return o;
  }

  private static ObjectNode internetGateway(InternetGateway g) {
    ObjectNode o = obj().put("InternetGatewayId", g.id());
    ArrayNode a = o.putArray("Attachments");
    g.attachedVpcIds().forEach(v -> a.addObject().put("State", "available").put("VpcId", v));
    tags(o, g.tags());
    return o;
  }

  private static ObjectNode natGateway(NatGateway g) {
    ObjectNode o = obj().put("NatGatewayId", g.id()).put("VpcId", g.vpcId()).put("SubnetId", g.subnetId())
        .put("State", g.state()).put("ConnectivityType", g.connectivityType());
    ObjectNode a = o.putArray("NatGatewayAddresses").addObject().put("NetworkInterfaceId", g.networkInterfaceId())
        .put("PrivateIp", g.privateIp().address()).put("IsPrimary", true);
    g.publicIp().ifPresent(p -> a.put("PublicIp", p.address()));
    return o;
  }

  private static ObjectNode vpcEndpoint(VpcEndpoint e) {
    ObjectNode o = obj().put("VpcEndpointId", e.id()).put("VpcEndpointType", e.vpcEndpointType()).put("VpcId", e.vpcId())
        .put("ServiceName", e.serviceName()).put("State", e.state()).put("PrivateDnsEnabled", e.privateDnsEnabled());
    strings(o, "RouteTableIds", e.routeTableIds());
    strings(o, "SubnetIds", e.subnetIds());
    strings(o, "NetworkInterfaceIds", e.networkInterfaceIds());
    ids(o, "Groups", "GroupId", e.securityGroupIds());
    tags(o, e.tags());
    return o;
  }
}
