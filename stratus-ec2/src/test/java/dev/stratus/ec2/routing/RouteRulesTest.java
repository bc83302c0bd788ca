package dev.stratus.ec2.routing;

import static dev.stratus.ec2.RulesAssert.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpcQuotas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRulesTest {
  private static final RouteTable.Destination LOCAL = cidr("10.0.0.0/16");
  private static final RouteTable.Destination ENDPOINT_ROUTE = new RouteTable.PrefixListDestination("pl-63a5400a");
  private static final RouteTable.Association MAIN = new RouteTable.Association("rtbassoc-main", true, null, null);

  private final RouteTable table = new RouteTable("rtb-1", "vpc-1", List.of(
      new RouteTable.Route(LOCAL, new RouteTarget.Local(), RouteTable.Origin.CREATE_ROUTE_TABLE, RouteTable.State.ACTIVE),
      new RouteTable.Route(cidr("0.0.0.0/0"), new RouteTarget.InternetGateway("igw-1"), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE),
      new RouteTable.Route(ENDPOINT_ROUTE, new RouteTarget.GatewayEndpoint("vpce-1"), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE)),
      List.of(), List.of());

  private static RouteTable.Destination cidr(String c) { return new RouteTable.CidrDestination(Cidr.parse(c)); }

  @Test
  void createTable_atQuota_routeTableLimitExceeded() {
    assertThat(RouteRules.createTable(VpcQuotas.ROUTE_TABLES_PER_VPC - 1)).isEmpty();
    assertViolation(RouteRules.createTable(VpcQuotas.ROUTE_TABLES_PER_VPC), "RouteTableLimitExceeded",
        "The maximum number of route tables has been reached.");
  }

  @Test
  void deleteTable_associated_dependencyViolation() {
    assertThat(RouteRules.deleteTable(table)).isEmpty();
    assertViolation(RouteRules.deleteTable(table.withAssociations(List.of(MAIN))), "DependencyViolation",
        "The routeTable 'rtb-1' has dependencies and cannot be deleted.");
  }

  @Test
  void associateSubnet_otherVpcOrAlreadyAssociated_refused() {
    var other = new RouteTable("rtb-2", "vpc-1", List.of(), List.of(
        new RouteTable.Association("rtbassoc-2", false, "subnet-1", null)), List.of());
    assertViolation(RouteRules.associateSubnet(table, "subnet-9", "vpc-9", List.of(table, other)),
        "InvalidParameterValue", "route table rtb-1 and network gateway subnet-9 belong to different networks");
    assertViolation(RouteRules.associateSubnet(table, "subnet-1", "vpc-1", List.of(table, other)),
        "Resource.AlreadyAssociated",
        "the specified association for route table rtb-2 conflicts with an existing association for subnet-1");
    assertThat(RouteRules.associateSubnet(table, "subnet-2", "vpc-1", List.of(table, other))).isEmpty();
  }

  @Test
  void associateGateway_detachedGateway_differentNetworks() {
    assertViolation(RouteRules.associateGateway(table, "igw-1", null), "InvalidParameterValue",
        "route table rtb-1 and network gateway igw-1 belong to different networks");
    assertThat(RouteRules.associateGateway(table, "igw-1", "vpc-1")).isEmpty();
  }

  @Test
  void disassociate_main_refused() {
    assertViolation(RouteRules.disassociate(MAIN), "InvalidParameterValue",
        "cannot disassociate the main route table association rtbassoc-main");
    assertThat(RouteRules.disassociate(new RouteTable.Association("rtbassoc-2", false, "subnet-1", null))).isEmpty();
  }

  @Test
  void replaceAssociation_acrossVpcs_differentNetworks() {
    var elsewhere = new RouteTable("rtb-9", "vpc-9", List.of(), List.of(), List.of());
    assertViolation(RouteRules.replaceAssociation(table, elsewhere), "InvalidParameterValue",
        "route table rtb-9 and network gateway rtb-1 belong to different networks");
    assertThat(RouteRules.replaceAssociation(table, table)).isEmpty();
  }

  @Test
  void destination_reservedRanges_refused() {
    assertViolation(RouteRules.destination(cidr("169.254.169.0/24")), "InvalidParameterValue",
        "The destination CIDR block 169.254.169.0/24 is reserved by AWS.");
    assertViolation(RouteRules.destination(cidr("fd00:ec2::/64")), "InvalidParameterValue",
        "The destination CIDR block fd00:ec2::/64 is reserved by AWS.");
    assertThat(RouteRules.destination(cidr("169.254.0.0/24"))).isEmpty();
  }

  @Test
  void prefixList_unknown_notFound() {
    assertThat(RouteRules.prefixList(ENDPOINT_ROUTE, List.of("pl-63a5400a"))).isEmpty();
    assertThat(RouteRules.prefixList(ENDPOINT_ROUTE, List.of())).hasValueSatisfying(e ->
        assertThat(e.code()).isEqualTo("InvalidPrefixListID.NotFound"));
  }

  @Test
  void createRoute_eachRule() {
    RouteTarget nat = new RouteTarget.NatGateway("nat-1");
    RouteTarget igw = new RouteTarget.InternetGateway("igw-1");
    assertViolation(RouteRules.createRoute(table, cidr("10.9.0.0/16"), new RouteTarget.Local(), c -> false),
        "InvalidParameterValue", "Cannot create a local route");
    assertViolation(RouteRules.createRoute(table, cidr("0.0.0.0/0"), igw, c -> false),
        "RouteAlreadyExists", "The route identified by 0.0.0.0/0 already exists");
    assertViolation(RouteRules.createRoute(table, cidr("10.9.0.0/16"), new RouteTarget.EgressOnlyInternetGateway("eigw-1"),
        c -> false), "InvalidParameterValue", "Egress-only internet gateways support IPv6 destinations only");
    String local = "The destination CIDR block 10.0.1.0/24 is equal to or more specific than one of this VPC's CIDR"
        + " blocks. This route can target only an interface or an instance.";
    assertViolation(RouteRules.createRoute(table, cidr("10.0.1.0/24"), igw, c -> true), "InvalidParameterValue", local);
    assertViolation(RouteRules.createRoute(table, cidr("10.0.1.0/24"), nat, c -> false), "InvalidParameterValue", local);
    assertThat(RouteRules.createRoute(table, cidr("10.0.1.0/24"), nat, c -> c.equals(Cidr.parse("10.0.1.0/24")))).isEmpty();
    assertThat(RouteRules.createRoute(table, cidr("10.9.0.0/16"), igw, c -> false)).isEmpty();
  }

  @Test
  void createRoute_quotaCountsCreatedRoutesOfTheFamily() {
    List<RouteTable.Route> routes = new ArrayList<>(table.routes());
    for (int i = routes.size() - 1; i < VpcQuotas.ROUTES_PER_TABLE; i++) {
      routes.add(new RouteTable.Route(cidr("172.16." + i + ".0/24"), new RouteTarget.NatGateway("nat-1"), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE));
    }
    RouteTable full = table.withRoutes(routes);
    assertViolation(RouteRules.createRoute(full, cidr("192.168.0.0/24"), new RouteTarget.NatGateway("nat-1"), c -> false),
        "RouteLimitExceeded", "The maximum number of routes has been reached.");
    assertThat(RouteRules.createRoute(full, cidr("2001:db8::/32"), new RouteTarget.NatGateway("nat-1"), c -> false)).isEmpty();
  }

  @Test
  void replace_missingRouteOrLocalToGateway_refused() {
    assertViolation(RouteRules.replaceable(table, cidr("10.9.0.0/16")), "InvalidParameterValue",
        "There is no route defined for '10.9.0.0/16' in the route table. Use CreateRoute instead.");
    assertThat(RouteRules.replaceable(table, LOCAL)).isEmpty();
    RouteTable.Route local = table.route(LOCAL).orElseThrow();
    assertViolation(RouteRules.replaceRoute(local, new RouteTarget.InternetGateway("igw-1")), "InvalidParameterValue",
        "The local route 10.0.0.0/16 can only be replaced by a route to a network interface or NAT gateway");
    assertThat(RouteRules.replaceRoute(local, new RouteTarget.NetworkInterface("eni-1", null))).isEmpty();
    assertThat(RouteRules.replaceRoute(local, new RouteTarget.Local())).isEmpty();
  }

  @Test
  void deleteRoute_missingLocalOrEndpointOwned_refused() {
    assertViolation(RouteRules.deleteRoute(table, cidr("10.9.0.0/16")), "InvalidRoute.NotFound",
        "no route with destination-cidr-block 10.9.0.0/16 in route table rtb-1");
    assertViolation(RouteRules.deleteRoute(table, LOCAL), "InvalidParameterValue",
        "cannot remove local route 10.0.0.0/16 in route table rtb-1");
    assertViolation(RouteRules.deleteRoute(table, ENDPOINT_ROUTE), "InvalidParameterValue",
        "Route pl-63a5400a is owned by VPC endpoint vpce-1 and cannot be deleted; modify the endpoint instead");
    assertThat(RouteRules.deleteRoute(table, cidr("0.0.0.0/0"))).isEmpty();
  }
  @Test
  void targets_outsideTheTablesVpc_refused() {
    assertViolation(RouteRules.targetInVpc(table, "igw-9", null), "InvalidParameterValue",
        "route table rtb-1 and network gateway igw-9 belong to different networks");
    assertViolation(RouteRules.targetInVpc(table, "eni-9", "vpc-9"), "InvalidParameterValue",
        "route table rtb-1 and network gateway eni-9 belong to different networks");
    assertThat(RouteRules.targetInVpc(table, "eni-1", "vpc-1")).isEmpty();

    var side = new VpcPeeringConnection.Side("111111111111", "vpc-8", "us-east-1", List.of());
    var elsewhere = new VpcPeeringConnection("pcx-9", side, new VpcPeeringConnection.Side("111111111111", "vpc-9",
        "us-east-1", List.of()), "active", "Active", null);
    assertViolation(RouteRules.peeringTarget(table, elsewhere), "InvalidParameterValue",
        "route table rtb-1 and network gateway pcx-9 belong to different networks");
    var ours = new VpcPeeringConnection("pcx-1", side, new VpcPeeringConnection.Side("111111111111", "vpc-1",
        "us-east-1", List.of()), "active", "Active", null);
    assertThat(RouteRules.peeringTarget(table, ours)).isEmpty();

    assertViolation(RouteRules.endpointTarget(table, endpoint("Interface")), "InvalidParameterValue",
        "Route table rtb-1 target vpce-1 is not a Gateway Load Balancer endpoint");
    assertThat(RouteRules.endpointTarget(table, endpoint("GatewayLoadBalancer"))).isEmpty();
  }

  private static VpcEndpoint endpoint(String type) {
    return new VpcEndpoint("vpce-1", type, "vpc-1", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "available", List.of(),
        List.of(), List.of(), List.of(), false, List.of(), "{}", java.time.Instant.EPOCH);
  }
}
