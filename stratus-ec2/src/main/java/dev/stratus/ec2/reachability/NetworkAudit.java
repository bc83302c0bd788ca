package dev.stratus.ec2.reachability;

import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.SecurityGroup;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds configuration that is legal but almost always a mistake: environments joined through a
 * transit gateway route table, interface endpoints whose private DNS cannot work, blackhole
 * routes, and security groups open to the internet on administration and database ports.
 */
public final class NetworkAudit {
  /*
   * Environments: what a VPC's tags, its attachment's tags or its names suggest
   * (EnvironmentHint: Environment/env/Stage/Tier tags, else words such as prod, staging, dev in
   * Name tags or ids). A transit gateway route table joins two environments when an attachment of one is
   * associated with it (its packets are routed by it) and an attachment of another propagates
   * into it (its routes are there) — exactly what AWS's defaults do to every attachment
   * (vpc.md §30–31). Propagation is read from the table's propagation list, else from its
   * propagated routes. Environments whose tag names a hub (shared, shared-services, common,
   * network, hub, egress, inspection) are meant to be reached by all, so pairs with a hub are not
   * reported.
   */
  /** Environment tag values that mark a hub every environment may reach. */
  static final Set<String> HUB_ENVIRONMENTS =
      Set.of("shared", "shared-services", "common", "network", "hub", "egress", "inspection");

  /** Ports that should never be open to 0.0.0.0/0 or ::/0: SSH, RDP, MySQL, PostgreSQL, SQL Server, MongoDB, Redis. */
  static final Map<Integer, String> ADMIN_PORTS = Map.of(22, "SSH", 3389, "RDP", 3306, "MySQL", 5432, "PostgreSQL",
      1433, "SQL Server", 27017, "MongoDB", 6379, "Redis");

  private NetworkAudit() {}

