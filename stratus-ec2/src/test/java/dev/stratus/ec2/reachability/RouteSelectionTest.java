package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import dev.stratus.ec2.model.ManagedPrefixList;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link RouteSelection} and {@link TransitGatewayRouteSelection}: one test per clause of vpc.md §9–10, §33. */
class RouteSelectionTest {
  private static final Vpc VPC = Fixtures.vpc("vpc-1", "10.0.0.0/16");
  private static final ManagedPrefixList PL = new ManagedPrefixList("pl-1", "list", "IPv4",
      List.of(Cidr.parseBlockOrAddress("52.0.0.0/16")));

  /** A table from lines like {@code "10.0.0.0/16 local"}, {@code "0.0.0.0/0 igw-1 propagated"}. */
  private static RouteSelection table(String... lines) {
    List<RouteTable.Route> routes = new ArrayList<>();
    for (String l : lines) {
      String[] p = l.split(" ");
      RouteTable.Destination d = p[0].startsWith("pl-") ? new RouteTable.PrefixListDestination(p[0])
          : new RouteTable.CidrDestination(Cidr.parseBlockOrAddress(p[0]));
      RouteTarget t = p[1].equals("local") ? new RouteTarget.Local() : p[1].startsWith("igw-")
          ? new RouteTarget.InternetGateway(p[1]) : p[1].startsWith("vgw-") ? new RouteTarget.VpnGateway(p[1])
          : p[1].startsWith("pcx-") ? new RouteTarget.PeeringConnection(p[1]) : new RouteTarget.NatGateway(p[1]);
      RouteTable.Origin o = p.length > 2 ? RouteTable.Origin.ENABLE_VGW_ROUTE_PROPAGATION : RouteTable.Origin.CREATE_ROUTE;
      routes.add(new RouteTable.Route(d, t, o, RouteTable.State.ACTIVE));
    }
    return RouteSelection.of(new RouteTable("rtb-1", "vpc-1", routes,
        List.of(new RouteTable.Association("rtbassoc-1", true, null, null)), List.of()), VPC,
        Map.of("pl-1", PL));
  }

  private static String target(RouteSelection s, String ip) {
    return s.select(Cidr.parseBlockOrAddress(ip)).map(r -> r.target().id()).orElse("none");
  }

  @Test
  @DisplayName("§9 longest prefix wins")
  void select_longestPrefix_wins() {
    RouteSelection s = table("10.0.0.0/16 local", "0.0.0.0/0 igw-1", "172.16.0.0/12 pcx-1", "172.16.5.0/24 nat-1");
    assertThat(target(s, "172.16.5.9")).isEqualTo("nat-1");
    assertThat(target(s, "172.16.6.9")).isEqualTo("pcx-1");
    assertThat(target(s, "8.8.8.8")).isEqualTo("igw-1");
    assertThat(target(s, "10.0.3.3")).isEqualTo("local");
  }

  @Test
  @DisplayName("§9 0.0.0.0/0 does not match IPv6")
  void select_ipv4Default_doesNotMatchIpv6() {
    assertThat(target(table("0.0.0.0/0 igw-1"), "2600:1f18::1")).isEqualTo("none");
  }

  @Test
  @DisplayName("§10 same prefix: static beats propagated")
  void select_samePrefix_staticBeatsPropagated() {
    assertThat(target(table("192.168.0.0/16 vgw-1 propagated", "192.168.0.0/16 pcx-1"), "192.168.1.1")).isEqualTo("pcx-1");
  }

  @Test
  @DisplayName("§10 same prefix: a prefix-list route beats a propagated route; a static CIDR beats the list")
  void select_samePrefix_prefixListBetweenStaticAndPropagated() {
    assertThat(target(table("52.0.0.0/16 vgw-1 propagated", "pl-1 igw-1"), "52.0.0.1")).isEqualTo("igw-1");
    assertThat(target(table("pl-1 igw-1", "52.0.0.0/16 pcx-1"), "52.0.0.1")).isEqualTo("pcx-1");
  }

  @Test
  @DisplayName("§10 a propagated route overlapping the local block never wins, even if more specific")
  void select_propagatedInsideLocal_neverWins() {
    assertThat(target(table("10.0.0.0/16 local", "10.0.5.0/24 vgw-1 propagated"), "10.0.5.5")).isEqualTo("local");
  }

