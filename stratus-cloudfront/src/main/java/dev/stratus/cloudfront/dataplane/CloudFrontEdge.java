package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import dev.stratus.cloudfront.functions.CompiledFunction;
import dev.stratus.cloudfront.functions.FunctionException;
import dev.stratus.cloudfront.functions.FunctionRuntime;
import dev.stratus.cloudfront.functions.KeyValueStores;
import dev.stratus.core.dns.ClientAddresses;
import dev.stratus.core.dns.DnsQueryClient;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.http.ErrorPages;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpLimits;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * CloudFront's edge: every edge location listening on its own loopback address, the caches of
 * every tier per distribution, and the distributions deployed to it (compiled from the control
 * plane through {@link EdgeConfigSource}). A viewer is served by the edge location nearest to it
 * (placed by its source address with the {@link ClientLocator}, ranked by the
 * {@link LatencyModel}); an unplaceable viewer by the edge it connected to.
 *
 * <p>Stratus's DNS answers a distribution's names per client, as CloudFront's DNS does: the
 * address of the edge nearest where Route 53 places the querying resolver or its EDNS client
 * subnet ({@link #dnsEdge}); readers without a client (origin fetches) see the default edge's.
 */
public final class CloudFrontEdge implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CloudFrontEdge.class.getName());
  /** CloudFront answers its names with TTL 60. */
  static final long DNS_TTL = 60;

  /**
   * @param port the port each edge listens on (80; 0 in tests), substituted as the registry does
   * @param defaultEdge the code of the edge DNS answers with
   */
  public record Settings(int port, String defaultEdge, List<EdgeLocation> edges, Optional<String> defaultViewerCity,
      boolean emulateLatency, int httpsPort, io.netty.util.Mapping<String, io.netty.handler.ssl.SslContext> tls,
      List<java.util.function.Supplier<java.security.cert.X509Certificate>> originTrust,
      dev.stratus.cloudfront.dataplane.cache.CacheBudgets cacheBudgets) {
    public Settings {
      Objects.requireNonNull(cacheBudgets, "cacheBudgets");
      edges = List.copyOf(edges);
      originTrust = List.copyOf(originTrust);
      Objects.requireNonNull(defaultEdge, "defaultEdge");
      Objects.requireNonNull(defaultViewerCity, "defaultViewerCity");
    }

    public static Settings standard() {
      return new Settings(80, "IAD89", EdgeLocation.standard(LatencyModel.standard()), Optional.empty(), false, 443, null, List.of(),
          dev.stratus.cloudfront.dataplane.cache.CacheBudgets.standard());
    }

    public Settings withPort(int newPort) {
      return new Settings(newPort, defaultEdge, edges, defaultViewerCity, emulateLatency, httpsPort, tls, originTrust, cacheBudgets);
    }

    /**
     * Where a viewer that clientLocations and the IP database do not place (127.0.0.1) is, by
     * city name of the geo tables; without it such a viewer is served by the edge it connected to.
     */
    public Settings withDefaultViewerCity(String city) {
      return new Settings(port, defaultEdge, edges, Optional.of(city), emulateLatency, httpsPort, tls, originTrust, cacheBudgets);
    }

    /**
     * Opt-in (ARCHITECTURE "Traffic"): each hop waits the latency model's round trip, viewer →
     * edge over the public internet, then edge → regional edge cache → Origin Shield → the
     * origin's Region over the AWS backbone, so a Sydney viewer pays the trans-Pacific trip on a
     * miss and not on a hit.
     */
    public Settings withEmulatedLatency() {
      return new Settings(port, defaultEdge, edges, defaultViewerCity, true, httpsPort, tls, originTrust, cacheBudgets);
    }

    /**
     * Each edge also listens for HTTPS on {@code port} (443; substituted as the registry does)
     * with the TLS context chosen by SNI (the ACM certificate of an alias, the Stratus CA's for
     * {@code *.cloudfront.localhost}); without it the edge serves HTTP only.
     */
    public Settings withTls(int port, io.netty.util.Mapping<String, io.netty.handler.ssl.SslContext> contexts) {
      return new Settings(this.port, defaultEdge, edges, defaultViewerCity, emulateLatency, port,
          Objects.requireNonNull(contexts, "contexts"), originTrust, cacheBudgets);
    }

    /**
     * HTTPS origins are trusted when the JDK's CAs or {@code ca} (the Stratus CA, which signs
     * ACM's certificates: an ALB HTTPS listener as origin) issued their certificate.
     */
    public Settings withOriginTrust(java.security.cert.X509Certificate ca) {
      Objects.requireNonNull(ca, "ca");
      return withOriginTrust(() -> ca);
    }

    /** {@link #withOriginTrust(java.security.cert.X509Certificate)}, the CA read at the first HTTPS origin fetch (it may be made lazily). */
    public Settings withOriginTrust(java.util.function.Supplier<java.security.cert.X509Certificate> ca) {
      List<java.util.function.Supplier<java.security.cert.X509Certificate>> trust = new ArrayList<>(originTrust);
      trust.add(Objects.requireNonNull(ca, "ca"));
      return new Settings(port, defaultEdge, edges, defaultViewerCity, emulateLatency, httpsPort, tls, trust, cacheBudgets);
    }

    /** Each tier's byte budget per distribution and place. */
    public Settings withCacheBudgets(dev.stratus.cloudfront.dataplane.cache.CacheBudgets budgets) {
      return new Settings(port, defaultEdge, edges, defaultViewerCity, emulateLatency, httpsPort, tls, originTrust, budgets);
    }
  }

  /** An edge location and where it really listens. */
  public record EdgeListener(EdgeLocation location, InetSocketAddress address) {}

  /** The distributions deployed to the edge, by host name and by id. */
  record Snapshot(Map<String, CompiledDistribution> byHost, Map<String, CompiledDistribution> byId) {}

  private final Settings settings;
  private final EdgeConfigSource source;
  private final Clock clock;
  private final Transport transport;
  private final ListenerRegistry listenerRegistry;
  private final LoopbackPool pool;
  private final DnsTargetRegistry dns;
  private final HttpFilterRegistry filters;
  private final ClientLocator locator;
  private final LatencyModel latency;
  private final OriginFetcher fetcher;
  private final Map<String, DistributionCaches> caches = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<ListenerRegistry.Bound<HttpFrontEnd>> bound = new ArrayList<>();
  private final Map<InetSocketAddress, EdgeLocation> byAddress = new HashMap<>();
  private final Map<String, EdgeListener> byCode = new LinkedHashMap<>();
  private final Map<String, InetSocketAddress> httpsByCode = new LinkedHashMap<>();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private final EdgeRouter router;
  private final KeyValueStores keyValueStores = new KeyValueStores();
  private final Map<String, EdgeFunction> functions = new java.util.concurrent.ConcurrentHashMap<>();
  private FunctionRuntime functionRuntime;
  private final dev.stratus.net.geo.GeoPoint defaultViewerPoint;
  private volatile dev.stratus.net.http.VirtualHosts virtualHosts;
  private final Map<String, Runnable> virtualHostRegistrations = new java.util.concurrent.ConcurrentHashMap<>();

  public CloudFrontEdge(Settings settings, EdgeConfigSource source, Clock clock, Transport transport,
      ListenerRegistry listenerRegistry, LoopbackPool pool, DnsTargetRegistry dns, HttpFilterRegistry filters,
      ClientLocator locator, LatencyModel latency, Optional<BucketOrigin> buckets) {
    this.settings = settings;
    this.source = source;
    this.clock = clock;
    this.transport = transport;
    this.listenerRegistry = listenerRegistry;
    this.pool = pool;
    this.dns = dns;
    this.filters = filters;
    this.locator = locator;
    this.latency = latency;
    this.fetcher = new OriginFetcher(transport, dns, buckets, listenerRegistry, originTls(settings.originTrust()));
    this.router = new EdgeRouter(this);
    this.defaultViewerPoint = settings.defaultViewerCity()
        .map(c -> latency.tables().city(c).orElseThrow(() -> new IllegalArgumentException("no city named " + c)).point())
        .orElse(null);
  }

  /**
   * The edge of a running Stratus: listeners through its ListenerRegistry, addresses from its
   * LoopbackPool, names in its DNS registry, WAF from its HttpFilterRegistry, viewers placed by the
   * configuration's clientLocations, S3 origins through a BucketOrigin when one is provided; started,
   * and provided in the extensions (for {@code GET /_stratus/cloudfront/cache}). Empty when no
   * ListenerRegistry is there (API-only wiring). The caller closes it, and calls {@link #deploy}
   * or {@link #remove} as distributions change and {@link #invalidate} for invalidations.
   */
  public static Optional<CloudFrontEdge> open(dev.stratus.core.StratusContext context, EdgeConfigSource source,
      Settings settings) {
    var ext = context.extensions();
    Optional<ListenerRegistry> registry = ext.find(ListenerRegistry.class);
    if (registry.isEmpty()) return Optional.empty();
    CloudFrontEdge edge = new CloudFrontEdge(settings, source, context.clock(), Transport.shared(), registry.get(),
        LoopbackPool.in(ext), DnsTargetRegistry.in(ext), ext.find(HttpFilterRegistry.class).orElseGet(HttpFilterRegistry::new),
        ClientLocator.of(context.settings()),
        LatencyModel.standard(), ext.find(BucketOrigin.class))
        .withVirtualHosts(ext.find(dev.stratus.net.http.VirtualHosts.class).orElse(null));
    // AWS delivers standard logs several times an hour; Stratus every minute unless told otherwise
    ext.find(dev.stratus.core.s3.LogDelivery.class).ifPresent(delivery -> edge.withAccessLogs(delivery,
        java.time.Duration.ofSeconds(Long.getLong("stratus.cloudfront.logFlushSeconds", 60))));
    edge.start();
    ext.provide(CloudFrontEdge.class, edge);
    return Optional.of(edge);
  }

  private volatile AccessLogs accessLogs;

  /**
   * Standard logs of distributions with Logging enabled, written to their buckets through
   * {@code delivery} every {@code flushEvery}; without it (no S3) no logs are written.
   */
  public CloudFrontEdge withAccessLogs(dev.stratus.core.s3.LogDelivery delivery, java.time.Duration flushEvery) {
    this.accessLogs = new AccessLogs(delivery, clock, flushEvery);
    return this;
  }

  /** Delivers the access log lines gathered so far now (tests; otherwise every flush interval). */
  public java.util.concurrent.CompletableFuture<Void> flushAccessLogs() {
    AccessLogs l = accessLogs;
    return l == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : l.flush();
  }

  AccessLogs accessLogs() { return accessLogs; }

  /**
   * Also answers on the AWS API port by Host header (ARCHITECTURE "Addresses":
   * {@code curl http://d111.cloudfront.localhost:4566/}), as the default edge for unplaced viewers.
   */
  public CloudFrontEdge withVirtualHosts(dev.stratus.net.http.VirtualHosts hosts) {
    this.virtualHosts = hosts;
    return this;
  }

  /** The client context for HTTPS origins, made once on first use (key material is not free). */
  private static java.util.function.Supplier<io.netty.handler.ssl.SslContext> originTls(
      List<java.util.function.Supplier<java.security.cert.X509Certificate>> trust) {
    var made = new java.util.concurrent.atomic.AtomicReference<io.netty.handler.ssl.SslContext>();
    return () -> {
      var c = made.get();
      if (c == null) {
        c = dev.stratus.net.tls.TlsContexts.client(trust.stream().map(java.util.function.Supplier::get)
            .toArray(java.security.cert.X509Certificate[]::new));
        if (!made.compareAndSet(null, c)) c = made.get();
      }
      return c;
    };
  }

  /**
   * With emulated latency, a viewer's TCP handshake pays the round trip to the edge serving it
   * (where CloudFront ends TCP); the requests' own legs are held by the router, so no per-message
   * delay. Without, nothing.
   */
  private dev.stratus.net.emulation.EmulatedDelay viewerHandshake() {
    if (!settings.emulateLatency()) return dev.stratus.net.emulation.EmulatedDelay.NONE;
    return dev.stratus.net.emulation.EmulatedDelay.of(dev.stratus.net.emulation.EmulatedDelay.NONE, (client, local) ->
        viewerPoint(client.getAddress(), local).map(at -> dev.stratus.net.emulation.DistanceDelay.roundTrip(latency.roundTripMillis(at,
            servingEdge(client.getAddress(), local).point(), dev.stratus.net.geo.NetworkPath.PUBLIC_INTERNET)))
            .orElse(java.time.Duration.ZERO));
  }

  /** Opens every edge location's listener, then deploys every distribution of the source. */
  public synchronized CloudFrontEdge start() {
    // One delay for all listeners: it finds the viewer's serving edge from the connection itself.
    dev.stratus.net.emulation.EmulatedDelay handshake = viewerHandshake();
    for (EdgeLocation e : settings.edges()) {
      String address = pool.allocate();
      String name = "CloudFront edge " + e.code() + " (" + e.city() + ") HTTP:" + settings.port();
      // The edge serves every distribution: the WAF slot is consulted per distribution ARN by the router.
      HttpFrontEnd.Config config = new HttpFrontEnd.Config(name, HttpLimits.ALB, ErrorPages.ALB, null,
          "arn:aws:cloudfront::edge/" + e.code(), filters, List.of(), router);
      var b = listenerRegistry.bind(name, "http", "arn:aws:cloudfront::edge/" + e.code(),
          new InetSocketAddress(address, settings.port()), at -> HttpFrontEnd.bind(transport, at, config, handshake),
          HttpFrontEnd::address);
      bound.add(b);
      InetSocketAddress actual = b.record().actual();
      byAddress.put(actual, e);
      byCode.put(e.code(), new EdgeListener(e, actual));
      if (settings.tls() != null) {
        String tlsName = "CloudFront edge " + e.code() + " (" + e.city() + ") HTTPS:" + settings.httpsPort();
        HttpFrontEnd.Config tlsConfig = new HttpFrontEnd.Config(tlsName, HttpLimits.ALB, ErrorPages.ALB, null,
            "arn:aws:cloudfront::edge/" + e.code(), filters, List.of(), router).withTls(settings.tls());
        var t = listenerRegistry.bind(tlsName, "https", "arn:aws:cloudfront::edge/" + e.code(),
            new InetSocketAddress(address, settings.httpsPort()), at -> HttpFrontEnd.bind(transport, at, tlsConfig, handshake),
            HttpFrontEnd::address);
        bound.add(t);
        byAddress.put(t.record().actual(), e);
        httpsByCode.put(e.code(), t.record().actual());
      }
    }
    refreshAll();
    return this;
  }

  /** Re-reads every distribution from the source (at start, or after the control plane changed many). */
  public synchronized void refreshAll() {
    Map<String, CompiledDistribution> byId = new LinkedHashMap<>();
    for (EdgeConfigSource.EdgeDistribution d : source.distributions()) {
      try {
        CompiledDistribution c = CompiledDistribution.compile(d, source);
        loadFunctions(c);
        byId.put(d.id(), c);
      } catch (RuntimeException e) {
        LOG.warning(() -> "distribution " + d.id() + " not deployed to the edge: " + e);
      }
    }
    for (String gone : snapshot.byId().keySet()) {
      if (!byId.containsKey(gone)) unregisterNames(snapshot.byId().get(gone));
    }
    publish(byId);
  }

  /** Deploys (or redeploys) distribution {@code id} as the source has it now; removes it when the source has none. */
  public synchronized void deploy(String id) {
    Optional<EdgeConfigSource.EdgeDistribution> d = source.distribution(id);
    CompiledDistribution compiled;
    try {
      compiled = d.map(x -> CompiledDistribution.compile(x, source)).orElse(null);
    } catch (RuntimeException e) {
      // called from the control plane's change feed: keep serving what was deployed before
      LOG.warning(() -> "distribution " + id + " not redeployed to the edge: " + e);
      return;
    }
    if (compiled != null) loadFunctions(compiled);
    Map<String, CompiledDistribution> byId = new LinkedHashMap<>(snapshot.byId());
    CompiledDistribution old = byId.remove(id);
    if (old != null) unregisterNames(old);
    if (compiled != null) loadFunctions(compiled);
    if (compiled != null) byId.put(id, compiled);
    else caches.remove(id);
    publish(byId);
  }

  /** Takes distribution {@code id} off the edge (deleted): names, caches. */
  public synchronized void remove(String id) {
    Map<String, CompiledDistribution> byId = new LinkedHashMap<>(snapshot.byId());
    CompiledDistribution old = byId.remove(id);
    if (old != null) unregisterNames(old);
    caches.remove(id);
    publish(byId);
  }

  private void publish(Map<String, CompiledDistribution> byId) {
    Map<String, CompiledDistribution> byHost = new HashMap<>();
    for (CompiledDistribution d : byId.values()) {
      for (String h : d.hostNames()) byHost.put(h, d);
      registerNames(d);
    }
    snapshot = new Snapshot(Map.copyOf(byHost), Map.copyOf(byId));
  }

  /**
   * The distribution's names in Stratus's DNS: {@code d….cloudfront.localhost} and AWS's own
   * {@code d….cloudfront.net} (what a Route 53 alias to the distribution names), both answering
   * the default edge; the localhost names also on the API port by Host header.
   */
  private void registerNames(CompiledDistribution d) {
    EdgeListener def = byCode.get(settings.defaultEdge());
    if (def != null) dns.put(new DnsTarget(d.domainName(), List.of(def.address().getAddress()), DNS_TTL, true), dnsAnswers);
    for (String h : d.hostNames()) {
      if (!h.endsWith(".cloudfront.localhost")) continue;
      if (def != null) dns.put(new DnsTarget(h, List.of(def.address().getAddress()), DNS_TTL, true), dnsAnswers);
      var hosts = virtualHosts;
      if (hosts != null && !virtualHostRegistrations.containsKey(h)) virtualHostRegistrations.put(h, hosts.register(h, router));
    }
  }

  private void unregisterNames(CompiledDistribution d) {
    dns.remove(d.domainName());
    for (String h : d.hostNames()) {
      if (!h.endsWith(".cloudfront.localhost")) continue;
      dns.remove(h);
      Runnable r = virtualHostRegistrations.remove(h);
      if (r != null) r.run();
    }
  }

  /**
   * Purges {@code paths} (as CreateInvalidation takes them: {@code /a.jpg}, {@code /images/*},
   * {@code /*}) from every tier of distribution {@code id}; returns the objects removed.
   */
  public int invalidate(String id, List<String> paths) {
    DistributionCaches c = caches.get(id);
    if (c == null) return 0;
    return c.purge(key -> {
      String pathAndQuery = key.substring(key.startsWith("OPTIONS ") ? "OPTIONS ".length() : 0,
          key.indexOf(ViewerRequest.KEY_SEPARATOR));
      for (String p : paths) {
        String path = p.startsWith("/") ? p : "/" + p;
        if (path.endsWith("*") ? pathAndQuery.startsWith(path.substring(0, path.length() - 1)) : pathAndQuery.equals(path)) {
          return true;
        }
      }
      return false;
    });
  }

  /** The distributions deployed to the edge. */
  public List<String> distributionIds() {
    return List.copyOf(snapshot.byId().keySet());
  }

  /** Requests distribution {@code id} sent to its origins. */
  public long originFetches(String id) {
    DistributionCaches c = caches.get(id);
    return c == null ? 0 : c.originFetches.sum();
  }

  /** The counters of every tier of distribution {@code id}, or empty when it is not deployed. */
  public Optional<List<CacheTier.Stats>> cacheStats(String id) {
    if (!snapshot.byId().containsKey(id)) return Optional.empty();
    DistributionCaches c = caches.get(id);
    return Optional.of(c == null ? List.of() : c.all().stream().map(CacheTier::stats).toList());
  }

  /** {@link #cacheStats} as the table {@code stratus cache} prints. */
  public Optional<String> cacheReport(String id) {
    DistributionCaches c = caches.get(id);
    return cacheStats(id).map(stats -> CacheReport.render(id, stats, c == null ? 0 : c.originFetches.sum()));
  }

  public List<EdgeListener> listeners() {
    return List.copyOf(byCode.values());
  }

  /** Where edge {@code code} listens for HTTPS, when TLS is on. */
  public Optional<InetSocketAddress> httpsAddressOf(String code) {
    return Optional.ofNullable(httpsByCode.get(code));
  }

  /** Where edge {@code code} listens. */
  public Optional<InetSocketAddress> addressOf(String code) {
    return Optional.ofNullable(byCode.get(code)).map(EdgeListener::address);
  }

  /**
   * A function as the edge runs it: its LIVE code compiled, or why it cannot run (the viewer then
   * gets the 503 of a function execution error).
   */
  record EdgeFunction(String code, CompiledFunction compiled, String error, String keyValueStoreId) {
    EdgeFunction(String code, CompiledFunction compiled, String error) { this(code, compiled, error, null); }
  }

  /** Compiles the LIVE code of every function {@code d} names, keeping what is compiled already for unchanged code. */
  private void loadFunctions(CompiledDistribution d) {
    for (String arn : d.functionArns()) {
      Optional<FunctionCodeSource.LiveFunction> live = source.liveFunction(arn);
      EdgeFunction old = functions.get(arn);
      // a new key value store association recompiles too: cf.kvs() opens the associated store
      if (live.isPresent() && old != null && live.get().code().equals(old.code())
          && java.util.Objects.equals(live.get().keyValueStoreId(), old.keyValueStoreId())) {
        continue;
      }
      EdgeFunction next;
      if (live.isEmpty()) {
        next = new EdgeFunction(null, null, "no LIVE stage for " + arn);
      } else {
        try {
          next = new EdgeFunction(live.get().code(), functionRuntime().compile(live.get().code(),
              live.get().keyValueStoreId()), null, live.get().keyValueStoreId());
        } catch (FunctionException e) {
          next = new EdgeFunction(live.get().code(), null, e.getMessage());
        }
      }
      functions.put(arn, next);
      if (old != null && old.compiled() != null) old.compiled().close();
    }
  }

  /**
   * The CloudFront Functions runtime of this edge (made on first use: the JavaScript engine is
   * not started for distributions without functions). The control plane's TestFunction calls
   * {@link FunctionRuntime#test}; key value stores are in {@link FunctionRuntime#keyValueStores}.
   */
  public synchronized FunctionRuntime functionRuntime() {
    if (functionRuntime == null) functionRuntime = new FunctionRuntime(FunctionRuntime.Limits.standard(), keyValueStores);
    return functionRuntime;
  }

  /** The key value stores functions read ({@code cloudfront.kvs(id)}), by store id. */
  public KeyValueStores keyValueStores() { return keyValueStores; }

  // --- for the router ---

  Optional<EdgeFunction> function(String arn) {
    return Optional.ofNullable(functions.get(arn));
  }

  Snapshot snapshot() { return snapshot; }
  Settings settings() { return settings; }
  LatencyModel latency() { return latency; }

  /**
   * Where a viewer is (for emulated latency): placed, else the edge settings' default viewer city;
   * empty (no viewer leg) for one that picked an edge by its address; else the configured default
   * client location, as {@link #servingEdge} decides.
   */
  Optional<dev.stratus.net.geo.GeoPoint> viewerPoint(InetAddress viewer, InetSocketAddress local) {
    var place = locator.locate(viewer);
    if (place.isPresent()) return Optional.of(place.get().point());
    if (defaultViewerPoint != null) return Optional.of(defaultViewerPoint);
    EdgeLocation connected = byAddress.get(local);
    if (connected != null && !connected.code().equals(settings.defaultEdge())) return Optional.empty();
    return Optional.of(locator.defaultLocation().place().point());
  }
  Clock clock() { return clock; }
  OriginFetcher fetcher() { return fetcher; }
  HttpFilterRegistry filters() { return filters; }

  DistributionCaches caches(String id) {
    return caches.computeIfAbsent(id, x -> new DistributionCaches(settings.cacheBudgets()));
  }

  /**
   * The edge serving a viewer: nearest to where it is; for a viewer nothing places, nearest the
   * edge settings' default viewer city, else the edge it connected to when it picked one (not the
   * default edge DNS answers with, nor the API port), else nearest the configured default client
   * location (IAD89 for the standard us-east-1).
   */
  EdgeLocation servingEdge(InetAddress viewer, InetSocketAddress local) {
    var place = locator.locate(viewer);
    if (place.isPresent()) return nearestEdge(place.get().point());
    if (defaultViewerPoint != null) return nearestEdge(defaultViewerPoint);
    EdgeLocation connected = byAddress.get(local);
    if (connected != null && !connected.code().equals(settings.defaultEdge())) return connected;
    return nearestEdge(locator.defaultLocation().place().point());
  }

  /**
   * The edge nearest a point, remembered: the latency model routes over its fibre graph for each
   * edge (about a millisecond for all of them), and a request must not pay that. Viewers stand at
   * few points (clientLocations, countries, the default), so the memo stays small.
   */
  private EdgeLocation nearestEdge(dev.stratus.net.geo.GeoPoint point) {
    EdgeLocation known = nearestByPoint.get(point);
    if (known != null) return known;
    EdgeLocation nearest = EdgeLocation.nearest(settings.edges(), point, latency);
    if (nearestByPoint.size() < 4_096) nearestByPoint.put(point, nearest);
    return nearest;
  }

  private final Map<dev.stratus.net.geo.GeoPoint, EdgeLocation> nearestByPoint = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What a distribution's names answer each client: its nearest edge's address ({@link
   * #nearestEdge} remembers the choice per point). One instance, so re-registering changes no version.
   */
  private final ClientAddresses dnsAnswers = client -> {
    EdgeListener l = byCode.get(dnsEdge(client).code());
    return l == null ? List.of() : List.of(l.address().getAddress());
  };

  /**
   * The edge a distribution's name resolves to for a DNS client: nearest where it is placed; an
   * unplaced client nearest the edge settings' default viewer city when set, else nearest the
   * configured default location it stands at; so a viewer connects to the edge that then serves it
   * ({@link #servingEdge}).
   */
  EdgeLocation dnsEdge(DnsQueryClient client) {
    return nearestEdge(dnsPoint(client));
  }

  private dev.stratus.net.geo.GeoPoint dnsPoint(DnsQueryClient client) {
    if (!client.placed() && defaultViewerPoint != null) return defaultViewerPoint;
    return new dev.stratus.net.geo.GeoPoint(client.latitude(), client.longitude());
  }

  /** The lower-case host a request names, without its port. */
  static String host(String hostHeader) {
    if (hostHeader == null) return "";
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) h = h.substring(0, colon);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  @Override
  public synchronized void close() {
    for (var b : bound) {
      try {
        b.close();
      } catch (Exception e) {
        LOG.fine(() -> "closing " + b.record().description() + ": " + e);
      }
      String a = b.record().requested().getAddress().getHostAddress();
      if (pool.inUse(a)) pool.release(a);
    }
    bound.clear();
    if (accessLogs != null) accessLogs.close(); // what the listeners answered is delivered
    for (CompiledDistribution d : snapshot.byId().values()) unregisterNames(d);
    for (EdgeFunction f : functions.values()) {
      if (f.compiled() != null) f.compiled().close();
    }
    functions.clear();
    if (functionRuntime != null) functionRuntime.close();
  }
}
