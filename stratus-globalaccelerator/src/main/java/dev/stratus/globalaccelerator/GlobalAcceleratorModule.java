package dev.stratus.globalaccelerator;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.globalaccelerator.dataplane.GaDataPlane;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.net.listener.ListenerRegistry;
import java.util.List;
import java.util.Set;

/**
 * Global Accelerator inside Stratus: the control plane (served from us-west-2, accounts' rows
 * global) and, when Stratus gives a listener registry, the data plane on each accelerator's two
 * static loopback addresses.
 */
public final class GlobalAcceleratorModule implements ServiceModule {
  private volatile GaDataPlane dataPlane;

  @Override
  public String name() { return "globalaccelerator"; }

  /** Its names go into the DNS target registry; ALB and NLB endpoints come from ELB when it runs. */
  @Override
  public Set<Class<?>> needs() { return Set.of(DnsTargetRegistry.class); }

  /** The running data plane (null without a listener registry). */
  public GaDataPlane dataPlane() { return dataPlane; }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    var pool = LoopbackPool.in(context.extensions());
    // Static addresses persisted in the accelerators stay theirs across a restart.
    store.listAll(Accelerator.TABLE).forEach(a -> a.ipv4Addresses().forEach(pool::reserve));
    var registry = context.extensions().find(ListenerRegistry.class);
    List<AutoCloseable> resources = List.of();
    if (registry.isPresent()) {
      dataPlane = GaDataPlane.start(context, registry.get());
      resources = List.of(dataPlane);
    }
    var lbs = (java.util.function.Supplier<java.util.Optional<LoadBalancers>>) () -> context.extensions().find(LoadBalancers.class);
    var endpointGroups = new EndpointGroupOperations(store, context.clock(), lbs, this::healthOf);
    return new Started(List.of(new AcceleratorOperations(store, context.clock(), pool),
        new ListenerOperations(store, context.clock()), endpointGroups, new GaTags(store)), resources, List.of());
  }

  private String healthOf(String endpointGroupArn, String endpointId) {
    GaDataPlane plane = dataPlane;
    return plane == null ? "INITIAL" : plane.healthState(endpointGroupArn, endpointId);
  }
}
