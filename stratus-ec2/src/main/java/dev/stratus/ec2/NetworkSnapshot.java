package dev.stratus.ec2;

import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.model.AwsServices;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.ResourceTags;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.Placement;
import dev.stratus.ec2.transit.TransitSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committed EC2 state of one account as the reachability analyzer's {@link Network}, every
 * region the account has used. VPCs, subnets, instances, internet and NAT gateways, peering
 * connections, transit gateways with their attachments and route tables ({@link TransitSnapshot}),
 * VPC route tables, security groups, network ACLs, interfaces, VPC endpoints and VPN resources go
 * in as the stored records themselves, with their Region, account and tags as a {@link Placement}.
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
      b.securityGroups.add(g);
      b.place(g.id(), new Placement(region, account, tags(view, scope, g.id())));
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
    for (var e : view.list(Ec2Tables.NETWORK_INTERFACE, scope)) {
      b.networkInterfaces.add(e);
      b.place(e.id(), new Placement(region, account, tags(view, scope, e.id())));
    }
    for (var i : view.list(Ec2Tables.INSTANCE, scope)) b.instance(i, new Placement(region, account, tags(view, scope, i.id())));
  }
}
