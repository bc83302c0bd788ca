package dev.stratus.elbv2.dataplane;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.store.Projection;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.Elbv2Names;
import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthTracker;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ELB data plane: a {@link Projection} of the ELBv2 tables into a {@link RoutingSnapshot}
 * (rebuilt on every commit touching them and on every target-health flip), and one {@link
 * NodeListener} per (load balancer node, listener), opened at {@code <node address>:<listener
 * port>} through the listener registry, updated with each snapshot, closed when the node or the
 * listener goes. Application load balancers' listeners are {@link AlbNodeListener}s; network load
 * balancers' come from the NLB factory given to the constructor; gateway load balancers carry no
 * traffic. HTTP balancers also answer on the API port by Host header (their DNS names, both the
 * {@code …elb.localhost} and the {@code …elb.amazonaws.com} form) through {@link VirtualHosts}.
 */
/*
 * Reconciling runs on the projection's one thread, so the listener map needs no lock; a listener
 * that cannot open (port taken) is logged and tried again at the next rebuild. A listener's key
 * holds what cannot change in place (protocol, port, idle timeout): a change reopens it.
 */
public final class ElbDataPlane implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ElbDataPlane.class.getName());

  private final Store store;
  private final Clock clock;
  private final TargetHealthTracker health;
  private final ListenerRegistry registry;
  private final Transport transport;
  private final VirtualHosts virtualHosts;
  private final TargetPaths paths;
  private final AlbShared albs;
  /** {@code --emulate-network}: the one-way delay to a balancer's Region, by Region (null: off). */
  private volatile java.util.function.Function<String, dev.stratus.net.emulation.EmulatedDelay> distance;
  private final Map<String, NodeListener> open = new HashMap<>();
  private final Map<String, String> failed = new HashMap<>();
  private final Map<String, VirtualHost> hosts = new HashMap<>();
  /** Region → the undo of its public-keys.auth.elb host names on the API port. */
  private final Map<String, List<Runnable>> keyHosts = new HashMap<>();
  private Projection<RoutingSnapshot> projection;
  private volatile boolean closed;
  /** Stops ACM's reimport calls (null until ACM is found: it may start after ELB). */
  private volatile Runnable certificateWatch;

  private record VirtualHost(String key, AlbRouter router, List<Runnable> unregister) {}

  /**
   * @param virtualHosts where HTTP balancers' DNS names are served on the API port (null: not served)
   * @param accessLogDir where ALB access logs go when enabled (empty: not written)
   * @param paths where targets' traffic goes and whether a node reaches them (the VPC model)
   */
  public ElbDataPlane(Store store, Clock clock, TargetHealthTracker health, ListenerRegistry registry, Transport transport,
      HttpFilterRegistry filters, VirtualHosts virtualHosts, Optional<Path> accessLogDir,
      TargetPaths paths) {
    this(store, clock, health, registry, transport, filters, virtualHosts, accessLogDir, paths, Optional::empty);
  }

  /** @param certificates ACM's certificates for HTTPS listeners (empty: HTTPS listeners do not open) */
  public ElbDataPlane(Store store, Clock clock, TargetHealthTracker health, ListenerRegistry registry, Transport transport,
      HttpFilterRegistry filters, VirtualHosts virtualHosts, Optional<Path> accessLogDir,
      TargetPaths paths, java.util.function.Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates) {
    this.store = store;
    this.clock = clock;
    this.health = health;
    this.registry = registry;
    this.transport = transport;
    this.virtualHosts = virtualHosts;
    this.paths = paths;
    this.albs = new AlbShared(transport, filters, clock, accessLogDir, certificates);
    this.albs.trustStores = arn -> {
      String[] parts = arn.split(":");
      return parts.length < 5 ? Optional.empty()
          : store.get(dev.stratus.elbv2.model.TrustStore.TABLE, parts[4] + "/" + parts[3], arn);
    };
  }

  /** Subscribes and opens the listeners of the committed state (asynchronously; {@link #awaitCurrent} waits). */
  /**
   * Holds each connection for the modelled distance from its client to the balancer's Region
   * over the public internet ({@code --emulate-network}); call before {@link #start}.
   */
  public void emulateDistance(dev.stratus.net.emulation.DistanceDelay delays) {
    this.distance = delays::toRegion;
  }

  public ElbDataPlane start() {
    projection = Projection.start("elb", store, Set.of(LoadBalancer.TABLE, Listener.TABLE, Rule.TABLE, TargetGroup.TABLE,
        dev.stratus.elbv2.model.TrustStore.TABLE),
        (previous, events, view) -> {
          watchCertificates();
          RoutingSnapshot s = RoutingSnapshot.build(view, health, clock.instant(), paths);
          reconcile(s);
          return s;
        });
    return this;
  }

  /** Subscribes once to ACM's changes, when ACM is there (on the projection's thread). */
  private void watchCertificates() {
    if (certificateWatch != null) return;
    albs.certificates.get().ifPresent(acm -> certificateWatch = acm.onChange(this::certificateChanged));
  }

  /**
   * ACM reimported (or deleted) {@code arn}: when a listener names it (default certificate or one
   * added for SNI), rebuild, which rebuilds that listener's TLS contexts with the new content.
   */
  private void certificateChanged(String arn) {
    var p = projection;
    if (p == null || closed) return;
    RoutingSnapshot s = p.current();
    if (s == null || s.listeners().values().stream().anyMatch(l -> l.certificateArns().contains(arn))) p.refresh();
  }

  /** A target's health flipped: rebuild so traffic follows. */
  public void healthChanged() {
    if (projection != null) projection.refresh();
  }

  public RoutingSnapshot awaitCurrent() { return projection.awaitCurrent(); }

  /** Where each (node, listener) really listens now: listener ARN → node address → socket (tests, endpoints). */
  public Map<String, Map<String, InetSocketAddress>> listeners() {
    projection.awaitCurrent();
    Map<String, Map<String, InetSocketAddress>> out = new HashMap<>();
    synchronized (open) {
      open.forEach((key, l) -> {
        String[] k = key.split("\\|");
        out.computeIfAbsent(k[0], x -> new HashMap<>()).put(k[1], l.address());
      });
    }
    return out;
  }

  /** The open listener of {@code listenerArn} on the node at {@code nodeAddress} (tests). */
  public java.util.Optional<NodeListener> listener(String listenerArn, String nodeAddress) {
    projection.awaitCurrent();
    synchronized (open) {
      return open.entrySet().stream().filter(e -> e.getKey().startsWith(listenerArn + "|" + nodeAddress + "|"))
          .map(Map.Entry::getValue).findFirst();
    }
  }

  /** Rebuilds now and waits for it: health or EC2 state the snapshot reads may have changed (tests). */
  public RoutingSnapshot refreshNow() {
    projection.refresh();
    return projection.awaitCurrent();
  }

  private static String key(LoadBalancer lb, LoadBalancer.Node node, Listener l) {
    String idle = lb.isApplication() ? AlbNodeListener.idleTimeout(lb) + "|" + AlbNodeListener.alpn(lb) : "";
    return l.arn() + "|" + node.address() + "|" + l.protocol() + ":" + l.port() + "|" + idle;
  }

  private void reconcile(RoutingSnapshot s) {
    if (closed) return;
    Set<String> wanted = new HashSet<>();
    for (Listener l : s.listeners().values()) {
      LoadBalancer lb = s.loadBalancers().get(l.loadBalancerArn());
      if (lb == null || lb.isGateway()) continue;
      for (LoadBalancer.Node node : lb.nodes()) {
        if (node.address() == null) continue;
        String key = key(lb, node, l);
        wanted.add(key);
        NodeListener existing;
        synchronized (open) {
          existing = open.get(key);
        }
        if (existing != null) {
          existing.update(s);
          continue;
        }
        var emulated = distance;
        var ctx = new NodeListenerContext(lb, node, l, s, registry, transport, clock, paths,
            emulated == null ? null : emulated.apply(lb.arn().split(":")[3]));
        try {
          NodeListener opened = lb.isApplication() ? AlbNodeListener.open(ctx, albs) : NlbNodeListener.open(ctx, albs.certificates, albs.trustStores);
          synchronized (open) {
            open.put(key, opened);
          }
          failed.remove(key);
        } catch (RuntimeException e) {
          String why = String.valueOf(e.getMessage());
          if (!why.equals(failed.put(key, why))) {
            LOG.log(Level.WARNING, lb.name() + " " + l.protocol() + ":" + l.port() + " on " + node.address() + ": not listening: " + why);
          }
        }
      }
    }
    List<String> gone;
    synchronized (open) {
      gone = open.keySet().stream().filter(k -> !wanted.contains(k)).toList();
    }
    for (String k : gone) {
      NodeListener l;
      synchronized (open) {
        l = open.remove(k);
      }
      closeQuietly(l);
    }
    failed.keySet().retainAll(wanted);
    reconcileVirtualHosts(s);
    reconcilePublicKeyHosts(s);
    albs.retain(s.groups().keySet(), s.loadBalancers().keySet());
  }

  /** Each ALB with an HTTP listener answers its DNS names on the API port: the port-80 listener, else the lowest port. */
  private void reconcileVirtualHosts(RoutingSnapshot s) {
    if (virtualHosts == null) return;
    Map<String, Listener> chosen = new HashMap<>();
    s.listeners().values().stream().filter(l -> "HTTP".equals(l.protocol()))
        .sorted(Comparator.comparingInt((Listener l) -> l.port() == 80 ? 0 : 1).thenComparingInt(Listener::port))
        .forEach(l -> {
          LoadBalancer lb = s.loadBalancers().get(l.loadBalancerArn());
          if (lb != null && lb.isApplication() && lb.dnsName() != null) chosen.putIfAbsent(lb.arn(), l);
        });
    for (var it = hosts.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Listener l = chosen.get(e.getKey());
      LoadBalancer lb = s.loadBalancers().get(e.getKey());
      if (l == null || !e.getValue().key().equals(hostKey(lb, l))) {
        e.getValue().unregister().forEach(Runnable::run);
        it.remove();
      } else {
        e.getValue().router().update(s);
      }
    }
    chosen.forEach((lbArn, l) -> {
      if (hosts.containsKey(lbArn)) return;
      LoadBalancer lb = s.loadBalancers().get(lbArn);
      AlbRouter router = new AlbRouter(albs, lbArn, l.arn(), AlbNodeListener.idleTimeout(lb), s);
      // By Host header on the API port too, behind the balancer's filter slots (WAF) as on its own listeners.
      var guarded = dev.stratus.net.http.FilterChain.guard(albs.filters, lbArn, router);
      List<Runnable> undo = List.of(virtualHosts.register(lb.dnsName(), guarded),
          virtualHosts.register(Elbv2Names.awsDnsName(lb.dnsName(), lb.type()), guarded));
      hosts.put(lbArn, new VirtualHost(hostKey(lb, l), router, undo));
    });
  }

  /**
   * Where targets fetch the key that signs x-amzn-oidc-data: AWS serves it at
   * {@code https://public-keys.auth.elb.<region>.amazonaws.com/<kid>}; Stratus at that name and
   * {@code public-keys.auth.elb.<region>.localhost} on the API port, for each Region with an ALB.
   */
  private void reconcilePublicKeyHosts(RoutingSnapshot s) {
    if (virtualHosts == null) return;
    Set<String> regions = new HashSet<>();
    s.loadBalancers().values().stream().filter(LoadBalancer::isApplication).forEach(lb -> regions.add(lb.arn().split(":")[3]));
    keyHosts.entrySet().removeIf(e -> {
      if (regions.contains(e.getKey())) return false;
      e.getValue().forEach(Runnable::run);
      return true;
    });
    dev.stratus.net.http.HttpService keys = ex -> {
      String path = new io.netty.handler.codec.http.QueryStringDecoder(ex.request().uri()).path();
      Optional<String> pem = path.length() > 1 ? albs.auth.publicKeyPem(path.substring(1)) : Optional.empty();
      var r = pem.isPresent()
          ? new io.netty.handler.codec.http.DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
              io.netty.handler.codec.http.HttpResponseStatus.OK, io.netty.buffer.Unpooled.copiedBuffer(pem.get(),
                  java.nio.charset.StandardCharsets.US_ASCII))
          : new io.netty.handler.codec.http.DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
              io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND, io.netty.buffer.Unpooled.EMPTY_BUFFER);
      r.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, "text/plain");
      r.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
      return java.util.concurrent.CompletableFuture.completedFuture(r);
    };
    for (String region : regions) {
      keyHosts.computeIfAbsent(region, r -> List.of(virtualHosts.register("public-keys.auth.elb." + r + ".amazonaws.com", keys),
          virtualHosts.register("public-keys.auth.elb." + r + ".localhost", keys)));
    }
  }

  private static String hostKey(LoadBalancer lb, Listener l) {
    return l.arn() + "|" + lb.dnsName() + "|" + AlbNodeListener.idleTimeout(lb);
  }

  private static void closeQuietly(NodeListener l) {
    if (l == null) return;
    try {
      l.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing a listener failed", e);
    }
  }

  /**
   * Seals ALB authentication sessions (the {@code AWSELBAuthSessionCookie-N} cookies) and signs
   * {@code x-amzn-oidc-data} with keys kept in {@code dataDir}, so sessions and the signing key's id
   * outlive a restart (empty: keys of this run); call before {@link #start}.
   */
  public void keepAuthSessionsIn(Optional<Path> dataDir) { albs.auth.keepKeysIn(dataDir); }

  /** The key that signs ALB's x-amzn-oidc-data (what AWS serves at public-keys.auth.elb.<region>.amazonaws.com/<kid>). */
  public java.security.PublicKey albPublicKey() { return albs.auth.publicKey(); }

  @Override
  public void close() {
    closed = true;
    Runnable watch = certificateWatch;
    if (watch != null) watch.run();
    if (projection != null) projection.close();
    // Wait for an in-flight rebuild? The projection thread is interrupted; what it opened is in the map.
    List<NodeListener> all;
    synchronized (open) {
      all = List.copyOf(open.values());
      open.clear();
    }
    all.forEach(ElbDataPlane::closeQuietly);
    hosts.values().forEach(h -> h.unregister().forEach(Runnable::run));
    hosts.clear();
    keyHosts.values().forEach(undo -> undo.forEach(Runnable::run));
    keyHosts.clear();
    albs.close();
  }

  /** Where {@code lambda} target groups' functions are invoked (Lambda may start after ELB: looked up per request). */
  public void useFunctions(java.util.function.Supplier<Optional<dev.stratus.core.lambda.FunctionInvoker>> functions) {
    albs.functions = functions;
  }
}
