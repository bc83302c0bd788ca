package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetSelector;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NLB target choice without sockets: flow hash, zones, health, stickiness (elbv2.md §16, §27, §28). */
class NlbRouteTest {
  static final String LB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/n/1";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/g/1";
  static final LoadBalancer.Node NODE_A = new LoadBalancer.Node("subnet-a", "us-east-1a", "127.1.0.1");
  static final InetSocketAddress LISTENER = new InetSocketAddress("127.1.0.1", 7000);

  record T(String ip, int port, String az, boolean healthy) {}

  static RoutingSnapshot snapshot(Map<String, String> lbAttrs, Map<String, String> tgAttrs, T... targets) {
    var lb = new LoadBalancer(LB, "n", "network", "internal", "vpc-1", "n.elb.localhost", Instant.EPOCH, "ipv4",
        List.of(NODE_A, new LoadBalancer.Node("subnet-b", "us-east-1b", "127.1.0.2")), List.of(), lbAttrs);
    var hc = new TargetGroup.HealthCheck(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null, null);
    var registered = java.util.Arrays.stream(targets)
        .map(t -> new TargetGroup.Target(t.ip(), t.port(), t.az(), t.ip(), Instant.EPOCH, null)).toList();
    var tg = new TargetGroup(TG, "g", "TCP", null, 80, "vpc-1", "ip", "ipv4", hc, tgAttrs, registered);
    var candidates = java.util.Arrays.stream(targets)
        .map(t -> new TargetSelector.Candidate(t.ip(), t.ip(), t.port(), t.healthy(), null)).toList();
    var listener = new Listener(LB + "/l", LB, "TCP", 7000, null, List.of(),
        List.of(new Action("forward", 1, new Action.Forward(List.of(new Action.WeightedTargetGroup(TG, 1)), false, null),
            null, null)), List.of());
    return new RoutingSnapshot(Map.of(LB, lb), Map.of(listener.arn(), listener), Map.of(),
        Map.of(TG, new RoutingSnapshot.GroupView(tg, TargetSelector.Settings.of(tg), candidates)));
  }

  static NlbRoute route(RoutingSnapshot s) {
    return NlbRoute.of(s, s.loadBalancers().get(LB), NODE_A, s.listeners().values().iterator().next());
  }

  static InetSocketAddress client(int port) { return new InetSocketAddress("127.0.0.1", port); }

  @Test
  @DisplayName("§28: the same 5-tuple always reaches the same target, also in a rebuilt route")
  void choose_sameFiveTuple_sameTarget() {
    var targets = new T[] {new T("10.0.1.5", 80, "us-east-1a", true), new T("10.0.1.6", 80, "us-east-1a", true),
        new T("10.0.1.7", 80, "us-east-1a", true)};
    var r1 = route(snapshot(Map.of(), Map.of(), targets));
    var r2 = route(snapshot(Map.of(), Map.of(), targets));
    for (int port = 40000; port < 40100; port++) {
      var first = r1.choose("TCP", client(port), LISTENER).orElseThrow();
      assertThat(r1.choose("TCP", client(port), LISTENER)).contains(first);
      assertThat(r2.choose("TCP", client(port), LISTENER).orElseThrow().target()).isEqualTo(first.target());
    }
  }

  @Test
  void choose_manyFlows_spreadOverEveryTarget() {
    var r = route(snapshot(Map.of(), Map.of(), new T("10.0.1.5", 80, "us-east-1a", true),
        new T("10.0.1.6", 80, "us-east-1a", true), new T("10.0.1.7", 80, "us-east-1a", true)));
    int[] counts = new int[3];
    for (int port = 30000; port < 33000; port++) {
      String ip = r.choose("TCP", client(port), LISTENER).orElseThrow().target().id();
      counts[Integer.parseInt(ip.substring(ip.length() - 1)) - 5]++;
    }
    for (int c : counts) assertThat(c).isBetween(800, 1200);
  }

  @Test
  @DisplayName("§27: cross-zone off by default: a node uses its zone's targets and those of zone 'all'")
  void of_crossZoneOff_keepsTheNodesZone() {
    var r = route(snapshot(Map.of(), Map.of(), new T("10.0.1.5", 80, "us-east-1a", true),
        new T("10.0.2.5", 80, "us-east-1b", true), new T("127.0.0.1", 9000, "all", true)));
    assertThat(r.routable()).extracting(t -> t.target().id()).containsExactlyInAnyOrder("10.0.1.5", "127.0.0.1");
  }

  @Test
  void of_crossZoneOnTheBalancer_orTheGroup_usesEveryZone_andTheGroupWins() {
    T[] targets = {new T("10.0.1.5", 80, "us-east-1a", true), new T("10.0.2.5", 80, "us-east-1b", true)};
    var on = Map.of("load_balancing.cross_zone.enabled", "true");
    var off = Map.of("load_balancing.cross_zone.enabled", "false");
    assertThat(route(snapshot(on, Map.of(), targets)).routable()).hasSize(2);
    assertThat(route(snapshot(Map.of(), on, targets)).routable()).hasSize(2);
    assertThat(route(snapshot(on, off, targets)).routable()).hasSize(1);
  }

  @Test
  @DisplayName("§16: unhealthy targets get no flows; all unhealthy routes to all (fail-open)")
  void of_health_unhealthyLeave_allUnhealthyFailOpen() {
    var some = route(snapshot(Map.of(), Map.of(), new T("10.0.1.5", 80, "us-east-1a", true),
        new T("10.0.1.6", 80, "us-east-1a", false)));
    assertThat(some.failOpen()).isFalse();
    assertThat(some.routable()).extracting(t -> t.target().id()).containsExactly("10.0.1.5");
    var none = route(snapshot(Map.of(), Map.of(), new T("10.0.1.5", 80, "us-east-1a", false),
        new T("10.0.1.6", 80, "us-east-1a", false)));
    assertThat(none.failOpen()).isTrue();
    assertThat(none.routable()).hasSize(2);
    assertThat(route(snapshot(Map.of(), Map.of())).choose("TCP", client(1), LISTENER)).isEmpty();
  }

  @Test
  void choose_sourceIpStickiness_ignoresTheSourcePort() {
    var r = route(snapshot(Map.of(), Map.of("stickiness.enabled", "true", "stickiness.type", "source_ip"),
        new T("10.0.1.5", 80, "us-east-1a", true), new T("10.0.1.6", 80, "us-east-1a", true),
        new T("10.0.1.7", 80, "us-east-1a", true)));
    Set<String> chosen = new HashSet<>();
    for (int port = 40000; port < 40050; port++) chosen.add(r.choose("TCP", client(port), LISTENER).orElseThrow().target().id());
    assertThat(chosen).hasSize(1);
  }

  @Test
  void of_attributes_proxyProtocolAndClientIpPreservation() {
    var r = route(snapshot(Map.of(), Map.of("proxy_protocol_v2.enabled", "true"), new T("10.0.1.5", 80, "us-east-1a", true)));
    assertThat(r.proxyProtocolV2()).isTrue();
    assertThat(r.preserveClientIp()).isFalse(); // ip targets over TCP: off by default (§30)
  }
}
