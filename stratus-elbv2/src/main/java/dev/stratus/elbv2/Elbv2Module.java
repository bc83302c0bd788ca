package dev.stratus.elbv2;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.vpc.VpcLookup;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetHealthSource;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.elbv2.dataplane.ElbDataPlane;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.util.List;

/**
 * Elastic Load Balancing v2 inside Stratus: the control plane over the store, each node's
 * loopback address, and the balancers' DNS names in the {@link DnsTargetRegistry}.
 */
public final class Elbv2Module implements ServiceModule {
  private final java.util.function.UnaryOperator<java.time.Duration> intervalPolicy;
  private volatile dev.stratus.elbv2.model.TargetHealthTracker targetHealth;

  private volatile ElbDataPlane dataPlane;

  public Elbv2Module() { this(java.util.function.UnaryOperator.identity()); }

  /** @param intervalPolicy maps a target group's health-check interval to the period used (tests shorten it) */
  public Elbv2Module(java.util.function.UnaryOperator<java.time.Duration> intervalPolicy) {
    this(intervalPolicy, null);
  }

  /**
   * Target health checks fired by {@code healthTimers} (a scheduler driven by the test's manual
   * clock) at the groups' own intervals, instead of the shared prober timer.
   */
  public Elbv2Module(java.util.concurrent.ScheduledExecutorService healthTimers) {
    this(java.util.function.UnaryOperator.identity(), healthTimers);
  }

  private Elbv2Module(java.util.function.UnaryOperator<java.time.Duration> intervalPolicy,
      java.util.concurrent.ScheduledExecutorService healthTimers) {
    this.intervalPolicy = intervalPolicy;
    this.healthTimers = healthTimers;
  }

  private final java.util.concurrent.ScheduledExecutorService healthTimers;
  private volatile ElbHealthChecks healthChecks;

  /** Waits until the target health probes in flight have been applied (after moving a manual clock). */
  public boolean awaitHealthProbes(java.time.Duration max) {
    var checks = healthChecks;
    return checks == null || checks.awaitProbes(max);
  }

  /** The running data plane (null when Stratus gave no listener registry). */
  public ElbDataPlane dataPlane() { return dataPlane; }

  private volatile dev.stratus.elbv2.dataplane.TargetPaths targetPaths = dev.stratus.elbv2.dataplane.TargetPaths.DIRECT;

  /**
   * Where targets' traffic goes and whether nodes reach them, after {@link #start}: pass it to
   * {@link RoutingSnapshot#build(dev.stratus.core.store.ReadView, dev.stratus.elbv2.model.TargetHealthTracker,
   * java.time.Instant, dev.stratus.elbv2.dataplane.TargetPaths)} and to each {@code NodeListenerContext}.
   */
  public dev.stratus.elbv2.dataplane.TargetPaths targetPaths() { return targetPaths; }

  /** The measured target health after {@link #start} (for the data plane's {@link RoutingSnapshot}). */
  public dev.stratus.elbv2.model.TargetHealthTracker targetHealth() { return targetHealth; }

  @Override
  public String name() { return "elbv2"; }

  /**
   * Other services find balancers by ARN (Global Accelerator endpoints, WAF associations). ACM
   * learns which balancers use a certificate through core acm.CertificateUsers (InUseBy,
   * DeleteCertificate's ResourceInUseException).
   */
  @Override
  public java.util.Set<Class<?>> provides() {
    return java.util.Set.of(LoadBalancers.class);
  }

  /** Load balancers' names go into the DNS target registry the server provides; EC2 answers their subnets. */
  @Override
  public java.util.Set<Class<?>> needs() {
    return java.util.Set.of(dev.stratus.core.dns.DnsTargetRegistry.class, dev.stratus.core.vpc.VpcLookup.class);
  }

  /** Addresses persisted in the balancers' records stay theirs across a restart. */
  @Override
  public void reserveAddresses(StratusContext context) {
    var pool = LoopbackPool.in(context.extensions());
    context.store().listAll(LoadBalancer.TABLE).forEach(lb -> lb.nodes().forEach(n -> pool.reserve(n.address())));
  }