  @Test
  @DisplayName("§33 transit gateway: static beats propagated; VPC-propagated beats VPN-propagated")
  void select_tgwSamePrefix_priority() {
    Cidr block = Cidr.parseBlockOrAddress("10.9.0.0/16");
    var vpn = new TransitGatewayRouteTable.Route(block, "tgw-attach-vpn", TransitGatewayRouteTable.RouteType.PROPAGATED,
        TransitGatewayRouteTable.RouteState.ACTIVE);
    var vpc = new TransitGatewayRouteTable.Route(block, "tgw-attach-vpc", TransitGatewayRouteTable.RouteType.PROPAGATED,
        TransitGatewayRouteTable.RouteState.ACTIVE);
    var stat = new TransitGatewayRouteTable.Route(block, "tgw-attach-static", TransitGatewayRouteTable.RouteType.STATIC,
        TransitGatewayRouteTable.RouteState.ACTIVE);
    Cidr a = Cidr.parseBlockOrAddress("10.9.1.1");
    assertThat(tgw(vpn, vpc).select(a).orElseThrow().route().attachmentId()).isEqualTo("tgw-attach-vpc");
    assertThat(tgw(vpn, vpc, stat).select(a).orElseThrow().route().attachmentId()).isEqualTo("tgw-attach-static");
  }

  /** The table's routes; the attachment's resource type is what its id says ({@code tgw-attach-vpn} is a VPN). */
  private static TransitGatewayRouteSelection tgw(TransitGatewayRouteTable.Route... routes) {
    return TransitGatewayRouteSelection.of(new TransitGatewayRouteTable("tgw-rtb-1", "tgw-1", "available", false, false,
        null, List.of(routes), List.of(), List.of()), Map.of(),
        id -> id.endsWith("-vpn") || id.endsWith("-static") ? TransitGatewayAttachment.ResourceType.VPN
            : TransitGatewayAttachment.ResourceType.VPC);
  }

  @Test
  void cidrBlock_parse_canonicalAndContainment() {
    assertThat(Cidr.parseBlockOrAddress("100.68.0.18/18").toString()).isEqualTo("100.68.0.0/18");
    assertThat(Cidr.parseBlockOrAddress("10.0.0.0/8").contains(Cidr.parseBlockOrAddress("10.255.1.1"))).isTrue();
    assertThat(Cidr.parseBlockOrAddress("2600:1f18::/56").contains(Cidr.parseBlockOrAddress("2600:1f18:0:ff::1"))).isTrue();
    assertThat(Cidr.parseBlockOrAddress("2600:1f18::/56").contains(Cidr.parseBlockOrAddress("2600:1f18:0:100::1"))).isFalse();
    assertThat(Cidr.tryParseBlockOrAddress("10.0.0.256/8")).isEmpty();
    assertThat(Cidr.tryParseBlockOrAddress("example.com/8")).isEmpty();
    assertThat(Cidr.parseBlockOrAddress("172.20.1.1").isRfc1918()).isTrue();
    assertThat(Cidr.parseBlockOrAddress("::/0").toString()).isEqualTo("::/0");
  }

  @Test
  @DisplayName("§19 a partial deny narrows the ports; a later allow admits the rest")
  void networkAcl_partialDeny_narrowsPorts() {
    NetworkAcl acl = new NetworkAcl("acl-1", "vpc-1", false, List.of(
        new NetworkAcl.Entry(10, false, "6", NetworkAcl.RuleAction.DENY, Cidr.ANY_IPV4, new PortRange(1024, 2047), -1, -1),
        new NetworkAcl.Entry(20, false, "6", NetworkAcl.RuleAction.ALLOW, Cidr.ANY_IPV4, PortRange.ALL, -1, -1)),
        List.of());
    AnalysisPacketHeader pkt = new AnalysisPacketHeader(Protocol.TCP, Cidr.parseBlockOrAddress("10.0.0.1"),
        Cidr.parseBlockOrAddress("10.0.1.1"), PortRange.single(443), PortRange.EPHEMERAL);
    NetworkAclEvaluation.Decision d = NetworkAclEvaluation.evaluate(acl, false, pkt);
    assertThat(d.allowed()).isTrue();
    assertThat(d.rule().ruleNumber()).isEqualTo(20);
    assertThat(d.packet().destinationPorts()).isEqualTo(new PortRange(2048, 65535));
  }
}
