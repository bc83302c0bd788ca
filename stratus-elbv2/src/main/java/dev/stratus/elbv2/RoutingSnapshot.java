package dev.stratus.elbv2;

import dev.stratus.core.store.ReadView;
import dev.stratus.elbv2.dataplane.TargetPaths;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.ListenerRules;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthTracker;
import dev.stratus.elbv2.model.TargetSelector;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ELB data plane routes on, read from committed state in one pass: every balancer, each
 * listener with its rules ready to evaluate, and each target group's routable targets with their
 * health. Immutable; rebuild it on store changes and on health flips, off the event loop.
 *
 * @param rules listener ARN to its rules
 * @param groups target group ARN to its view
 */
public record RoutingSnapshot(Map<String, LoadBalancer> loadBalancers, Map<String, Listener> listeners,
    Map<String, ListenerRules> rules, Map<String, GroupView> groups) {

  /** A target group, its selection settings, and its registered (not draining) targets. */
  public record GroupView(TargetGroup group, TargetSelector.Settings settings, List<TargetSelector.Candidate> targets) {}

  /** As {@link #build(ReadView, TargetHealthTracker, Instant, TargetPaths)} with addresses as registered. */
  public static RoutingSnapshot build(ReadView view, TargetHealthTracker health, Instant now) {
    return build(view, health, now, TargetPaths.DIRECT);
  }

  /**
   * Reads the snapshot; {@code paths} says where each target's traffic goes (an instance's
   * {@code stratus:host} address).
   */
  public static RoutingSnapshot build(ReadView view, TargetHealthTracker health, Instant now, TargetPaths paths) {
    Map<String, LoadBalancer> lbs = new HashMap<>();
    view.listAll(LoadBalancer.TABLE).forEach(lb -> lbs.put(lb.arn(), lb));
    Map<String, Listener> listeners = new HashMap<>();
    view.listAll(Listener.TABLE).forEach(l -> listeners.put(l.arn(), l));
    Map<String, List<Rule>> byListener = new HashMap<>();
    view.listAll(Rule.TABLE).forEach(r -> byListener.computeIfAbsent(r.listenerArn(), k -> new java.util.ArrayList<>()).add(r));
    Map<String, ListenerRules> rules = new HashMap<>();
    listeners.values().forEach(l -> rules.put(l.arn(), new ListenerRules(byListener.getOrDefault(l.arn(), List.of()), l.defaultActions())));
    Map<String, GroupView> groups = new HashMap<>();
    for (TargetGroup tg : view.listAll(TargetGroup.TABLE)) {
      var candidates = tg.targets().stream().filter(TargetGroup.Target::registered).filter(t -> t.address() != null && t.port() != null)
          .map(t -> {
            String address = paths.address(tg, t);
            boolean unchecked = !tg.healthCheck().enabled();
            boolean healthy = unchecked || health.measured(tg, t).map(m -> m.healthy()).orElse(false);
            Instant since = unchecked ? t.registeredAt() : health.healthySince(tg, t).orElse(null);
            return new TargetSelector.Candidate(t.id(), address, t.port(), healthy, healthy ? since : null);
          }).sorted(java.util.Comparator.comparing(TargetSelector.Candidate::key)).toList(); // the order requests need
      groups.put(tg.arn(), new GroupView(tg, TargetSelector.Settings.of(tg), candidates));
    }
    return new RoutingSnapshot(Map.copyOf(lbs), Map.copyOf(listeners), Map.copyOf(rules), Map.copyOf(groups));
  }
}
