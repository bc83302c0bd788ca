package dev.stratus.globalaccelerator;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.globalaccelerator.dataplane.GaDataPlane;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.AcceleratorRules;
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

  /** Static addresses persisted in the accelerators stay theirs across a restart. */
  @Override
  public void reserveAddresses(StratusContext context) {
    var pool = LoopbackPool.in(context.extensions());
    for (var table : List.of(Accelerator.TABLE, Accelerator.CUSTOM_ROUTING_TABLE)) {
      context.store().listAll(table).forEach(a -> a.ipv4Addresses().forEach(pool::reserve));
    }
  }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    var pool = LoopbackPool.in(context.extensions());
    var registry = context.extensions().find(ListenerRegistry.class);
    List<AutoCloseable> resources = List.of();
    if (registry.isPresent()) {
      dataPlane = GaDataPlane.start(context, registry.get());
      resources = List.of(dataPlane);
    }
    var lbs = (java.util.function.Supplier<java.util.Optional<LoadBalancers>>) () -> context.extensions().find(LoadBalancers.class);
    var standard = new Accelerators(store, context.clock(), pool, Accelerator.TABLE, AcceleratorListener.TABLE,
        AcceleratorRules.ACCELERATORS_PER_ACCOUNT);
    var customRouting = new Accelerators(store, context.clock(), pool, Accelerator.CUSTOM_ROUTING_TABLE,
        AcceleratorListener.CUSTOM_ROUTING_TABLE, CustomRoutingAcceleratorOperations.QUOTA);
    return new Started(List.of(
        new AcceleratorOperations(standard),
        new ListenerOperations(store, standard),
        new EndpointGroupOperations(store, standard, lbs, this::healthOf),
        new CustomRoutingAcceleratorOperations(store, customRouting),
        new CustomRoutingEndpointOperations(store, customRouting, () -> context.extensions().find(VpcLookup.class)),
        new GaTags(store, standard, customRouting)), resources, List.of());
  }

  private String healthOf(String endpointGroupArn, String endpointId) {
    GaDataPlane plane = dataPlane;
    return plane == null ? "INITIAL" : plane.healthState(endpointGroupArn, endpointId);
  }
}
