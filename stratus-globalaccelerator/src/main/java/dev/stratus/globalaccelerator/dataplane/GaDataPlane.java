package dev.stratus.globalaccelerator.dataplane;

import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.Projection;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import dev.stratus.globalaccelerator.model.FlowRouting;
import dev.stratus.net.emulation.DistanceDelay;
import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.l4.TargetChooser;
import dev.stratus.net.l4.TcpProxy;
import dev.stratus.net.l4.UdpProxy;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Global Accelerator's data plane: TCP and UDP listeners on each enabled accelerator's two static
 * addresses, routing each new flow with {@link FlowRouting} over the listener's endpoint groups
 * ordered by the latency model from where the client is ({@link ClientLocator}), and proxying it
 * with the shared L4 proxies (idle timeouts TCP 340 s, UDP 30 s, globalaccelerator.md §5).
 *
 * <p>What Stratus does where loopback differs from AWS:
 * <ul>
 *   <li>a listener's port ranges are bound port by port, up to {@link #MAX_PORTS_PER_LISTENER}
 *       ports per listener (a warning names the rest);
 *   <li>a client nothing places (no clientLocations entry, not a public address) stands at the
 *       configured default client location (us-east-1 unless set);
 *   <li>with client IP preservation the endpoint sees the client's address; without, the
 *       accelerator's own address (AWS: a GA-owned address).
 * </ul>
 */
