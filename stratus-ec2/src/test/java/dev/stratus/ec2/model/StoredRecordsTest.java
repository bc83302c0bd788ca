package dev.stratus.ec2.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.core.store.StoreJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
    // a schema-1 row: its lists inline (TgwRouteTables reads them, and moves them to rows on a write)
    assertThat(t.isInline()).isTrue();
    assertThat(t.header().isInline()).isFalse();
    assertThat(StoreJson.write(t.header())).contains("\"routes\":[]", "\"associations\":[]", "\"propagations\":[]",
        "\"defaultAssociation\":true");
  }

  /** Schema 2 keeps a table's propagations and static routes as rows of their own. */
  @Test
  void transitGatewayRouteTableRows_roundTrip() {
    var p = new TransitGatewayRouteTable.Propagation("tgw-rtb-1", "tgw-attach-1",
        List.of(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.1.0.0/16")));
    roundTrips(p);
    assertThat(StoreJson.write(p)).isEqualTo("{\"routeTableId\":\"tgw-rtb-1\",\"attachmentId\":\"tgw-attach-1\","
        + "\"routes\":[\"10.0.0.0/16\",\"10.1.0.0/16\"]}");
    assertThat(p.asRoutes()).containsExactly(
        new TransitGatewayRouteTable.Route(Cidr.parse("10.0.0.0/16"), "tgw-attach-1",
            TransitGatewayRouteTable.RouteType.PROPAGATED, TransitGatewayRouteTable.RouteState.ACTIVE),
        new TransitGatewayRouteTable.Route(Cidr.parse("10.1.0.0/16"), "tgw-attach-1",
            TransitGatewayRouteTable.RouteType.PROPAGATED, TransitGatewayRouteTable.RouteState.ACTIVE));
    var blackhole = new TransitGatewayRouteTable.StaticRoute("tgw-rtb-1", new TransitGatewayRouteTable.Route(
        Cidr.parse("10.9.0.0/16"), null, TransitGatewayRouteTable.RouteType.STATIC, TransitGatewayRouteTable.RouteState.BLACKHOLE));
    var toPrefixList = new TransitGatewayRouteTable.StaticRoute("tgw-rtb-1", new TransitGatewayRouteTable.Route(
        null, "tgw-attach-1", TransitGatewayRouteTable.RouteType.STATIC, TransitGatewayRouteTable.RouteState.ACTIVE, "pl-1"));
    roundTrips(blackhole);
    roundTrips(toPrefixList);
    assertThat(blackhole.rowId()).isEqualTo("tgw-rtb-1/10.9.0.0/16");
    assertThat(toPrefixList.rowId()).isEqualTo("tgw-rtb-1/pl-1");
    assertThat(StoreJson.write(blackhole)).doesNotContain("rowId");
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

  /**
   * Interface rows written before RequesterId, Attachment.InstanceOwnerId and secondary addresses
   * were kept (an instance's, a NAT gateway's, a load balancer node's) load with none, and are
   * written back with every old field unchanged.
   */
  @Test
  void networkInterface_rowsStoredBeforeOwnerFields_loadAndWriteBackTheSame() {
    String instanceRow = "{\"id\":\"eni-1\",\"subnetId\":\"subnet-1\",\"vpcId\":\"vpc-1\",\"availabilityZone\":\"us-east-1a\","
        + "\"privateIpAddress\":\"10.0.1.4\",\"ipv6Addresses\":[],\"groupIds\":[\"sg-1\"],\"status\":\"in-use\","
        + "\"interfaceType\":\"interface\",\"description\":\"Primary network interface\",\"macAddress\":\"0e:01:02:03:04:05\","
        + "\"requesterManaged\":false,\"sourceDestCheck\":true,\"attachment\":{\"id\":\"eni-attach-1\",\"instanceId\":\"i-1\","
        + "\"deviceIndex\":0,\"status\":\"attached\",\"deleteOnTermination\":true},"
        + "\"association\":{\"publicIp\":\"3.80.1.2\",\"allocationId\":null,\"associationId\":null}}";
    String natRow = "{\"id\":\"eni-2\",\"subnetId\":\"subnet-1\",\"vpcId\":\"vpc-1\",\"availabilityZone\":\"us-east-1a\","
        + "\"privateIpAddress\":\"10.0.1.5\",\"ipv6Addresses\":[],\"groupIds\":[],\"status\":\"in-use\","
        + "\"interfaceType\":\"nat_gateway\",\"description\":\"Interface for NAT Gateway nat-1\",\"macAddress\":\"0e:01:02:03:04:06\","
        + "\"requesterManaged\":true,\"sourceDestCheck\":true,\"attachment\":null,"
        + "\"association\":{\"publicIp\":\"3.80.1.3\",\"allocationId\":\"eipalloc-1\",\"associationId\":null}}";
    String elbRow = "{\"id\":\"eni-3\",\"subnetId\":\"subnet-1\",\"vpcId\":\"vpc-1\",\"availabilityZone\":\"us-east-1a\","
        + "\"privateIpAddress\":\"10.0.1.6\",\"ipv6Addresses\":[],\"groupIds\":[\"sg-1\"],\"status\":\"in-use\","
        + "\"interfaceType\":\"interface\",\"description\":\"ELB app/web/50dc6c495c0c9188\",\"macAddress\":\"0e:01:02:03:04:07\","
        + "\"requesterManaged\":true,\"sourceDestCheck\":true,\"attachment\":{\"id\":\"ela-attach-1\",\"instanceId\":null,"
        + "\"deviceIndex\":1,\"status\":\"attached\",\"deleteOnTermination\":false},\"association\":null}";
    for (String row : List.of(instanceRow, natRow, elbRow)) {
      NetworkInterface e = StoreJson.read(row, NetworkInterface.class);
      assertThat(e.requesterId()).isNull();
      assertThat(e.secondaryPrivateIpAddresses()).isEmpty();
      assertThat(e.privateIpAddresses()).containsExactly(e.privateIpAddress());
      if (e.attachment() != null) assertThat(e.attachment().instanceOwnerId()).isNull();
      JsonNode old = StoreJson.MAPPER.readTree(row);
      JsonNode written = StoreJson.MAPPER.readTree(StoreJson.write(e));
      old.propertyNames().forEach(f -> {
        if (f.equals("attachment") && !old.get(f).isNull()) {
          old.get(f).propertyNames().forEach(g -> assertThat(written.get(f).get(g)).as(f + "." + g).isEqualTo(old.get(f).get(g)));
        } else {
          assertThat(written.get(f)).as(f).isEqualTo(old.get(f));
        }
      });
      roundTrips(e);
    }
    var e = StoreJson.read(elbRow, NetworkInterface.class).withRequesterId("amazon-elb");
    roundTrips(e.withAttachment(new NetworkInterface.Attachment("ela-attach-1", null, 1, "attached", false, "amazon-elb"),
        "in-use"));
    roundTrips(new NetworkInterface("eni-4", "subnet-1", "vpc-1", "us-east-1a", "10.0.1.7", List.of("2600:1f18::7"),
        List.of(), "in-use", "interface", "", null, false, true, null, null, null, List.of("10.0.1.8", "10.0.1.9")));
  }

  /** A security group row of the build before (unchanged record) loads and writes back the same JSON. */
  @Test
  void securityGroup_rowStoredByTheBuildBefore_loadsAndWritesBackTheSame() {
    String row = "{\"id\":\"sg-1\",\"name\":\"web\",\"description\":\"d\",\"vpcId\":\"vpc-1\",\"rules\":["
        + "{\"id\":\"sgr-1\",\"egress\":false,\"protocol\":\"tcp\",\"fromPort\":443,\"toPort\":443,"
        + "\"peer\":{\"kind\":\"cidr\",\"cidr\":\"0.0.0.0/0\"},\"description\":null},"
        + "{\"id\":\"sgr-2\",\"egress\":false,\"protocol\":\"-1\",\"fromPort\":-1,\"toPort\":-1,"
        + "\"peer\":{\"kind\":\"sg\",\"groupId\":\"sg-1\",\"ownerId\":\"123\"},\"description\":\"self\"},"
        + "{\"id\":\"sgr-3\",\"egress\":true,\"protocol\":\"-1\",\"fromPort\":-1,\"toPort\":-1,"
        + "\"peer\":{\"kind\":\"pl\",\"prefixListId\":\"pl-1\"},\"description\":null}]}";
    SecurityGroup g = StoreJson.read(row, SecurityGroup.class);
    assertThat(g.rules()).extracting(SecurityGroup.Rule::id).containsExactly("sgr-1", "sgr-2", "sgr-3");
    assertThat(StoreJson.MAPPER.readTree(StoreJson.write(g))).isEqualTo(StoreJson.MAPPER.readTree(row));
  }
}
