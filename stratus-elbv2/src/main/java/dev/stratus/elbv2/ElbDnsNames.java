package dev.stratus.elbv2;

import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.LoadBalancer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps every balancer's DNS names in the {@link DnsTargetRegistry}: {@code …elb.localhost} and
 * AWS's {@code …elb.amazonaws.com}, TTL 60, answering the nodes' addresses, healthy as
 * {@link BalancerViews} judges it (what an alias with EvaluateTargetHealth sees, index.md trap 4).
 */
final class ElbDnsNames {
  static final long TTL_SECONDS = 60;

  private final Store store;
  private final DnsTargetRegistry registry;
  private final BalancerViews views;
  private final Set<String> published = new HashSet<>();

  ElbDnsNames(Store store, DnsTargetRegistry registry, BalancerViews views) {
    this.store = store;
    this.registry = registry;
    this.views = views;
  }

  /** Publishes every balancer's names and withdraws those of deleted balancers (after {@link BalancerViews#refresh}). */
  synchronized void refresh() {
    Set<String> now = new HashSet<>();
    for (LoadBalancer lb : store.listAll(LoadBalancer.TABLE)) {
      if (lb.dnsName() == null) continue;
      boolean healthy = views.find(lb.arn()).map(LoadBalancerView::healthy).orElse(false);
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

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + text, e);
    }
  }
}
