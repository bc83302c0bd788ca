package dev.stratus.app;

import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.model.SecurityGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Re-creates an imported network in a running Stratus through its EC2 API, keeping every CIDR,
 * rule, route and association; the new resources get new ids, and {@link #ids()} maps old to new.
 * Covered: VPCs (all IPv4 blocks, DNS attributes, tags), subnets, internet gateways, security
 * groups and rules, network ACLs and entries, NAT gateways, peering connections, transit gateways
 * with VPC attachments, route tables, associations, propagations and static routes, VPC route
 * tables and routes, instances (private address, groups). What cannot be carried over is listed in
 * {@link #skipped()} (VPC endpoints, VPNs, prefix-list rules, routes to interfaces).
 */
final class ApiImport {
  /*
   * Order matters: groups and peerings before the rules (rules reference groups, across peerings), gateways, peerings and
   * transit gateways before the routes that target them, subnets before instances. The default
   * VPC resources of an imported VPC (main route table, default NACL, "default" group) are mapped
   * to the ones the new VPC gets, and their rules are replaced by the imported ones. A Region's
   * default VPC maps onto the target's default VPC of that Region, its subnets and internet
   * gateway onto the target's default subnets (same CIDR) and gateway, as a new account has them.
   */
  private final Function<String, Ec2Client> clients;
  final Map<String, String> ids = new LinkedHashMap<>();
  final List<String> skipped = new ArrayList<>();

  ApiImport(Function<String, Ec2Client> clients) { this.clients = clients; }

  /** Old id to new id, in creation order. */
  Map<String, String> ids() { return ids; }

  /** What was not re-created, one line each. */
  List<String> skipped() { return skipped; }

  Ec2Client ec2(String region) { return clients.apply(region); }

  String id(String old) {
    String n = ids.get(old);
    if (n == null) throw new IllegalStateException("not imported: " + old);
    return n;
  }

  /** Re-creates every Region of {@code n}. */
  void run(Network n) {
    for (String region : n.regions()) vpcs(n, region);
    var transit = new ApiImportTransit(this, n);
    transit.peerings();
    // Rules may reference groups across a peering, which must exist first (vpc.md §15).
    n.securityGroups().forEach(g -> groupRules(ec2(n.region(g.id())), g));
    for (String region : n.regions()) transit.transitGateways(region);
    for (String region : n.regions()) routes(n, region);
    n.vpcEndpoints().forEach(e -> skipped.add(e.id() + " (VPC endpoint)"));
    n.vpnConnections().forEach(v -> skipped.add(v.id() + " (VPN connection)"));
  }

  private void vpcs(Network n, String region) {
    Ec2Client ec2 = ec2(region);
    for (var v : n.vpcs()) {
      if (!n.region(v.id()).equals(region)) continue;
      var ipv4 = v.activeCidrs().stream().filter(c -> !c.ipv6()).toList();
      // The Region's default VPC is the target's default VPC (a new account has one), not a second 172.31/16.
      var targetDefault = v.isDefault() ? defaultVpc(ec2) : java.util.Optional.<software.amazon.awssdk.services.ec2.model.Vpc>empty();
      String vpc = targetDefault.map(software.amazon.awssdk.services.ec2.model.Vpc::vpcId)
          .orElseGet(() -> ec2.createVpc(r -> r.cidrBlock(ipv4.get(0).toString())).vpc().vpcId());
      ids.put(v.id(), vpc);
      var present = targetDefault.map(t -> t.cidrBlockAssociationSet().stream().map(a -> a.cidrBlock()).toList())
          .orElse(List.of(ipv4.get(0).toString()));
      ipv4.stream().map(Object::toString).filter(c -> !present.contains(c))
          .forEach(c -> ec2.associateVpcCidrBlock(r -> r.vpcId(vpc).cidrBlock(c)));
      ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsSupport(b -> b.value(v.enableDnsSupport())));
      ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(v.enableDnsHostnames())));
      tag(ec2, vpc, n.tags(v.id()));
      Filter byVpc = Filter.builder().name("vpc-id").values(vpc).build();
      String main = ec2.describeRouteTables(r -> r.filters(byVpc)).routeTables().get(0).routeTableId();
      String acl = ec2.describeNetworkAcls(r -> r.filters(byVpc)).networkAcls().get(0).networkAclId();
      String sg = ec2.describeSecurityGroups(r -> r.filters(byVpc)).securityGroups().get(0).groupId();
      n.routeTables().stream().filter(t -> t.vpcId().equals(v.id()) && t.isMain()).forEach(t -> ids.put(t.id(), main));
      n.networkAcls().stream().filter(a -> a.vpcId().equals(v.id()) && a.isDefault()).forEach(a -> ids.put(a.id(), acl));
      n.securityGroups().stream().filter(g -> g.vpcId().equals(v.id()) && g.name().equals("default"))
          .forEach(g -> ids.put(g.id(), sg));
    }
    for (var s : n.subnets()) {
      if (!n.region(s.id()).equals(region)) continue;
      var existing = existingSubnet(ec2, n, s);
      if (existing.isPresent()) {
        ids.put(s.id(), existing.get());
        tag(ec2, existing.get(), n.tags(s.id()));
        continue;
      }
      String subnet = ec2.createSubnet(r -> r.vpcId(id(s.vpcId())).cidrBlock(s.cidr().toString())
          .availabilityZone(s.availabilityZone().isEmpty() ? null : s.availabilityZone())).subnet().subnetId();
      ids.put(s.id(), subnet);
      tag(ec2, subnet, n.tags(s.id()));
    }
    for (var g : n.internetGateways()) {
      if (!n.region(g.id()).equals(region)) continue;
      List<String> attached = g.attachedVpcId() == null ? List.of() : List.of(g.attachedVpcId());
      var existing = existingGateway(ec2, n, attached);
      if (existing.isPresent()) {
        ids.put(g.id(), existing.get());
        continue;
      }
      String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
      ids.put(g.id(), igw);
      attached.forEach(v -> ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(id(v))));
    }
    for (var g : n.securityGroups()) {
      if (!n.region(g.id()).equals(region) || ids.containsKey(g.id())) continue;
      ids.put(g.id(), ec2.createSecurityGroup(r -> r.vpcId(id(g.vpcId())).groupName(g.name())
          .description("imported " + g.id())).groupId());
    }
    n.networkAcls().stream().filter(a -> n.region(a.id()).equals(region)).forEach(a -> acl(ec2, n, a));
    for (var nat : n.natGateways()) {
      if (!n.region(nat.id()).equals(region) || nat.state().equals("deleted")) continue;
      String alloc = nat.connectivityType().equals("private") ? null : ec2.allocateAddress(r -> r.domain("vpc")).allocationId();
      ids.put(nat.id(), ec2.createNatGateway(r -> r.subnetId(id(nat.subnetId())).allocationId(alloc)
          .connectivityType(nat.connectivityType())).natGateway().natGatewayId());
    }
  }

  private static java.util.Optional<software.amazon.awssdk.services.ec2.model.Vpc> defaultVpc(Ec2Client ec2) {
    return ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs().stream()
        .findFirst();
  }

  private boolean inDefaultVpc(Network n, String oldVpcId) {
    return n.vpcs().stream().anyMatch(v -> v.id().equals(oldVpcId) && v.isDefault());
  }

  /** A default VPC's subnet: the target default VPC's subnet with the same CIDR, if it has one. */
  private java.util.Optional<String> existingSubnet(Ec2Client ec2, Network n, dev.stratus.ec2.model.Subnet s) {
    if (!inDefaultVpc(n, s.vpcId())) return java.util.Optional.empty();
    return ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(id(s.vpcId())).build(),
        Filter.builder().name("cidr-block").values(s.cidr().toString()).build())).subnets().stream()
        .map(software.amazon.awssdk.services.ec2.model.Subnet::subnetId).findFirst();
  }

  /** A default VPC's internet gateway: the one the target default VPC already has attached. */
  private java.util.Optional<String> existingGateway(Ec2Client ec2, Network n, List<String> oldVpcIds) {
    var vpc = oldVpcIds.stream().filter(v -> inDefaultVpc(n, v)).findFirst();
    if (vpc.isEmpty()) return java.util.Optional.empty();
    return ec2.describeInternetGateways(r -> r.filters(Filter.builder().name("attachment.vpc-id").values(id(vpc.get()))
        .build())).internetGateways().stream()
        .map(software.amazon.awssdk.services.ec2.model.InternetGateway::internetGatewayId).findFirst();
  }

  /** Replaces the new group's rules with the imported ones. */
  private void groupRules(Ec2Client ec2, SecurityGroup g) {
    String sg = id(g.id());
    var current = ec2.describeSecurityGroups(r -> r.groupIds(sg)).securityGroups().get(0);
    if (!current.ipPermissions().isEmpty()) ec2.revokeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(current.ipPermissions()));
    if (!current.ipPermissionsEgress().isEmpty()) {
      ec2.revokeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(current.ipPermissionsEgress()));
    }
    List<IpPermission> in = g.rules().stream().filter(r -> !r.egress()).map(p -> permission(g, p)).filter(p -> p != null).toList();
    List<IpPermission> out = g.rules().stream().filter(r -> r.egress()).map(p -> permission(g, p)).filter(p -> p != null).toList();
    if (!in.isEmpty()) ec2.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(in));
    if (!out.isEmpty()) ec2.authorizeSecurityGroupEgress(r -> r.groupId(sg).ipPermissions(out));
  }

  /** One stored rule as an IpPermission, its ports (ICMP type and code) as stored; null when it cannot be carried over. */
  private IpPermission permission(SecurityGroup g, SecurityGroup.Rule p) {
    var b = IpPermission.builder().ipProtocol(p.protocol());
    if (!p.protocol().equals("-1")) b.fromPort(p.fromPort()).toPort(p.toPort());
    String d = p.description() == null || p.description().isEmpty() ? null : p.description();
    switch (p.peer()) {
      case SecurityGroup.CidrPeer c when c.cidr().ipv6() -> b.ipv6Ranges(x -> x.cidrIpv6(c.cidr().toString()).description(d));
      case SecurityGroup.CidrPeer c -> b.ipRanges(x -> x.cidrIp(c.cidr().toString()).description(d));
      case SecurityGroup.GroupPeer r when ids.containsKey(r.groupId()) ->
          b.userIdGroupPairs(x -> x.groupId(ids.get(r.groupId())).description(d));
      case SecurityGroup.GroupPeer r -> {
        skipped.add(g.id() + " rule referencing " + r.groupId() + " (group not in the dump)");
        return null;
      }
      case SecurityGroup.PrefixListPeer pl -> {
        skipped.add(g.id() + " rule for prefix list " + pl.prefixListId() + " (prefix list ids differ)");
        return null;
      }
    }
    return b.build();
  }

  private void acl(Ec2Client ec2, Network n, NetworkAcl a) {
    String acl = ids.containsKey(a.id()) ? id(a.id())
        : ec2.createNetworkAcl(r -> r.vpcId(id(a.vpcId()))).networkAcl().networkAclId();
    ids.put(a.id(), acl);
    for (var e : ec2.describeNetworkAcls(r -> r.networkAclIds(acl)).networkAcls().get(0).entries()) {
      if (e.ruleNumber() < 32767) ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(e.ruleNumber()).egress(e.egress()));
    }
    for (NetworkAcl.Entry e : a.entries()) {
      if (e.ruleNumber() >= 32767) continue;
      boolean ports = e.protocol().equals("6") || e.protocol().equals("17");
      ec2.createNetworkAclEntry(r -> {
        r.networkAclId(acl).ruleNumber(e.ruleNumber()).egress(e.egress()).protocol(e.protocol())
            .ruleAction(e.ruleAction().wire());
        if (e.cidr().ipv6()) r.ipv6CidrBlock(e.cidr().toString());
        else r.cidrBlock(e.cidr().toString());
        if (ports) r.portRange(p -> p.from(NetworkAcl.ports(e).from()).to(NetworkAcl.ports(e).to()));
        if (e.protocol().equals("1")) r.icmpTypeCode(t -> t.type(e.icmpType()).code(e.icmpCode()));
      });
    }
    if (a.isDefault()) return;
    for (var s : n.subnets()) {
      if (a.associations().stream().noneMatch(x -> x.subnetId().equals(s.id()))) continue; // a's own subnets (a is not the default NACL)
      String subnet = id(s.id());
      String assoc = ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id").values(subnet)
          .build())).networkAcls().get(0).associations().stream().filter(x -> x.subnetId().equals(subnet))
          .findFirst().orElseThrow().networkAclAssociationId();
      ec2.replaceNetworkAclAssociation(r -> r.associationId(assoc).networkAclId(acl));
    }
  }

  private void routes(Network n, String region) {
    Ec2Client ec2 = ec2(region);
    for (RouteTable t : n.routeTables()) {
      if (!n.region(t.id()).equals(region)) continue;
      boolean existed = ids.containsKey(t.id());
      String rtb = existed ? id(t.id()) : ec2.createRouteTable(r -> r.vpcId(id(t.vpcId()))).routeTable().routeTableId();
      ids.put(t.id(), rtb);
      tag(ec2, rtb, n.tags(t.id()));
      // A default VPC's main table already routes 0.0.0.0/0 to its gateway: keep what is there.
      List<software.amazon.awssdk.services.ec2.model.Route> present = existed
          ? ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes() : List.of();
      for (RouteTable.Route route : t.routes()) {
        if (!alreadyRouted(present, route)) route(ec2, t, rtb, route);
      }
      if (!t.isMain()) t.subnetIds().forEach(s -> ec2.associateRouteTable(r -> r.routeTableId(rtb).subnetId(id(s))));
    }
    for (var i : n.instances()) {
      if (!n.region(i.id()).equals(region) || i.state().equals("terminated") || i.networkInterfaceIds().isEmpty()) continue;
      var eni = n.networkInterfaces().stream().filter(e -> e.id().equals(i.networkInterfaceIds().get(0))).findFirst();
      List<String> groups = eni.map(e -> e.groupIds().stream().filter(ids::containsKey).map(ids::get).toList())
          .orElse(List.of());
      String ip = eni.map(e -> e.privateIpAddress()).orElse(null);
      ids.put(i.id(), ec2.runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1).subnetId(id(i.subnetId()))
          .privateIpAddress(ip).securityGroupIds(groups.isEmpty() ? null : groups)).instances().get(0).instanceId());
      tag(ec2, ids.get(i.id()), n.tags(i.id()));
    }
  }

  private boolean alreadyRouted(List<software.amazon.awssdk.services.ec2.model.Route> present, RouteTable.Route route) {
    if (!(route.destination() instanceof RouteTable.CidrDestination c) || !ids.containsKey(route.target().id())) return false;
    String to = ids.get(route.target().id());
    String dest = c.cidr().toString();
    return present.stream().anyMatch(p -> (dest.equals(p.destinationCidrBlock()) || dest.equals(p.destinationIpv6CidrBlock()))
        && (to.equals(p.gatewayId()) || to.equals(p.natGatewayId()) || to.equals(p.transitGatewayId())
            || to.equals(p.vpcPeeringConnectionId())));
  }

  private void route(Ec2Client ec2, RouteTable t, String rtb, RouteTable.Route route) {
    if (route.target() instanceof RouteTarget.Local || route.origin() != RouteTable.Origin.CREATE_ROUTE) return;
    String target = route.target().id();
    if (!(route.destination() instanceof RouteTable.CidrDestination c) || !ids.containsKey(target)) {
      skipped.add(t.id() + " route " + route.destination() + " -> " + (target.isEmpty() ? "blackhole" : target));
      return;
    }
    String to = ids.get(target);
    ec2.createRoute(r -> {
      r.routeTableId(rtb);
      if (c.cidr().ipv6()) r.destinationIpv6CidrBlock(c.cidr().toString());
      else r.destinationCidrBlock(c.cidr().toString());
      switch (route.target()) {
        case RouteTarget.NatGateway x -> r.natGatewayId(to);
        case RouteTarget.TransitGateway x -> r.transitGatewayId(to);
        case RouteTarget.PeeringConnection x -> r.vpcPeeringConnectionId(to);
        default -> r.gatewayId(to);
      }
    });
  }

  static void tag(Ec2Client ec2, String id, Map<String, String> tags) {
    var kept = tags.entrySet().stream().filter(e -> !e.getKey().startsWith("aws:"))
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    if (!kept.isEmpty()) ec2.createTags(r -> r.resources(id).tags(kept));
  }
}
