package dev.stratus.elbv2;

import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps every balancer's DNS names in the {@link DnsTargetRegistry}: {@code …elb.localhost} and
 * AWS's {@code …elb.amazonaws.com}, TTL 60, answering the nodes' addresses. Healthy (what an
 * alias with EvaluateTargetHealth sees, index.md trap 4) when every target group the balancer
 * uses has a healthy target; an empty group, or none at all, is unhealthy.
 */
final class ElbDnsNames {
  static final long TTL_SECONDS = 60;

  private final Store store;
  private final DnsTargetRegistry registry;
  private final Supplier<TargetHealthSource> health;
  private final Clock clock;
  private final Set<String> published = new HashSet<>();

  ElbDnsNames(Store store, DnsTargetRegistry registry, Supplier<TargetHealthSource> health, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.health = health;
    this.clock = clock;
  }

  /** Publishes every balancer's names and withdraws those of deleted balancers. */
  synchronized void refresh() {
    Set<String> now = new HashSet<>();
    for (LoadBalancer lb : store.listAll(LoadBalancer.TABLE)) {
      if (lb.dnsName() == null) continue;
      String scope = lb.arn().split(":")[4] + "/" + LoadBalancerOperations.regionOf(lb.arn());
      boolean healthy = healthy(scope, lb);
      List<InetAddress> addresses = lb.nodes().stream().map(n -> address(n.address())).toList();
      for (String name : List.of(lb.dnsName(), Elbv2Names.awsDnsName(lb.dnsName(), lb.type()))) {
        registry.put(new DnsTarget(name, addresses, TTL_SECONDS, healthy));
        now.add(DnsTarget.normalise(name));
      }
    }
    published.stream().filter(n -> !now.contains(n)).forEach(registry::remove);
    published.clear();
    published.addAll(now);
  }

  private boolean healthy(String scope, LoadBalancer lb) {
    var groups = Elbv2Reads.targetGroupsUsedBy(store, scope, lb.arn());
    if (groups.isEmpty()) return false;
    var source = health.get();
    var at = clock.instant();
    for (String arn : groups) {
      var tg = store.get(TargetGroup.TABLE, scope, arn).orElse(null);
      if (tg == null) return false;
      boolean any = tg.targets().stream().filter(TargetGroup.Target::registered)
          .anyMatch(t -> !tg.healthCheck().enabled() || source.measured(tg, t).map(TargetHealthSource.Measured::healthy).orElse(false));
      if (!any) return false;
    }
    return true;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + text, e);
    }
  }
}
