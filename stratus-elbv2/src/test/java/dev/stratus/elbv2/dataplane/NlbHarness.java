package dev.stratus.elbv2.dataplane;

import dev.stratus.core.store.Store;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Test-only stand-in for the ELB data plane's lifecycle: builds a {@link RoutingSnapshot} from the
 * store on {@link #refresh()} and opens (or updates, or closes) one {@link NlbNodeListener} per
 * (node, listener) of every network load balancer.
 */
final class NlbHarness implements AutoCloseable {
  final ListenerRegistry registry = new ListenerRegistry();
  private final Transport transport = Transport.create(2, "nlb-test");
  private final Store store;
  private final Elbv2Module module;
  private final Clock clock;
  private final Map<String, NodeListener> open = new HashMap<>();

  NlbHarness(Store store, Elbv2Module module, Clock clock) {
    this.store = store;
    this.module = module;
    this.clock = clock;
  }

  /** Brings the open listeners in line with committed state and current health. */
  synchronized RoutingSnapshot refresh() {
    RoutingSnapshot snapshot = RoutingSnapshot.build(store, module.targetHealth(), clock.instant(), module.targetPaths());
    Set<String> wanted = new HashSet<>();
    for (Listener l : snapshot.listeners().values()) {
      LoadBalancer lb = snapshot.loadBalancers().get(l.loadBalancerArn());
      if (lb == null || !lb.isNetwork()) continue;
      for (LoadBalancer.Node node : lb.nodes()) {
        String key = key(l.arn(), node.availabilityZone());
        wanted.add(key);
        NodeListener existing = open.get(key);
        if (existing == null) {
          open.put(key, NlbNodeListener.open(new NodeListenerContext(lb, node, l, snapshot, registry, transport, clock,
              module.targetPaths())));
        } else {
          existing.update(snapshot);
        }
      }
    }
    open.keySet().removeIf(k -> {
      if (wanted.contains(k)) return false;
      open.get(k).close();
      return true;
    });
    return snapshot;
  }

  /** The listener of {@code listenerArn} on the node in {@code az}. */
  synchronized NodeListener listener(String listenerArn, String az) {
    NodeListener l = open.get(key(listenerArn, az));
    if (l == null) throw new IllegalStateException("no listener " + listenerArn + " in " + az + "; open: " + open.keySet());
    return l;
  }

  private static String key(String listenerArn, String az) { return listenerArn + "@" + az; }

  @Override
  public synchronized void close() {
    open.values().forEach(NodeListener::close);
    open.clear();
    transport.close();
  }
}
