package dev.stratus.route53;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.Store;
import dev.stratus.route53.dataplane.Route53DataPlane;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Route 53 as a Stratus service module: the control-plane handlers over the store and clock, and
 * the data plane (DNS server on the settings' DNS port, health checkers) whose checker answers
 * GetHealthCheckStatus and whose decision engine answers TestDNSAnswer.
 */
public final class Route53Module implements ServiceModule {
  private final AtomicReference<HealthStatusSource> healthStatus = new AtomicReference<>(HealthStatusSource.NO_OBSERVATIONS);
  /** Whether an AWS resource name is held by a Stratus service (alias targets); all, until started. */
  private final AtomicReference<Predicate<String>> heldTargets = new AtomicReference<>(name -> true);

  @Override
  public String name() { return "route53"; }

  /** Alias records and direct queries for AWS resource names resolve through the shared registry. */
  @Override
  public Set<Class<?>> needs() { return Set.of(DnsTargetRegistry.class); }

  @Override
  public Started start(StratusContext context) {
    Route53DataPlane plane = Route53DataPlane.start(context);
    DnsTargetRegistry targets = DnsTargetRegistry.in(context.extensions());
    heldTargets.set(name -> targets.find(name).isPresent());
    healthStatus(plane.healthStatusSource());
    List<Object> handlers = new ArrayList<>(handlers(new Route53State(context.store(), context.clock(), context.extensions())));
    handlers.add(new TestDnsAnswerOperations(new Route53State(context.store(), context.clock()), plane.handler()));
    var endpoint = new Endpoint("Route 53 DNS", "udp+tcp", context.settings().bindAddress(), plane.dnsPort().orElseThrow());
    return new Started(handlers, List.of(plane), List.of(endpoint));
  }

  /** Replaces the source GetHealthCheckStatus reads (the data plane's prober). */
  public void healthStatus(HealthStatusSource source) { healthStatus.set(Objects.requireNonNull(source, "source")); }

  /** Every Route 53 API handler over {@code store} and {@code clock}; what tests and {@link #start} use. */
  public List<Object> handlers(Store store, Clock clock) { return handlers(new Route53State(store, clock)); }

  private List<Object> handlers(Route53State state) {
    return List.of(
        new HostedZoneOperations(state),
        new VpcAssociationOperations(state),
        new ZoneListingOperations(state),
        new RecordSetOperations(state, name -> heldTargets.get().test(name)),
        new HealthCheckOperations(state, healthStatus::get),
        new CidrCollectionOperations(state),
        new DelegationSetOperations(state),
        new TagOperations(state),
        new GeoLocationOperations(),
        new LimitOperations(state));
  }
}
