package dev.stratus.ec2;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.model.AwsServices;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.ResourceTags;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.Placement;
import dev.stratus.ec2.transit.TransitSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed EC2 state of one account as the reachability analyzer's {@link Network}, every
 * region the account has used. VPCs, subnets, instances, internet and NAT gateways, peering
 * connections, transit gateways with their attachments and route tables ({@link TransitSnapshot}),
 * VPC route tables, network ACLs, VPC endpoints and VPN resources go in as the stored records themselves, with
 * their Region, account and tags as a {@link Placement}; security groups and interfaces are
 * still converted to the analyzer's own records (issue 7: one record per resource is the goal).
 */
public final class NetworkSnapshot {
  private NetworkSnapshot() {}

  /** The account's network across all regions it has used (those with a default-VPC row). */
  public static Network of(ReadView view, String accountId) {
    Network.Builder b = Network.builder();
    List<String> regions = new ArrayList<>(RegionCatalog.REGIONS.stream().map(RegionCatalog.Region::name).toList());
    for (String region : regions) {
      String scope = accountId + "/" + region;
      if (view.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).isEmpty()) continue;
      addRegion(b, view, accountId, region, scope);
      TransitSnapshot.addRegion(b, view, accountId, region, scope);
    }
    return b.build();
  }

  public static Map<String, String> tags(ReadView view, String scope, String id) {
    return view.get(Ec2Tables.TAGS, scope, id).map(ResourceTags::tags).orElse(Map.of());
  }

  private static void addRegion(Network.Builder b, ReadView view, String account, String region, String scope) {
    var tables = view.list(Ec2Tables.ROUTE_TABLE, scope);
    var acls = view.list(Ec2Tables.NETWORK_ACL, scope);
    // VPCs and subnets are the stored records themselves; the index resolves each subnet's table and NACL.
    for (var v : view.list(Ec2Tables.VPC, scope)) b.vpc(v, new Placement(region, account, tags(view, scope, v.id())));
    for (var s : view.list(Ec2Tables.SUBNET, scope)) {
      b.subnet(s, new Placement(region, account, tags(view, scope, s.id())));
    }
    for (var t : tables) {
      b.routeTables.add(t);
      b.place(t.id(), new Placement(region, account, tags(view, scope, t.id())));
    }
    for (var g : view.list(Ec2Tables.SECURITY_GROUP, scope)) {
      b.securityGroups.add(new dev.stratus.ec2.reachability.SecurityGroup(g.id(), region, g.vpcId(), g.name(),
          g.rules().stream().filter(r -> !r.egress()).map(NetworkSnapshot::permission).toList(),
          g.rules().stream().filter(r -> r.egress()).map(NetworkSnapshot::permission).toList(), tags(view, scope, g.id())));
    }
    for (var a : acls) {
      b.networkAcls.add(a);
      b.place(a.id(), new Placement(region, account, tags(view, scope, a.id())));
    }
    addInterfaces(b, view, account, region, scope);
    for (var g : view.list(Ec2Tables.INTERNET_GATEWAY, scope)) {
      // Egress-only gateways are only route targets (describe-internet-gateways does not list them).
      if (!g.egressOnly()) b.internetGateway(g, new Placement(region, account, tags(view, scope, g.id())));
    }
    for (var n : view.list(Ec2Tables.NAT_GATEWAY, scope)) {
      b.natGateways.add(n);
      b.place(n.id(), new Placement(region, account, tags(view, scope, n.id())));
    }
    for (var e : view.list(Ec2Tables.VPC_ENDPOINT, scope)) {
      b.vpcEndpoints.add(e);
      b.place(e.id(), new Placement(region, account, tags(view, scope, e.id())));
    }
    for (var p : AwsServices.prefixLists(region)) { // AWS's own lists of the Region, owned by "AWS" as AWS prints
      b.managedPrefixLists.add(p);
      b.place(p.id(), new Placement(region, "AWS", Map.of()));
    }
  }

  private static void addInterfaces(Network.Builder b, ReadView view, String account, String region, String scope) {
    Map<String, String> natByEni = new HashMap<>();
    view.list(Ec2Tables.NAT_GATEWAY, scope).forEach(n -> {
      if (n.networkInterfaceId() != null) natByEni.putIfAbsent(n.networkInterfaceId(), n.id());
    });
    Map<String, String> endpointByEni = new HashMap<>();
    view.list(Ec2Tables.VPC_ENDPOINT, scope).forEach(v -> v.networkInterfaceIds()
        .forEach(eni -> endpointByEni.putIfAbsent(eni, v.id())));
    for (var e : view.list(Ec2Tables.NETWORK_INTERFACE, scope)) {
      dev.stratus.ec2.reachability.NetworkInterface.Attachment attachment;
      if (e.attachment() != null && e.attachment().instanceId() != null) {
        attachment = new dev.stratus.ec2.reachability.NetworkInterface.Attachment.Instance(e.attachment().instanceId());
      } else if (e.interfaceType().equals("nat_gateway")) {
        attachment = new dev.stratus.ec2.reachability.NetworkInterface.Attachment.NatGateway(
            natByEni.getOrDefault(e.id(), ""));
      } else if (e.interfaceType().equals("vpc_endpoint")) {
        attachment = new dev.stratus.ec2.reachability.NetworkInterface.Attachment.InterfaceEndpoint(
            endpointByEni.getOrDefault(e.id(), ""));
      } else if (e.interfaceType().equals("transit_gateway")) {
        attachment = new dev.stratus.ec2.reachability.NetworkInterface.Attachment.TransitGatewayAttachment(
            e.description().substring(e.description().lastIndexOf(' ') + 1));
      } else {
        attachment = new dev.stratus.ec2.reachability.NetworkInterface.Attachment.Detached();
      }
      b.networkInterfaces.add(new dev.stratus.ec2.reachability.NetworkInterface(e.id(), region, e.vpcId(), e.subnetId(),
          e.availabilityZone(), List.of(Cidr.ofAddress(e.privateIpAddress())),
          Optional.ofNullable(e.association()).map(a -> Cidr.ofAddress(a.publicIp())), e.groupIds(), e.interfaceType(),
          attachment, e.sourceDestCheck()));
    }
    for (var i : view.list(Ec2Tables.INSTANCE, scope)) b.instance(i, new Placement(region, account, tags(view, scope, i.id())));
  }

  private static dev.stratus.ec2.reachability.SecurityGroup.IpPermission permission(
      dev.stratus.ec2.model.SecurityGroup.Rule r) {
    boolean ports = r.protocol().equals("tcp") || r.protocol().equals("udp");
    var peer = switch (r.peer()) {
      case dev.stratus.ec2.model.SecurityGroup.CidrPeer c ->
          new dev.stratus.ec2.reachability.SecurityGroup.Peer.Cidr(c.cidr());
      case dev.stratus.ec2.model.SecurityGroup.PrefixListPeer p ->
          new dev.stratus.ec2.reachability.SecurityGroup.Peer.PrefixList(p.prefixListId());
      case dev.stratus.ec2.model.SecurityGroup.GroupPeer g ->
          new dev.stratus.ec2.reachability.SecurityGroup.Peer.Group(g.groupId());
    };
    return new dev.stratus.ec2.reachability.SecurityGroup.IpPermission(r.protocol(),
        ports ? new PortRange(r.fromPort(), r.toPort()) : PortRange.ALL, peer,
        r.description() == null ? "" : r.description());
  }
}
