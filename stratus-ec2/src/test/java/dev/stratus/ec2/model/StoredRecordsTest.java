package dev.stratus.ec2.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.StoreJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored records round-trip through the store's JSON unchanged, sealed families included. */
class StoredRecordsTest {

  private static <T> void roundTrips(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    assertThat(StoreJson.read(StoreJson.write(value), type)).isEqualTo(value);
  }

  @Test
  void routeTable_everyTargetAndDestinationKind_roundTrips() {
    List<RouteTarget> targets = List.of(new RouteTarget.Local(), new RouteTarget.InternetGateway("igw-1"),
        new RouteTarget.EgressOnlyInternetGateway("eigw-1"), new RouteTarget.NatGateway("nat-1"),
        new RouteTarget.TransitGateway("tgw-1"), new RouteTarget.PeeringConnection("pcx-1"),
        new RouteTarget.NetworkInterface("eni-1", "i-1"), new RouteTarget.NetworkInterface("eni-2", null),
        new RouteTarget.GatewayEndpoint("vpce-1"), new RouteTarget.VpnGateway("vgw-1"));
    List<RouteTable.Route> routes = targets.stream().map(t -> new RouteTable.Route(
        new RouteTable.CidrDestination(Cidr.parse("10.0.0.0/16")), t, RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE)).toList();
    var table = new RouteTable("rtb-1", "vpc-1", routes, List.of(new RouteTable.Association("a", true, null, null)),
        List.of("vgw-1"));
    roundTrips(table.withRoutes(new java.util.ArrayList<>(routes) {{
      add(new RouteTable.Route(new RouteTable.PrefixListDestination("pl-1"), new RouteTarget.GatewayEndpoint("vpce-1"),
          RouteTable.Origin.CREATE_ROUTE, RouteTable.State.BLACKHOLE));
    }}));
  }

  @Test
  void securityGroupAndAcl_roundTrip() {
    roundTrips(new SecurityGroup("sg-1", "web", "d", "vpc-1", List.of(
        new SecurityGroup.Rule("sgr-1", false, "tcp", 443, 443, new SecurityGroup.CidrPeer(Cidr.parse("::/0")), null),
        new SecurityGroup.Rule("sgr-2", false, "-1", -1, -1, new SecurityGroup.GroupPeer("sg-1", "123"), "self"),
        new SecurityGroup.Rule("sgr-3", true, "-1", -1, -1, new SecurityGroup.PrefixListPeer("pl-1"), null))));
    roundTrips(new NetworkAcl("acl-1", "vpc-1", false, List.of(
        new NetworkAcl.Entry(100, false, "6", NetworkAcl.RuleAction.ALLOW, Cidr.parse("0.0.0.0/0"), PortRange.of(443, 443), -1, -1),
        NetworkAcl.Entry.implicitDeny(true, Cidr.parse("::/0"))), List.of(new NetworkAcl.Association("aclassoc-1", "s"))));
  }

  /** Rows written before the vocabularies became enums hold AWS's strings; they load, and are written back the same. */
  @Test
  void transitGateway_rowsStoredWithStrings_loadAsEnums_andWriteTheSameStrings() {
    String attachmentRow = "{\"id\":\"tgw-attach-1\",\"transitGatewayId\":\"tgw-1\",\"resourceType\":\"peering\","
        + "\"resourceId\":\"tgw-2\",\"resourceOwnerId\":\"111111111111\",\"state\":\"available\",\"subnetIds\":[],"
        + "\"associatedRouteTableId\":null,\"creationTime\":\"2026-12-07T00:00:00Z\",\"peerRegion\":\"eu-west-1\","
        + "\"peerAccountId\":\"111111111111\",\"applianceModeSupport\":\"disable\",\"dnsSupport\":\"disable\","
        + "\"requester\":true}";
    var a = StoreJson.read(attachmentRow, TransitGatewayAttachment.class);
    assertThat(a.resourceType()).isEqualTo(TransitGatewayAttachment.ResourceType.PEERING);
    assertThat(a.state()).isEqualTo(TransitGatewayAttachment.State.AVAILABLE);
    assertThat(StoreJson.write(a.withState(TransitGatewayAttachment.State.PENDING_ACCEPTANCE)))
        .contains("\"state\":\"pendingAcceptance\"");
    assertThat(StoreJson.write(a)).contains("\"resourceType\":\"peering\"");
    roundTrips(a);

    // A table row from before prefix-list routes: no prefixListId field.
    String tableRow = "{\"id\":\"tgw-rtb-1\",\"transitGatewayId\":\"tgw-1\",\"state\":\"available\","
        + "\"defaultAssociation\":true,\"defaultPropagation\":true,\"creationTime\":\"2026-12-07T00:00:00Z\","
        + "\"routes\":[{\"destination\":\"10.0.0.0/16\",\"attachmentId\":\"tgw-attach-1\",\"type\":\"propagated\","
        + "\"state\":\"active\"},{\"destination\":\"10.9.0.0/16\",\"attachmentId\":null,\"type\":\"static\","
        + "\"state\":\"blackhole\"}],\"associations\":[\"tgw-attach-1\"],\"propagations\":[\"tgw-attach-1\"]}";
    var t = StoreJson.read(tableRow, TransitGatewayRouteTable.class);
    assertThat(t.routes()).containsExactly(
        new TransitGatewayRouteTable.Route(Cidr.parse("10.0.0.0/16"), "tgw-attach-1",
            TransitGatewayRouteTable.RouteType.PROPAGATED, TransitGatewayRouteTable.RouteState.ACTIVE),
        new TransitGatewayRouteTable.Route(Cidr.parse("10.9.0.0/16"), null,
            TransitGatewayRouteTable.RouteType.STATIC, TransitGatewayRouteTable.RouteState.BLACKHOLE));
    assertThat(StoreJson.write(t)).contains("\"type\":\"propagated\"", "\"state\":\"blackhole\"");
    roundTrips(t);
  }

