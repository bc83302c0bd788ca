package dev.stratus.elbv2;

import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every balancer as other services see it ({@link LoadBalancers}): its nodes' addresses, and
 * healthy when every target group it uses has a healthy target; an empty group, or none at all,
 * is unhealthy (index.md trap 4; globalaccelerator.md §10). Recomputed after every change and
 * every health change, read from one volatile map.
 */
final class BalancerViews implements LoadBalancers {
  private final Store store;
  private final Supplier<TargetHealthSource> health;
  private volatile Map<String, LoadBalancerView> views = Map.of();

  BalancerViews(Store store, Supplier<TargetHealthSource> health) {
    this.store = store;
    this.health = health;
  }

  @Override
  public Optional<LoadBalancerView> find(String loadBalancerArn) {
    return Optional.ofNullable(views.get(loadBalancerArn));
  }

  synchronized void refresh() {
    Map<String, LoadBalancerView> next = new HashMap<>();
    for (LoadBalancer lb : store.listAll(LoadBalancer.TABLE)) {
      String scope = lb.arn().split(":")[4] + "/" + LoadBalancerOperations.regionOf(lb.arn());
      next.put(lb.arn(), new LoadBalancerView(lb.arn(), lb.type(), lb.scheme() == null ? "internet-facing" : lb.scheme(),
          lb.nodes().stream().map(LoadBalancer.Node::address).toList(), healthy(scope, lb)));
    }
    views = Map.copyOf(next);
  }

  private boolean healthy(String scope, LoadBalancer lb) {
    var groups = Elbv2Reads.targetGroupsUsedBy(store, scope, lb.arn());
    if (groups.isEmpty()) return false;
    var source = health.get();
    for (String arn : groups) {
      var tg = store.get(TargetGroup.TABLE, scope, arn).orElse(null);
      if (tg == null) return false;
      boolean any = tg.targets().stream().filter(TargetGroup.Target::registered)
          .anyMatch(t -> !tg.healthCheck().enabled() || source.measured(tg, t).map(TargetHealthSource.Measured::healthy).orElse(false));
      if (!any) return false;
    }
    return true;
  }
}
