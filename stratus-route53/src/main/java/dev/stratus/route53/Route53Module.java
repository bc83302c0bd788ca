package dev.stratus.route53;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Route 53 as a Stratus service module: builds the control-plane handlers over the store and
 * clock. The data plane (DNS server, health-check prober) is added here by the
 * {@code dataplane} package when it exists; the prober supplies the health status through
 * {@link #healthStatus(HealthStatusSource)}.
 */
public final class Route53Module implements ServiceModule {
  private final AtomicReference<HealthStatusSource> healthStatus = new AtomicReference<>(HealthStatusSource.NO_OBSERVATIONS);

  @Override
  public String name() { return "route53"; }

  @Override
  public Started start(StratusContext context) {
    return new Started(handlers(context.store(), context.clock()), List.of(), List.of());
  }

  /** Replaces the source GetHealthCheckStatus reads (the data plane's prober). */
  public void healthStatus(HealthStatusSource source) { healthStatus.set(Objects.requireNonNull(source, "source")); }

  /** Every Route 53 API handler over {@code store} and {@code clock}; what tests and {@link #start} use. */
  public List<Object> handlers(Store store, Clock clock) {
    var state = new Route53State(store, clock);
    return List.of(
        new HostedZoneOperations(state),
        new VpcAssociationOperations(state),
        new ZoneListingOperations(state),
        new RecordSetOperations(state),
        new HealthCheckOperations(state, healthStatus::get),
        new CidrCollectionOperations(state),
        new DelegationSetOperations(state),
        new TagOperations(state),
        new GeoLocationOperations(),
        new LimitOperations(state));
  }
}