  /** A route table row written when origin and state were strings loads as the enums and writes the same JSON. */
  @Test
  void routeTable_rowStoredWithStrings_loadsAsEnums_andWritesTheSameStrings() {
    String row = "{\"id\":\"rtb-1\",\"vpcId\":\"vpc-1\",\"routes\":["
        + "{\"destination\":{\"kind\":\"cidr\",\"cidr\":\"10.0.0.0/16\"},\"target\":{\"kind\":\"local\"},"
        + "\"origin\":\"CreateRouteTable\",\"state\":\"active\"},"
        + "{\"destination\":{\"kind\":\"cidr\",\"cidr\":\"0.0.0.0/0\"},\"target\":{\"kind\":\"nat\",\"id\":\"nat-1\"},"
        + "\"origin\":\"CreateRoute\",\"state\":\"blackhole\"},"
        + "{\"destination\":{\"kind\":\"cidr\",\"cidr\":\"192.168.0.0/16\"},\"target\":{\"kind\":\"vgw\",\"id\":\"vgw-1\"},"
        + "\"origin\":\"EnableVgwRoutePropagation\",\"state\":\"active\"}],"
        + "\"associations\":[{\"id\":\"rtbassoc-1\",\"main\":true,\"subnetId\":null,\"gatewayId\":null}],"
        + "\"propagatingVgws\":[\"vgw-1\"]}";
    RouteTable t = StoreJson.read(row, RouteTable.class);
    assertThat(t.routes()).extracting(RouteTable.Route::origin).containsExactly(RouteTable.Origin.CREATE_ROUTE_TABLE,
        RouteTable.Origin.CREATE_ROUTE, RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION);
    assertThat(t.routes().get(1).state()).isEqualTo(RouteTable.State.BLACKHOLE);
    assertThat(t.routes().get(1).drops()).isTrue();
    assertThat(StoreJson.read(StoreJson.write(t), RouteTable.class)).isEqualTo(t);
    assertThat(StoreJson.write(t)).contains("\"origin\":\"CreateRouteTable\"", "\"origin\":\"EnableVgwRoutePropagation\"",
        "\"state\":\"blackhole\"");
    roundTrips(t.withRoutes(List.of(new RouteTable.Route(new RouteTable.CidrDestination(Cidr.parse("10.9.0.0/16")),
        new RouteTarget.Unmodelled("cagw-1"), RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE))));
  }

  /** A NACL row written when the rule action was a string loads as the enum and writes the same JSON. */
  @Test
  void networkAcl_rowStoredWithStrings_loadsAsEnum() {
    String row = "{\"id\":\"acl-1\",\"vpcId\":\"vpc-1\",\"isDefault\":false,\"entries\":["
        + "{\"ruleNumber\":100,\"egress\":false,\"protocol\":\"6\",\"ruleAction\":\"allow\",\"cidr\":\"0.0.0.0/0\","
        + "\"portRange\":{\"from\":443,\"to\":443},\"icmpType\":-1,\"icmpCode\":-1},"
        + "{\"ruleNumber\":32767,\"egress\":false,\"protocol\":\"-1\",\"ruleAction\":\"deny\",\"cidr\":\"0.0.0.0/0\","
        + "\"portRange\":null,\"icmpType\":-1,\"icmpCode\":-1}],"
        + "\"associations\":[{\"id\":\"aclassoc-1\",\"subnetId\":\"subnet-1\"}]}";
    NetworkAcl a = StoreJson.read(row, NetworkAcl.class);
    assertThat(a.entries()).extracting(NetworkAcl.Entry::ruleAction)
        .containsExactly(NetworkAcl.RuleAction.ALLOW, NetworkAcl.RuleAction.DENY);
    assertThat(StoreJson.write(a)).contains("\"ruleAction\":\"allow\"", "\"ruleAction\":\"deny\"");
    roundTrips(a);
  }
}