  /** Where the API port answers (GetTrustStoreRevocationContent's Location); 4566 when the port is chosen at start. */
  private static String apiAuthority(dev.stratus.core.Settings settings) {
    String host = settings.bindAddress().equals("0.0.0.0") || settings.bindAddress().equals("::") ? "127.0.0.1" : settings.bindAddress();
    return host + ":" + (settings.apiPort() > 0 ? settings.apiPort() : dev.stratus.core.Settings.DEFAULT_API_PORT);
  }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    // ACM may start after ELB (nothing orders them): its certificates are looked up when needed.
    java.util.function.Supplier<java.util.Optional<dev.stratus.core.acm.Certificates>> acm =
        () -> context.extensions().find(dev.stratus.core.acm.Certificates.class);
    dev.stratus.core.acm.CertificateUsers.in(context.extensions()).add(certificateArn -> store.listAll(dev.stratus.elbv2.model.Listener.TABLE)
        .stream().filter(l -> l.certificateArns().contains(certificateArn))
        .map(dev.stratus.elbv2.model.Listener::loadBalancerArn).distinct().sorted().toList());
    var pool = LoopbackPool.in(context.extensions());
    var vpcs = (java.util.function.Supplier<java.util.Optional<VpcLookup>>) () -> context.extensions().find(VpcLookup.class);
    var dnsRef = new java.util.concurrent.atomic.AtomicReference<Runnable>();
    targetPaths = dev.stratus.elbv2.dataplane.TargetPaths.in(context.extensions());
    // Lambda may start after ELB (nothing orders them): the invoker is looked up when needed.
    java.util.function.Supplier<java.util.Optional<dev.stratus.core.lambda.FunctionInvoker>> functions =
        () -> context.extensions().find(dev.stratus.core.lambda.FunctionInvoker.class);
    var planeRef = new java.util.concurrent.atomic.AtomicReference<ElbDataPlane>();
    var checks = new ElbHealthChecks(store, context.clock(), intervalPolicy, () -> {
      var d = dnsRef.get();
      if (d != null) d.run();
      var p = planeRef.get();
      if (p != null) p.healthChanged();
    }, targetPaths, healthTimers);
    healthChecks = checks;
    TargetHealthSource health = checks.tracker();
    targetHealth = checks.tracker();
    var views = new BalancerViews(store, () -> health);
    context.extensions().provide(LoadBalancers.class, views);
    var dns = new ElbDnsNames(store, DnsTargetRegistry.in(context.extensions()), views);
    Runnable published = () -> {
      views.refresh();
      dns.refresh();
    };
    dnsRef.set(published);
    checks.sync();
    published.run();
    store.subscribe(events -> {
      checks.sync();
      published.run();
    });
    List<AutoCloseable> resources = new java.util.ArrayList<>(List.of(checks));
    var registry = context.extensions().find(ListenerRegistry.class);
    if (registry.isPresent()) {
      // Access logs go where the data lives (or the temp dir with --ephemeral): see AlbAccessLog.
      var logs = java.util.Optional.of(context.settings().dataDir().map(d -> d.resolve("access-logs"))
          .orElseGet(() -> java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "stratus-access-logs")));
      var plane = new ElbDataPlane(store, context.clock(), checks.tracker(), registry.get(), Transport.shared(),
          context.extensions().find(HttpFilterRegistry.class).orElseGet(HttpFilterRegistry::new),
          context.extensions().find(VirtualHosts.class).orElse(null), logs, targetPaths, acm);
      if (context.settings().emulateNetwork()) {
        plane.emulateDistance(new dev.stratus.net.emulation.DistanceDelay(dev.stratus.net.geo.ClientLocator.of(context.settings()),
            dev.stratus.net.geo.LatencyModel.standard()));
      }
      plane.keepAuthSessionsIn(context.settings().dataDir());
      planeRef.set(plane);
      dataPlane = plane;
      plane.start();
      plane.useFunctions(functions);
      resources.add(plane); // closed before the checks (resources close in reverse)
    }
    return new Started(List.of(
        new LoadBalancerOperations(store, context.clock(), vpcs, pool,
            () -> context.extensions().find(dev.stratus.core.vpc.ManagedInterfaces.class)),
        new TargetGroupOperations(store, context.clock(), vpcs, () -> health, functions),
        new ListenerOperations(store, acm),
        new TrustStoreOperations(store, () -> context.extensions().find(dev.stratus.core.s3.ObjectReader.class),
            () -> apiAuthority(context.settings())),
        new Elbv2Tags(store)), resources, List.of());
  }
}
