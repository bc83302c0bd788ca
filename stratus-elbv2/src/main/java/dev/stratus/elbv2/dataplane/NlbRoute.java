package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.Attributes;
import dev.stratus.elbv2.model.FlowHash;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetSelector;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one NLB node's listener sends new flows, read from a {@link RoutingSnapshot}: the
 * listener's target group, the targets this node may use, and the group's PROXY protocol and
 * client IP settings. Immutable; one per snapshot.
 *
 * <p>Rules (elbv2.md §16, §27, §28, §30):
 * <ol>
 *   <li>the target group is the listener's forward action's (an NLB forwards to one group);
 *   <li>cross-zone load balancing is off unless the group says {@code true}, or says
 *       {@code use_load_balancer_configuration} (the default) and the balancer's
 *       {@code load_balancing.cross_zone.enabled} is {@code true}; off, a node uses only targets
 *       of its own Availability Zone and those registered with AZ {@code all};
 *   <li>of those, the healthy ones; when fewer are healthy than the group's
 *       {@code unhealthy_state_routing} minimum (default 1), all of them (fail-open);
 *   <li>the flow hash picks one ({@link FlowHash}), over the source address alone with
 *       {@code source_ip} stickiness;
 *   <li>an {@code alb} target is the target ALB's node in this node's zone (or its first node),
 *       on the target's port.
 * </ol>
 *
 * @param group the forward target group, null when the listener forwards nowhere
 * @param routable the targets flows go to, sorted by key (empty: flows are dropped)
 */
public record NlbRoute(TargetGroup group, List<Routable> routable, boolean failOpen, boolean proxyProtocolV2,
    boolean preserveClientIp, boolean sourceIpStickiness) {

  /** No group: every flow is dropped. */
  public static final NlbRoute NONE = new NlbRoute(null, List.of(), false, false, false, false);

  public NlbRoute { routable = List.copyOf(routable); }

  /** A target as a flow sees it: the registration and where its traffic goes. */
  public record Routable(TargetGroup.Target target, InetSocketAddress address, boolean healthy) {
    String key() { return target.id() + ":" + target.port(); }
  }

  public static NlbRoute of(RoutingSnapshot snapshot, LoadBalancer lb, LoadBalancer.Node node, Listener listener) {
    Optional<String> arn = forwardGroup(listener);
    RoutingSnapshot.GroupView view = arn.map(a -> snapshot.groups().get(a)).orElse(null);
    if (view == null) return NONE;
    TargetGroup tg = view.group();
    boolean crossZone = crossZone(lb, tg);
    List<Routable> eligible = new ArrayList<>();
    if (tg.targetType().equals("alb")) {
      for (TargetGroup.Target t : tg.targets()) {
        if (!t.registered() || t.port() == null) continue;
        LoadBalancer alb = snapshot.loadBalancers().get(t.id());
        if (alb == null || alb.nodes().isEmpty()) continue;
        LoadBalancer.Node albNode = alb.nodes().stream().filter(n -> n.availabilityZone().equals(node.availabilityZone()))
            .findFirst().orElse(alb.nodes().get(0));
        eligible.add(new Routable(t, new InetSocketAddress(albNode.address(), t.port()), true));
      }
    } else {
      for (TargetSelector.Candidate c : view.targets()) {
        TargetGroup.Target t = registration(tg, c);
        if (t == null || !(crossZone || inZone(t, node))) continue;
        eligible.add(new Routable(t, new InetSocketAddress(c.address(), c.port()), c.healthy()));
      }
    }
    eligible.sort(Comparator.comparing(Routable::key));
    List<Routable> healthy = eligible.stream().filter(Routable::healthy).toList();
    var settings = view.settings();
    boolean failOpen = healthy.size() < settings.minHealthyCount() || (settings.minHealthyPercentage() != null
        && healthy.size() * 100 < settings.minHealthyPercentage() * eligible.size());
    return new NlbRoute(tg, failOpen ? eligible : healthy, failOpen && !eligible.isEmpty(),
        "true".equals(tg.attribute("proxy_protocol_v2.enabled")), "true".equals(tg.attribute("preserve_client_ip.enabled")),
        "true".equals(tg.attribute("stickiness.enabled")) && "source_ip".equals(tg.attribute("stickiness.type")));
  }

  /** The target for a new flow from {@code source} to {@code destination}; empty when there is none. */
  public Optional<Routable> choose(String protocol, InetSocketAddress source, InetSocketAddress destination) {
    if (routable.isEmpty()) return Optional.empty();
    long hash = sourceIpStickiness ? FlowHash.ofSource(source) : FlowHash.of(protocol, source, destination);
    return Optional.of(routable.get(FlowHash.index(hash, routable.size())));
  }

  /** Whether this node may send to targets of other zones (elbv2.md §27: off by default for NLB). */
  static boolean crossZone(LoadBalancer lb, TargetGroup tg) {
    String key = "load_balancing.cross_zone.enabled";
    String group = tg.attribute(key);
    if ("true".equals(group) || "false".equals(group)) return Boolean.parseBoolean(group);
    Map<String, String> defaults = Attributes.loadBalancerDefaults(lb.type());
    return "true".equals(lb.attributes().getOrDefault(key, defaults.getOrDefault(key, "false")));
  }

  /** A target of the node's zone, or registered for every zone ({@code all}, or no zone known). */
  private static boolean inZone(TargetGroup.Target t, LoadBalancer.Node node) {
    String az = t.availabilityZone();
    return az == null || az.equals("all") || az.equals(node.availabilityZone());
  }

  private static TargetGroup.Target registration(TargetGroup tg, TargetSelector.Candidate c) {
    for (TargetGroup.Target t : tg.targets()) {
      if (t.registered() && t.id().equals(c.id()) && t.port() != null && t.port() == c.port()) return t;
    }
    return null;
  }

  private static Optional<String> forwardGroup(Listener listener) {
    for (Action a : listener.defaultActions()) {
      if (!"forward".equals(a.type()) || a.forward() == null) continue;
      return a.forward().targetGroups().stream().filter(g -> g.weight() > 0).findFirst()
          .or(() -> a.forward().targetGroups().stream().findFirst()).map(Action.WeightedTargetGroup::targetGroupArn);
    }
    return Optional.empty();
  }
}