public final class GaDataPlane implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GaDataPlane.class.getName());
  public static final int MAX_PORTS_PER_LISTENER = 32;
  static final Duration TCP_IDLE = Duration.ofSeconds(340);
  static final Duration UDP_IDLE = Duration.ofSeconds(30);
  private static final boolean ANY_LOOPBACK_BINDS = System.getProperty("os.name", "").startsWith("Linux");

  private final Store store;
  private final ListenerRegistry registry;
  private final Transport transport;
  private final DnsTargetRegistry dns;
  private final LatencyModel latency;
  private final EndpointHealth health;
  private final DistanceDelay distance; // where clients are, and their delays with --emulate-network
  private final boolean emulateNetwork;
  private final Map<Socket, ListenerRegistry.Bound<?>> bound = new HashMap<>(); // guarded by this
  private final Set<String> published = new HashSet<>(); // guarded by this
  private Projection<GaSnapshot> projection;
  private volatile SortedGroups sortedGroups = new SortedGroups(null, new ConcurrentHashMap<>());
  private volatile ListeningIndex listeningIndex = new ListeningIndex(-1, Map.of());

  /*
   * The hot path. A new TCP connection asks three questions (the emulated delay when the
   * connection is set up, the target, then the source address), a UDP flow two; all on the
   * connection's event loop, one after another. The first routes the flow and leaves its Decision
   * in this thread's slot; the others read it there. A decision is reused only for the same
   * socket, client address and port, and snapshot, and only briefly (a later connection from the
   * same port is routed afresh). The groups' order from a client's place is cached per snapshot,
   * and where endpoint listeners really listen per ListenerRegistry version.
   */
  private static final ThreadLocal<Decision> LAST_DECISION = new ThreadLocal<>();
  private static final long DECISION_REUSE_NANOS = 1_000_000_000L;
  private static final int MAX_CACHED_PLACES = 4096;

  /** One flow's routing. */
  private record Decision(Socket socket, InetSocketAddress client, GaSnapshot snapshot, long madeAt, Optional<Target> target) {}

  /** A listener's endpoint groups nearest first, by the place of the client, for one snapshot. */
  private record SortedGroups(GaSnapshot snapshot, Map<PlaceKey, List<EndpointGroup>> byPlace) {}

  private record PlaceKey(String listenerArn, GeoPoint from) {}

  /** Where each requested listener address really listens, for one registry version. */
  private record ListeningIndex(long version, Map<String, InetSocketAddress> actual) {}

  /** One bound socket: an accelerator address, a port and a protocol, serving one listener. */
  private record Socket(String address, int port, String protocol, String listenerArn) {}

  GaDataPlane(Store store, ListenerRegistry registry, Transport transport, DnsTargetRegistry dns, LatencyModel latency,
      EndpointHealth health, DistanceDelay distance, boolean emulateNetwork) {
    this.store = store;
    this.registry = registry;
    this.transport = transport;
    this.dns = dns;
    this.latency = latency;
    this.health = health;
    this.distance = distance;
    this.emulateNetwork = emulateNetwork;
  }

  /**
   * Starts the data plane over committed state: listeners bound, DNS names published, instance
   * endpoints checked on a prober driven by the context's clock.
   */
  public static GaDataPlane start(dev.stratus.core.StratusContext context, ListenerRegistry registry) {
    var ext = context.extensions();
    var health = new EndpointHealth(() -> ext.find(dev.stratus.core.elb.LoadBalancers.class),
        () -> ext.find(dev.stratus.core.vpc.VpcLookup.class), dev.stratus.net.health.HealthChecker.standard(context.clock()));
    var locator = ClientLocator.of(context.settings());
    var plane = new GaDataPlane(context.store(), registry, Transport.shared(), DnsTargetRegistry.in(ext),
        LatencyModel.standard(), health, new DistanceDelay(locator, LatencyModel.standard()),
        context.settings().emulateNetwork());
    plane.start();
    return plane;
  }

  private void start() {
    projection = Projection.start("globalaccelerator", store,
        Set.of(Accelerator.TABLE, AcceleratorListener.TABLE, EndpointGroup.TABLE), (previous, events, committed) -> {
          GaSnapshot next = GaSnapshot.load(committed);
          health.sync(next);
          reconcile(next);
          return next;
        });
    projection.awaitCurrent();
  }

  /** HEALTHY, UNHEALTHY or INITIAL for an endpoint of a group (DescribeEndpointGroup). */
  public String healthState(String endpointGroupArn, String endpointId) {
    GaSnapshot s = projection == null ? null : projection.current();
    if (s == null) return "INITIAL";
    for (List<EndpointGroup> groups : s.groupsByListener().values()) {
      for (EndpointGroup g : groups) {
        if (!g.arn().equals(endpointGroupArn)) continue;
        for (EndpointGroup.Endpoint e : g.endpoints()) if (e.endpointId().equals(endpointId)) return health.state(g, e);
      }
    }
    return "INITIAL";
  }

  /** Waits for the latest commit to be served (tests). */
  public void awaitCurrent() { projection.awaitCurrent(); }

  /** Where a listener port of an accelerator address really listens (the registry may have moved it). */
  public Optional<InetSocketAddress> listening(String address, int port, String protocol) {
    ListeningIndex index = listeningIndex;
    long version = registry.version();
    if (index.version() != version) {
      Map<String, InetSocketAddress> actual = new HashMap<>();
      for (ListenerRegistry.Listener l : registry.listeners()) {
        actual.putIfAbsent(listeningKey(l.protocol(), l.requested().getAddress().getHostAddress(), l.requested().getPort()),
            l.actual());
      }
      index = new ListeningIndex(version, actual); // a change while copying leaves an old version: rebuilt next time
      listeningIndex = index;
    }
    return Optional.ofNullable(index.actual().get(listeningKey(protocol.toLowerCase(java.util.Locale.ROOT), address, port)));
  }

  private static String listeningKey(String protocol, String address, int port) {
    return protocol + " " + address + " " + port;
  }

  private synchronized void reconcile(GaSnapshot s) {
    Set<Socket> wanted = new HashSet<>();
    Map<String, DnsTarget> names = new HashMap<>();
    for (Accelerator a : s.accelerators().values()) {
      List<InetAddress> addresses = a.ipv4Addresses().stream().map(GaDataPlane::address).toList();
      for (String name : dnsNames(a)) names.put(DnsTarget.normalise(name), new DnsTarget(name, addresses, 300, a.enabled()));
      if (!a.enabled()) continue;
      for (AcceleratorListener l : s.listeners().values()) {
        if (!l.acceleratorArn().equals(a.arn())) continue;
        List<Integer> ports = ports(l);
        for (String addr : a.ipv4Addresses()) for (int port : ports) wanted.add(new Socket(addr, port, l.protocol(), l.arn()));
      }
    }
    for (Socket gone : Set.copyOf(bound.keySet())) {
      if (!wanted.contains(gone)) closeQuietly(bound.remove(gone));
    }
    for (Socket w : wanted) {
      if (!bound.containsKey(w)) bind(w);
    }
    names.values().forEach(dns::put);
    published.stream().filter(n -> !names.containsKey(n)).forEach(dns::remove);
    published.clear();
    published.addAll(names.keySet());
  }

  private static List<String> dnsNames(Accelerator a) {
    List<String> out = new ArrayList<>(List.of(a.dnsName(), awsForm(a.dnsName())));
    if (a.dualStackDnsName() != null) out.addAll(List.of(a.dualStackDnsName(), awsForm(a.dualStackDnsName())));
    return out;
  }

  private static String awsForm(String name) {
    return name.replace(".awsglobalaccelerator.localhost", ".awsglobalaccelerator.com");
  }

  private List<Integer> ports(AcceleratorListener l) {
    List<Integer> out = new ArrayList<>();
    for (var r : l.portRanges()) {
      for (int p = r.from(); p <= r.to(); p++) {
        if (out.size() == MAX_PORTS_PER_LISTENER) {
          LOG.warning(() -> "Global Accelerator listener " + l.arn() + ": only the first " + MAX_PORTS_PER_LISTENER
              + " ports of its ranges are served");
          return out;
        }
        out.add(p);
      }
    }
    return out;
  }

  private void bind(Socket s) {
    String description = "Global Accelerator " + s.protocol() + ":" + s.port() + " (" + s.address() + ")";
    InetSocketAddress at = new InetSocketAddress(s.address(), s.port());
    String owner = s.listenerArn().substring(0, s.listenerArn().indexOf("/listener/"));
    TargetChooser chooser = (client, local) -> choose(s, client, local);
    try {
      if (s.protocol().equals("TCP")) {
        bound.put(s, registry.bind(description, "tcp", owner, at,
            a -> TcpProxy.bind(transport, a, TcpProxy.Config.nlb(description, chooser).withIdleTimeout(TCP_IDLE)
                .withSource((client, local) -> tcpSourceOf(s, client, local))
                .withDelay(emulateNetwork ? EmulatedDelay.of((client, local) -> oneWay(s, client),
                    (client, local) -> distance.toEdge(client.getAddress()), (client, local) -> edgeWait(s, client))
                    : EmulatedDelay.NONE)),
            TcpProxy::address));
      } else {
        bound.put(s, registry.bind(description, "udp", owner, at,
            a -> UdpProxy.bind(transport, a, UdpProxy.Config.nlb(description, chooser).withIdleTimeout(UDP_IDLE)
                .withSource((client, local) -> sourceOf(s, client, local))),
            UdpProxy::address));
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> description + " could not be bound: " + e.getMessage());
    }
  }

  /** A chosen endpoint: where the flow goes, whether it sees the client's address, its Region. */
  private record Target(InetSocketAddress address, boolean preserveClientIp, String region) {}

  /**
   * The flow's one-way delay with --emulate-network: the public internet from the client to its
   * nearest edge location, then the AWS backbone to the chosen endpoint's Region.
   */
  private Duration oneWay(Socket s, InetSocketAddress client) {
    return route(s, client).map(t -> distance.viaEdge(client.getAddress(), t.region())).orElse(Duration.ZERO);
  }

  /**
   * With --emulate-network, how long a new connection's first bytes wait at the edge for the edge's
   * own connection to the chosen endpoint's Region (AWS: the edge "almost concurrently establishes
   * a new TCP connection with your endpoints").
   */
  private Duration edgeWait(Socket s, InetSocketAddress client) {
    return route(s, client).map(t -> distance.edgeWait(client.getAddress(), t.region())).orElse(Duration.ZERO);
  }

  private Optional<InetSocketAddress> choose(Socket s, InetSocketAddress client, InetSocketAddress local) {
    return route(s, client).map(Target::address);
  }

  /** The flow's routing: this thread's last decision when it is this flow's, else a new one. */
  private Optional<Target> route(Socket s, InetSocketAddress client) {
    GaSnapshot snap = projection.current();
    if (snap == null) return Optional.empty();
    long now = System.nanoTime();
    Decision last = LAST_DECISION.get();
    if (last != null && last.snapshot() == snap && now - last.madeAt() < DECISION_REUSE_NANOS
        && last.client().equals(client) && last.socket().equals(s)) {
      return last.target();
    }
    Optional<Target> target = decide(s, client, snap);
    LAST_DECISION.set(new Decision(s, client, snap, now, target));
    return target;
  }

  /** The listener's groups nearest {@code from} first (by the AWS backbone), cached per snapshot. */
  private List<EndpointGroup> groupsNearest(GaSnapshot snap, String listenerArn, GeoPoint from) {
    SortedGroups cache = sortedGroups;
    if (cache.snapshot() != snap) {
      cache = new SortedGroups(snap, new ConcurrentHashMap<>());
      sortedGroups = cache;
    }
    if (cache.byPlace().size() > MAX_CACHED_PLACES) cache.byPlace().clear();
    return cache.byPlace().computeIfAbsent(new PlaceKey(listenerArn, from), k -> {
      List<EndpointGroup> groups = new ArrayList<>(snap.groupsOf(listenerArn));
      groups.sort(Comparator.comparingDouble(g -> latency.tables().region(g.region())
          .map(r -> latency.roundTripMillis(from, r.point(), NetworkPath.AWS_BACKBONE)).orElse(Double.MAX_VALUE)));
      return List.copyOf(groups);
    });
  }

  private Optional<Target> decide(Socket s, InetSocketAddress client, GaSnapshot snap) {
    AcceleratorListener l = snap.listeners().get(s.listenerArn());
    if (l == null) return Optional.empty();
    GeoPoint from = distance.place(client.getAddress()); // unplaced: the default client location
    List<EndpointGroup> groups = groupsNearest(snap, l.arn(), from);
    List<FlowRouting.Group<Target>> candidates = new ArrayList<>();
    for (EndpointGroup g : groups) {
      List<FlowRouting.Candidate<Target>> endpoints = new ArrayList<>();
      for (EndpointGroup.Endpoint e : g.endpoints()) {
        EndpointHealth.Resolved r = health.resolve(g, e);
        if (r.addresses().isEmpty()) continue;
        int port = g.endpointPort(s.port());
        // A balancer's nodes share the flows (the client hash picks one).
        String node = r.addresses().get(Math.floorMod(client.hashCode(), r.addresses().size()));
        InetSocketAddress at = listening(node, port, s.protocol()).orElse(new InetSocketAddress(node, port));
        endpoints.add(new FlowRouting.Candidate<>(new Target(at, e.clientIpPreservationEnabled(), g.region()), e.weight(), r.healthy()));
      }
      candidates.add(new FlowRouting.Group<>(g.region(), g.trafficDialPercentage(), endpoints));
    }
    long hash = FlowRouting.flowHash(l.clientAffinity(), client.getAddress().getAddress(), client.getPort(),
        address(s.address()).getAddress(), s.port(), s.protocol());
    return FlowRouting.choose(candidates, hash).map(FlowRouting.Choice::endpoint);
  }

  /**
   * {@link #sourceOf}; with --emulate-network the connection is also announced as a backbone hop,
   * so that an ALB or NLB endpoint does not hold it again for the client's internet distance.
   */
  private InetSocketAddress tcpSourceOf(Socket s, InetSocketAddress client, InetSocketAddress local) {
    InetSocketAddress source = sourceOf(s, client, local);
    if (emulateNetwork) {
      route(s, client).ifPresent(t -> dev.stratus.net.emulation.BackboneHops.announce(
          source != null ? source.getAddress() : InetAddress.getLoopbackAddress(), t.address()));
    }
    return source;
  }

  /** The client's address where the endpoint preserves it, else the accelerator's (§11). */
  private InetSocketAddress sourceOf(Socket s, InetSocketAddress client, InetSocketAddress local) {
    boolean preserve = route(s, client).map(Target::preserveClientIp).orElse(false);
    InetAddress from = preserve ? client.getAddress() : local.getAddress();
    boolean bindable = from.isLoopbackAddress() && (ANY_LOOPBACK_BINDS || from.getHostAddress().equals("127.0.0.1"));
    return bindable ? new InetSocketAddress(from, 0) : null;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + text, e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) c.close();
    } catch (Exception e) {
      LOG.fine(() -> "closing " + c + ": " + e);
    }
  }

  @Override
  public synchronized void close() {
    if (projection != null) projection.close();
    bound.values().forEach(GaDataPlane::closeQuietly);
    bound.clear();
    published.forEach(dns::remove);
    published.clear();
    health.close();
  }
}
