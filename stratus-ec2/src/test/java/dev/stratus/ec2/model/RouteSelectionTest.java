package dev.stratus.ec2.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RouteSelectionTest {

  /** Builds a table from lines like {@code "10.0.0.0/16 local"} or {@code "0.0.0.0/0 igw-1 propagated blackhole"}. */
  static RouteTable table(String... lines) {
    List<RouteTable.Route> routes = Arrays.stream(lines).map(l -> {
      String[] p = l.split(" ");
      RouteTable.Destination d = p[0].startsWith("pl-") ? new RouteTable.PrefixListDestination(p[0])
          : new RouteTable.CidrDestination(Cidr.parse(p[0]));
      RouteTarget t = switch (p[1].substring(0, p[1].indexOf('-') < 0 ? p[1].length() : p[1].indexOf('-'))) {
        case "local" -> new RouteTarget.Local();
        case "igw" -> new RouteTarget.InternetGateway(p[1]);
        case "nat" -> new RouteTarget.NatGateway(p[1]);
        case "vgw" -> new RouteTarget.VpnGateway(p[1]);
        case "vpce" -> new RouteTarget.GatewayEndpoint(p[1]);
        default -> new RouteTarget.NetworkInterface(p[1], null);
      };
      String origin = l.contains("propagated") ? "EnableVgwRoutePropagation"
          : t instanceof RouteTarget.Local ? "CreateRouteTable" : "CreateRoute";
      return new RouteTable.Route(d, t, origin, l.contains("blackhole") ? "blackhole" : "active");
    }).toList();
    return new RouteTable("rtb-1", "vpc-1", routes, List.of(), List.of());
  }

  private static String winner(RouteTable t, String ip) {
    return RouteSelection.select(t, ip, Map.of("pl-s3", List.of(Cidr.parse("52.216.0.0/15")))).winner()
        .map(r -> r.target().id()).orElse("none");
  }

  @Test
  @DisplayName("vpc.md §9: longest prefix wins")
  void select_longestPrefix_wins() {
    RouteTable t = table("10.0.0.0/16 local", "0.0.0.0/0 igw-1", "10.1.0.0/16 nat-1");
    assertThat(winner(t, "10.1.2.3")).isEqualTo("nat-1");
    assertThat(winner(t, "10.0.2.3")).isEqualTo("local");
    assertThat(winner(t, "8.8.8.8")).isEqualTo("igw-1");
  }

  @Test
  @DisplayName("vpc.md §9: 0.0.0.0/0 does not cover IPv6")
  void select_ipv4Default_doesNotMatchIpv6() {
    assertThat(winner(table("10.0.0.0/16 local", "0.0.0.0/0 igw-1"), "2600::1")).isEqualTo("none");
  }

  @Test
  @DisplayName("vpc.md §10: same prefix, static beats propagated")
  void select_samePrefix_staticBeatsPropagated() {
    assertThat(winner(table("10.0.0.0/16 local", "192.168.0.0/16 vgw-1 propagated", "192.168.0.0/16 eni-1"),
        "192.168.1.1")).isEqualTo("eni-1");
  }

  @Test
  @DisplayName("vpc.md §10: propagated routes overlapping local never win")
  void select_propagatedInsideLocal_neverWins() {
    assertThat(winner(table("10.0.0.0/16 local", "10.0.1.0/24 vgw-1 propagated"), "10.0.1.5")).isEqualTo("local");
  }

  @Test
  @DisplayName("vpc.md §10: prefix-list route beats a propagated route of the same length")
  void select_prefixList_beatsPropagated() {
    assertThat(winner(table("10.0.0.0/16 local", "52.216.0.0/15 vgw-1 propagated", "pl-s3 vpce-1"), "52.216.1.1"))
        .isEqualTo("vpce-1");
  }

  @Test
  void select_blackholeWinner_dropped() {
    var d = RouteSelection.select(table("10.0.0.0/16 local", "0.0.0.0/0 nat-1 blackhole"), "1.1.1.1", Map.of());
    assertThat(d.dropped()).isTrue();
    assertThat(d.winner()).isPresent();
  }
}