  /** Every finding, most severe first, then by resource id. */
  public static List<Finding> findings(Network network) {
    NetworkIndex ix = new NetworkIndex(network);
    List<Finding> out = new ArrayList<>();
    transitGatewayEnvironments(ix, out);
    endpointDns(ix, out);
    blackholes(ix, out);
    openAdminPorts(ix, out);
    out.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::resourceId));
    return out;
  }

  private static void transitGatewayEnvironments(NetworkIndex ix, List<Finding> out) {
    for (TransitGatewayRouteTable rt : ix.network.transitGatewayRouteTables()) {
      Set<String> associated = new LinkedHashSet<>(rt.associations());
      ix.network.transitGatewayAttachments().stream()
          .filter(a -> rt.id().equals(a.associatedRouteTableId())).forEach(a -> associated.add(a.id()));
      Set<String> propagating = new LinkedHashSet<>(rt.propagations());
      rt.visibleRoutes().stream().filter(r -> !r.isStatic() && r.attachmentId() != null)
          .forEach(r -> propagating.add(r.attachmentId()));
      Map<String, Group> from = environments(ix, rt.transitGatewayId(), associated);
      Map<String, Group> to = environments(ix, rt.transitGatewayId(), propagating);
      TransitGateway tgw = ix.transitGateways.get(rt.transitGatewayId());
      boolean isDefault = rt.defaultAssociation() || rt.defaultPropagation()
          || (tgw != null && rt.id().equals(tgw.associationDefaultRouteTableId()));
      // Seed 001, failure case 1: both defaults on, so every new attachment lands here and is reached by all.
      boolean byDefaults = tgw != null && tgw.associatesByDefault() && tgw.propagatesByDefault()
          && rt.id().equals(tgw.associationDefaultRouteTableId()) && rt.id().equals(tgw.propagationDefaultRouteTableId());
      for (var src : from.entrySet()) {
        for (var dst : to.entrySet()) {
          if (src.getKey().equals(dst.getKey()) || isHub(src.getKey()) || isHub(dst.getKey())) continue;
          out.add(new Finding(Finding.Type.TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS, Finding.Severity.HIGH, rt.id(),
              ix.network.region(rt.id()),
              "VPCs " + src.getValue().text() + " are associated with " + rt.id()
                  + (isDefault ? " (the default route table of " + rt.transitGatewayId() + ")" : "")
                  + ", which holds routes propagated from VPCs " + dst.getValue().text()
                  + ", so " + src.getKey() + " reaches " + dst.getKey() + "."
                  + (byDefaults ? " " + rt.transitGatewayId() + " has DefaultRouteTableAssociation and "
                      + "DefaultRouteTablePropagation enabled, so every attachment joins this table and reaches every other." : ""),
              (byDefaults ? "Disable DefaultRouteTableAssociation and DefaultRouteTablePropagation (aws ec2 modify-transit-gateway "
                  + "--transit-gateway-id " + rt.transitGatewayId() + " --options DefaultRouteTableAssociation=disable,"
                  + "DefaultRouteTablePropagation=disable), then create explicit per-environment route tables with only "
                  + "the intended routes: associate " + src.getValue().vpcIds() + " with a table that "
                  + dst.getValue().vpcIds() + " do not propagate into."
                  : "Give each environment its own transit gateway route table: associate " + src.getValue().vpcIds()
                  + " with a table that " + dst.getValue().vpcIds() + " do not propagate into, disable propagation of "
                  + dst.getValue().vpcIds() + " to " + rt.id() + ", and turn off DefaultRouteTableAssociation/Propagation on "
                  + rt.transitGatewayId() + " so new attachments do not join it.")));
        }
      }
    }
  }

  /** The VPCs of one environment on one route table, and what suggests their environment. */
  private record Group(List<String> vpcIds, List<String> evidence) {
    /** {@code tagged Environment=prod [vpc-1]} or {@code named vpc-prod-01, named prod-app [vpc-prod-01, vpc-2]}. */
    String text() { return String.join(", ", evidence) + " " + vpcIds; }
  }

  /** Environment → its VPCs, for the VPC attachments among {@code attachmentIds} with an {@link EnvironmentHint}. */
  private static Map<String, Group> environments(NetworkIndex ix, String tgwId, Set<String> attachmentIds) {
    Map<String, Group> m = new LinkedHashMap<>();
    for (String id : attachmentIds) {
      Optional<TransitGatewayAttachment> a = ix.attachment(tgwId, id).or(() -> ix.attachment(id));
      if (a.isEmpty() || a.get().resourceType() != TransitGatewayAttachment.ResourceType.VPC) continue;
      Vpc vpc = ix.vpcs.get(a.get().resourceId());
      if (vpc == null) continue;
      EnvironmentHint.of(vpc, ix.network.tags(vpc.id()), ix.network.tags(a.get().id())).ifPresent(h -> {
        Group g = m.computeIfAbsent(h.environment(), k -> new Group(new ArrayList<>(), new ArrayList<>()));
        g.vpcIds().add(vpc.id());
        if (!g.evidence().contains(h.evidence())) g.evidence().add(h.evidence());
      });
    }
    return m;
  }

  private static boolean isHub(String environment) {
    return HUB_ENVIRONMENTS.contains(environment.toLowerCase(java.util.Locale.ROOT));
  }

  private static void endpointDns(NetworkIndex ix, List<Finding> out) {
    for (VpcEndpoint e : ix.network.vpcEndpoints()) {
      if (!e.isInterface() || !e.privateDnsEnabled()) continue;
      Vpc vpc = ix.vpcs.get(e.vpcId());
      if (vpc == null || (vpc.enableDnsSupport() && vpc.enableDnsHostnames())) continue;
      List<String> off = new ArrayList<>();
      if (!vpc.enableDnsSupport()) off.add("enableDnsSupport");
      if (!vpc.enableDnsHostnames()) off.add("enableDnsHostnames");
      out.add(new Finding(Finding.Type.ENDPOINT_PRIVATE_DNS_WITHOUT_VPC_DNS, Finding.Severity.MEDIUM, e.id(), ix.network.region(e.id()),
          e.id() + " (" + e.serviceName() + ") has private DNS enabled but " + vpc.id() + " has " + String.join(" and ", off)
              + " off, so " + privateDnsName(e, ix.network.region(e.id())) + " does not resolve to the endpoint's private IPs inside " + vpc.id()
              + (vpc.enableDnsSupport() ? ": the VPC's resolver answers the service's public addresses, and traffic"
                  + " leaves through the NAT or internet gateway (or fails) instead of the endpoint."
                  : ": the VPC's resolver does not answer at all."),
          "Turn on " + String.join(" and ", off) + " for " + vpc.id() + " (aws ec2 modify-vpc-attribute --vpc-id "
              + vpc.id() + (off.contains("enableDnsSupport") ? " --enable-dns-support" : "")
              + (off.contains("enableDnsHostnames") ? " --enable-dns-hostnames" : "") + ")."));
    }
  }

  /** The name private DNS takes over: {@code secretsmanager.eu-west-1.amazonaws.com} for an AWS service. */
  private static String privateDnsName(VpcEndpoint e, String region) {
    String prefix = "com.amazonaws." + region + ".";
    return e.serviceName().startsWith(prefix)
        ? e.serviceName().substring(prefix.length()) + "." + region + ".amazonaws.com" : "the service's name";
  }

  private static void blackholes(NetworkIndex ix, List<Finding> out) {
    for (RouteTable rt : ix.network.routeTables()) {
      for (RouteTable.Route r : rt.routes()) {
        if (!r.drops()) continue;
        String target = r.target().id().isEmpty() ? "a deleted target" : r.target().id();
        out.add(new Finding(Finding.Type.VPC_BLACKHOLE_ROUTE, Finding.Severity.MEDIUM, rt.id(), ix.network.region(rt.id()),
            "The route " + r.destination() + " -> " + target + " in " + rt.id() + " is a blackhole: traffic to "
                + r.destination() + " is dropped.",
            "Point " + r.destination() + " at a live target (aws ec2 replace-route) or delete the route."));
      }
    }
    for (TransitGatewayRouteTable rt : ix.network.transitGatewayRouteTables()) {
      for (TransitGatewayRouteTable.Route r : rt.visibleRoutes()) {
        if (r.state() == TransitGatewayRouteTable.RouteState.ACTIVE) continue;
        out.add(new Finding(Finding.Type.TGW_BLACKHOLE_ROUTE, r.isStatic() && r.attachmentId() == null
            ? Finding.Severity.LOW : Finding.Severity.MEDIUM, rt.id(), ix.network.region(rt.id()),
            "The " + r.type() + " route " + r + " in " + rt.id() + " is a blackhole: traffic to "
                + r + " is dropped.",
            "If the drop is not intended, replace it with a route to an attachment "
                + "(aws ec2 replace-transit-gateway-route) or delete it."));
      }
    }
  }

  private static void openAdminPorts(NetworkIndex ix, List<Finding> out) {
    for (SecurityGroup g : ix.network.securityGroups()) {
      for (SecurityGroupEvaluation.Permission p : ix.rules(g.id()).ingress()) {
        if (!(p.peer() instanceof SecurityGroup.CidrPeer c) || c.cidr().prefixLength() != 0) continue;
        Protocol proto = p.protocol();
        if (!(proto == Protocol.TCP || proto == Protocol.ALL)) continue;
        List<String> open = ADMIN_PORTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .filter(e -> proto == Protocol.ALL || p.ports().contains(e.getKey()))
            .map(e -> e.getValue() + " " + e.getKey()).toList();
        if (open.isEmpty()) continue;
        out.add(new Finding(Finding.Type.SECURITY_GROUP_OPEN_ADMIN_PORT, Finding.Severity.HIGH, g.id(),
            ix.network.region(g.id()),
            g.id() + " (" + g.name() + ") admits " + c.cidr() + " on " + (proto == Protocol.ALL
                ? "every port, including " : "") + String.join(", ", open) + ".",
            "Replace " + c.cidr() + " with the addresses that need it (a VPN or office range, or a security group "
                + "reference), or use Session Manager / a bastion instead of opening " + String.join(", ", open) + "."));
      }
    }
  }
}
