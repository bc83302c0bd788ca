package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.net.listener.ListenerRegistry;

/**
 * The NLB tests' view of the module's real data plane: {@link #refresh()} rebuilds it now (health
 * and EC2 state move between steps), {@link #listener} finds the listener a node opened.
 */
final class NlbHarness implements AutoCloseable {
  final ListenerRegistry registry;
  private final Elbv2Module module;

  NlbHarness(ListenerRegistry registry, Elbv2Module module) {
    this.registry = registry;
    this.module = module;
  }

  /** Brings the open listeners in line with committed state and current health. */
  RoutingSnapshot refresh() {
    return module.dataPlane().refreshNow();
  }

  /** The listener of {@code listenerArn} on the node in {@code az}. */
  NodeListener listener(String listenerArn, String az) {
    RoutingSnapshot s = refresh();
    var listener = s.listeners().get(listenerArn);
    if (listener == null) throw new IllegalStateException("no listener " + listenerArn);
    LoadBalancer lb = s.loadBalancers().get(listener.loadBalancerArn());
    String address = lb.nodes().stream().filter(n -> n.availabilityZone().equals(az)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no node in " + az)).address();
    return module.dataPlane().listener(listenerArn, address)
        .orElseThrow(() -> new IllegalStateException("no listener " + listenerArn + " on " + address));
  }

  @Override
  public void close() {}
}
