package dev.stratus.ec2.vpc;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.Transaction;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.DhcpOptions;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default VPC a new account has in every region: 172.31.0.0/16, one default /20 subnet per
 * Availability Zone that maps public IPs on launch, an attached internet gateway, the main route
 * table's {@code 0.0.0.0/0 → igw} route, and the region's default DHCP options.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
 */
public final class DefaultVpc {
  /** The default VPC block: 172.31.0.0/16. */
  static final Cidr CIDR = Cidr.parse("172.31.0.0/16");
  /** Default subnets are /20 (4,096 addresses), one per zone, in zone order. */
  private static final int SUBNET_PREFIX = 20;

  private DefaultVpc() {}

  public static void create(Transaction tx, String scope, String region) {
    String doptId = IdKind.DHCP_OPTIONS.next();
    String domain = region.equals("us-east-1") ? "ec2.internal" : region + ".compute.internal";
    tx.put(Ec2Tables.DHCP_OPTIONS, scope, doptId, new DhcpOptions(doptId,
        Map.of("domain-name", List.of(domain), "domain-name-servers", List.of("AmazonProvidedDNS"))));
    Vpc vpc = createVpc(tx, scope, region, doptId);
    tx.put(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID, new RegionDefaults(vpc.id(), doptId));
  }

  /** The default VPC with its subnets, gateway and route (also CreateDefaultVpc after a deletion). */
  static Vpc createVpc(Transaction tx, String scope, String region, String doptId) {
    Vpc vpc = VpcFactory.create(tx, scope, CIDR, true, "default", doptId);
    List<RegionCatalog.Zone> zones = RegionCatalog.zones(region);
    for (int i = 0; i < zones.size(); i++) {
      RegionCatalog.Zone zone = zones.get(i);
      Cidr cidr = Cidr.parse("172.31." + (i * 16) + ".0/" + SUBNET_PREFIX);
      String id = IdKind.SUBNET.next();
      tx.put(Ec2Tables.SUBNET, scope, id, new Subnet(id, vpc.id(), cidr, List.of(), zone.name(), zone.id(),
          true, true, false));
      SubnetOperations.associateDefaultAcl(tx, scope, vpc, id);
    }
    String igwId = IdKind.INTERNET_GATEWAY.next();
    tx.put(Ec2Tables.INTERNET_GATEWAY, scope, igwId, new InternetGateway(igwId, false, vpc.id()));
    RouteTable main = tx.get(Ec2Tables.ROUTE_TABLE, scope, vpc.mainRouteTableId()).orElseThrow();
    List<RouteTable.Route> routes = new ArrayList<>(main.routes());
    routes.add(new RouteTable.Route(new RouteTable.CidrDestination(Cidr.parse("0.0.0.0/0")),
        new RouteTarget.InternetGateway(igwId), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE));
    tx.put(Ec2Tables.ROUTE_TABLE, scope, main.id(), main.withRoutes(routes));
    return vpc;
  }
}
