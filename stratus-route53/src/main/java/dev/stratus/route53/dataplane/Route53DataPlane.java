package dev.stratus.route53.dataplane;

import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.Projection;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.net.health.HealthCheckerConfig;
import dev.stratus.route53.HealthStatusSource;
import dev.stratus.route53.model.CidrBlock;
import dev.stratus.route53.model.CidrCollection;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.Route53Tables;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Route 53's running data plane: keeps the DNS answerer's zone snapshots, health statuses and
 * CIDR collections in step with committed state, runs the health checks, and (when started
 * with {@link #start}) serves DNS on the configured port.
 */
public final class Route53DataPlane implements AutoCloseable {

  /*
   * A core Projection of the Route 53 tables (the pattern every data plane uses): change events
   * are folded and applied on its one rebuild thread in commit order, the first load follows the
   * subscription, and each rebuild publishes into the DNS answerer's state. Only the zones an
   * event touches are rebuilt; the rest of the index is reused. Health checks are put into the
   * checker from the same rebuilds (idempotent: an unchanged configuration changes nothing).
   */

  /** What the projection publishes into the answerer: zones and CIDR collections. */
  private record Published(ZoneIndex zones, Map<String, Map<String, List<CidrBlock>>> cidr) {}

  private final Store store;
  private final HealthChecker checker;
  private final DnsQueryHandler handler;
  private Projection<Published> projection;
  private final VpcResolver resolver;
  private Optional<ResolverProjection> resolverProjection = Optional.empty();
  private Optional<ResolverListeners> resolverListeners = Optional.empty();
  private Optional<DnsServer> server = Optional.empty();

  private Route53DataPlane(Store store, HealthChecker checker, DnsQueryHandler handler) {
    this.store = store;
    this.checker = checker;
    this.handler = handler;
    this.resolver = new VpcResolver(handler);
  }

  /**
   * Everything, including the DNS listener on {@code settings.bindAddress():settings.dnsPort()}:
   * clients are located by the settings' client locations, then the bundled IP database; alias
   * records to AWS resources resolve through the shared {@link DnsTargetRegistry}.
   */
  public static Route53DataPlane start(StratusContext context) {
    HealthChecker checker = HealthChecker.standard(context.clock());
    DnsQueryHandler handler = new DnsQueryHandler(
        ClientLocator.of(context.settings()),
        LatencyModel.standard(), ThreadLocalRandom::current);
    handler.aliasTargets(AliasTargetResolver.of(DnsTargetRegistry.in(context.extensions())));
    Route53DataPlane plane = attach(context.store(), checker, handler);
    try {
      DnsServer dns = DnsServer.start(context.settings().bindAddress(), context.settings().dnsPort(), plane.resolver);
      plane.server = Optional.of(dns);
      // The registry StratusServer provides; a data plane started on its own (tests) keeps a private one.
      ListenerRegistry registry = context.extensions().find(ListenerRegistry.class).orElseGet(ListenerRegistry::new);
      ResolverListeners listeners = new ResolverListeners(plane.resolver, dns::port, registry);
      plane.resolverListeners = Optional.of(listeners);
      plane.resolverProjection = Optional.of(ResolverProjection.start(context.store(),
          () -> context.extensions().find(VpcLookup.class), facts -> {
            plane.resolver.facts(facts);
            listeners.reconcile(facts);
          }));
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  /** The data plane over {@code store} without a DNS listener (tests put one in front of the handler). */
  public static Route53DataPlane attach(Store store, HealthChecker checker, DnsQueryHandler handler) {
    Route53DataPlane plane = new Route53DataPlane(Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(checker, "checker"), Objects.requireNonNull(handler, "handler"));
    checker.addListener((id, healthy) -> handler.update(s -> s.withHealth(checker.reportedStatuses())));
    plane.projection = Projection.start("route53", store, Set.of(Route53Tables.HOSTED_ZONES, Route53Tables.RECORD_SETS,
        Route53Tables.HEALTH_CHECKS, Route53Tables.CIDR_COLLECTIONS), plane::rebuild);
    return plane;
  }

  public DnsQueryHandler handler() { return handler; }

  /** What the DNS listener answers with: each VPC's resolver in front of {@link #handler()}. */
  public VpcResolver resolver() { return resolver; }

  /** What GetHealthCheckStatus should read: pass to {@code Route53Module.healthStatus}. */
  public HealthStatusSource healthStatusSource() { return new CheckerHealthStatus(checker); }

  /** The DNS port, when started with a listener. */
  public Optional<Integer> dnsPort() { return server.map(DnsServer::port); }

  /** Waits until every change event received so far is reflected in the answerer (tests). */
  public void awaitRebuilt() {
    projection.awaitCurrent();
  }

  /** The next published zones and CIDR collections; null {@code previous} loads everything. */
  private Published rebuild(Published previous, List<ChangeEvent> events, ReadView committed) {
    Set<String> zones = new HashSet<>();
    boolean cidr = previous == null;
    if (previous == null) {
      committed.listAll(Route53Tables.HOSTED_ZONES).forEach(z -> zones.add(z.id()));
      committed.listAll(Route53Tables.HEALTH_CHECKS).forEach(this::putHealthCheck);
    }
    for (ChangeEvent e : events) {
      if (e.table().equals(Route53Tables.HOSTED_ZONES)) {
        zones.add(e.id());
      } else if (e.table().equals(Route53Tables.RECORD_SETS)) {
        zones.add(e.scope());
      } else if (e.table().equals(Route53Tables.HEALTH_CHECKS)) {
        e.after().ifPresentOrElse(hc -> putHealthCheck((HealthCheck) hc), () -> checker.remove(e.id()));
      } else if (e.table().equals(Route53Tables.CIDR_COLLECTIONS)) {
        cidr = true;
      }
    }
    if (previous != null && zones.isEmpty() && !cidr) {
      return previous; // health checks only: the answerer's zones and CIDR stay (and its cached answers)
    }
    ZoneIndex index = previous == null ? ZoneIndex.of(List.of()) : previous.zones();
    if (!zones.isEmpty()) {
      index = rebuildZones(index, zones, committed);
    }
    Published next = new Published(index, cidr ? loadCidr(committed) : previous.cidr());
    handler.update(s -> s.withZones(next.zones()).withCidr(next.cidr()));
    return next;
  }

  private static ZoneIndex rebuildZones(ZoneIndex previous, Set<String> zoneIds, ReadView committed) {
    Map<String, ZoneSnapshot> byId = new HashMap<>();
    previous.all().forEach(z -> byId.put(z.zone().id(), z));
    zoneIds.forEach(byId::remove);
    committed.listAll(Route53Tables.HOSTED_ZONES).stream().filter(z -> zoneIds.contains(z.id()))
        .forEach(z -> byId.put(z.id(), ZoneSnapshot.build(z, committed.list(Route53Tables.RECORD_SETS, z.id()))));
    return ZoneIndex.of(byId.values());
  }

  private void putHealthCheck(HealthCheck check) {
    Optional<HealthCheckerConfig> config = HealthCheckAdapter.toChecker(check);
    config.ifPresentOrElse(checker::put, () -> checker.remove(check.id()));
  }

  private static Map<String, Map<String, List<CidrBlock>>> loadCidr(ReadView committed) {
    Map<String, Map<String, List<CidrBlock>>> collections = new HashMap<>();
    for (CidrCollection c : committed.listAll(Route53Tables.CIDR_COLLECTIONS)) {
      Map<String, List<CidrBlock>> locations = new HashMap<>();
      c.locations().forEach((name, blocks) -> locations.put(name,
          blocks.stream().map(CidrBlock::parse).flatMap(Optional::stream).toList()));
      collections.put(c.id(), locations);
    }
    return collections;
  }

  @Override
  public void close() {
    resolverProjection.ifPresent(ResolverProjection::close); // no more reconciles, then their listeners
    resolverListeners.ifPresent(ResolverListeners::close);
    server.ifPresent(DnsServer::close);
    if (projection != null) projection.close();
    checker.close();
  }
}
