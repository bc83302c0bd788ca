package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.net.l4.TargetChooser;
import dev.stratus.net.l4.TcpProxy;
import dev.stratus.net.l4.UdpProxy;
import dev.stratus.net.listener.ListenerRegistry;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One Network Load Balancer listener on one node: a TCP and/or UDP proxy bound at
 * {@code <node address>:<listener port>} (TCP_UDP binds both on the port), choosing each new
 * flow's target with {@link NlbRoute} and letting it through only where the VPC model lets the
 * node reach the target ({@link TargetPaths}).
 *
 * <p>What Stratus does where loopback differs from AWS:
 * <ul>
 *   <li>A TLS listener terminates TLS with its ACM certificates (SNI among them, the default
 *       otherwise; no ALPN) and forwards the decrypted bytes over TCP, whatever the target
 *       group's protocol (a TLS target group gets plaintext here, not a second TLS session).
 *       Mutual TLS (verify mode) is checked at the handshake; a trust store's new CA bundle or
 *       revocation list applies to the open listener, as on an ALB.
 *   <li>Client IP preservation ({@code preserve_client_ip.enabled}): target connections are sent
 *       from the client's IP address (on Linux any 127.0.0.0/8 address can be bound), with a port
 *       of the kernel's choosing, not the client's; without it they come from the node's own
 *       address, standing for the node's private IP. Where an address cannot be bound (macOS
 *       without loopback aliases) the kernel chooses. {@code proxy_protocol_v2.enabled} hands the
 *       target the client's address and port exactly (the PROXY v2 header, as on AWS).
 *   <li>A flow the VPC blocks is held unanswered and closed after the 10 s connect timeout (TCP)
 *       or dropped (UDP): the client times out, as with a dropped SYN on AWS.
 * </ul>
 * Idle timeouts are AWS's: TCP 350 s, UDP 120 s. The PROXY v2 setting is read when the proxy is
 * bound; a change of it rebinds the TCP socket (open connections stay as they are).
 */
public final class NlbNodeListener implements NodeListener {
  private static final Logger LOG = Logger.getLogger(NlbNodeListener.class.getName());
  /** Linux routes all of 127.0.0.0/8 to lo; macOS has 127.0.0.1 only unless aliases are added. */
  private static final boolean ANY_LOOPBACK_BINDS = System.getProperty("os.name", "").startsWith("Linux");

  private final NodeListenerContext ctx;
  private final InetSocketAddress wanted;
  private final boolean tcp;
  private final boolean udp;
  private final ListenerTls tls;
  private volatile NlbRoute route;
  private ListenerRegistry.Bound<TcpProxy> tcpProxy; // guarded by this
  private ListenerRegistry.Bound<UdpProxy> udpProxy; // guarded by this
  private boolean boundProxyV2; // guarded by this
  private volatile InetSocketAddress address;

  private NlbNodeListener(NodeListenerContext ctx, boolean tcp, boolean udp, ListenerTls tls) {
    this.ctx = ctx;
    this.tls = tls;
    this.wanted = new InetSocketAddress(ctx.node().address(), ctx.listener().port());
    this.tcp = tcp;
    this.udp = udp;
    this.address = wanted;
    this.route = NlbRoute.of(ctx.snapshot(), ctx.loadBalancer(), ctx.node(), ctx.listener());
  }

  /** Binds the listener's proxies; a TLS listener without ACM binds nothing. */
  public static NodeListener open(NodeListenerContext ctx) { return open(ctx, java.util.Optional::empty); }

  /** Binds the listener's proxies; a TLS listener serves its ACM certificates (without mutual TLS). */
  public static NodeListener open(NodeListenerContext ctx,
      java.util.function.Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates) {
    return open(ctx, certificates, arn -> Optional.empty());
  }

  /**
   * Binds the listener's proxies; a TLS listener serves its ACM certificates and, in mutual TLS
   * verify mode, asks for a client certificate and checks it against {@code trustStores}' CA
   * bundle and revocation lists at the handshake (as an ALB's HTTPS listener does:
   * {@link ListenerTls}). Nothing about the client certificate reaches the target: an NLB adds no
   * HTTP headers, and AWS's NLB mutual TLS pages name no other way to pass it.
   */
  public static NodeListener open(NodeListenerContext ctx,
      java.util.function.Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates,
      java.util.function.Function<String, Optional<dev.stratus.elbv2.model.TrustStore>> trustStores) {
    String protocol = ctx.listener().protocol();
    if (protocol.equals("TLS") && certificates.get().isEmpty()) {
      LOG.warning(() -> "NLB " + ctx.loadBalancer().name() + " listener " + protocol + ":" + ctx.listener().port()
          + " is not served: no ACM in this Stratus to take its certificates from");
      return new NotServed(new InetSocketAddress(ctx.node().address(), ctx.listener().port()));
    }
    NlbNodeListener l = switch (protocol) {
      case "TCP" -> new NlbNodeListener(ctx, true, false, null);
      case "UDP" -> new NlbNodeListener(ctx, false, true, null);
      case "TCP_UDP" -> new NlbNodeListener(ctx, true, true, null);
      case "TLS" -> new NlbNodeListener(ctx, true, false,
          ListenerTls.of(ctx.listener(), certificates, dev.stratus.net.tls.TlsContexts.Alpn.HTTP_1_1, trustStores));
      default -> throw new UnsupportedOperationException(protocol + " is not an NLB listener protocol");
    };
    l.bind();
    return l;
  }

  private synchronized void bind() {
    if (tcp) bindTcp();
    if (udp) {
      // TCP_UDP: the UDP side takes the port the TCP side really got.
      InetSocketAddress at = tcp ? address : wanted;
      udpProxy = ctx.registry().bind(description("UDP"), "udp", ctx.loadBalancer().arn(), at,
          a -> UdpProxy.bind(ctx.transport(), a, UdpProxy.Config.nlb(description("UDP"), chooser("UDP"))
              .withSource(this::sourceOf)),
          UdpProxy::address);
      if (!tcp) address = udpProxy.record().actual();
    }
  }

  private void bindTcp() {
    boolean v2 = route.proxyProtocolV2();
    InetSocketAddress at = tcpProxy == null ? wanted : address;
    tcpProxy = ctx.registry().bind(description(tls != null ? "TLS" : "TCP"), tls != null ? "tls" : "tcp", ctx.loadBalancer().arn(), at,
        a -> TcpProxy.bind(ctx.transport(), a, withTls(TcpProxy.Config.nlb(description("TCP"), chooser("TCP"))
            .withProxyProtocolV2(v2).withSource(this::sourceOf).withDelay(ctx.delay()))),
        TcpProxy::address);
    boundProxyV2 = v2;
    address = tcpProxy.record().actual();
  }

  private TcpProxy.Config withTls(TcpProxy.Config config) { return tls == null ? config : config.withTls(tls); }

  private String description(String protocol) {
    return "NLB " + ctx.loadBalancer().name() + " listener " + protocol + ":" + ctx.listener().port() + " ("
        + ctx.node().availabilityZone() + ")";
  }

  private TargetChooser chooser(String protocol) {
    return (client, local) -> choose(protocol, client, local);
  }

  /** The target of a new flow: the flow hash's pick, if the VPC lets this node reach it. */
  private Optional<InetSocketAddress> choose(String protocol, InetSocketAddress client, InetSocketAddress local) {
    NlbRoute r = route;
    Optional<NlbRoute.Routable> chosen = r.choose(protocol, client, local);
    if (chosen.isEmpty()) return Optional.empty();
    NlbRoute.Routable t = chosen.get();
    if (!ctx.paths().verdict(ctx.node(), r.group(), t.target(), protocol.toLowerCase(Locale.ROOT), t.target().port())
        .reachable()) {
      return Optional.of(TargetChooser.BLACKHOLE);
    }
    return Optional.of(r.group().targetType().equals("alb") ? whereAlbListens(t.address()) : t.address());
  }

  /**
   * Where a target connection comes from: the client's address with {@code preserve_client_ip}
   * (any 127.0.0.0/8 address can be bound on Linux), else the node's own address (AWS: the
   * node's private IP). Null, the kernel's choice, where the address cannot be bound here.
   */
  private InetSocketAddress sourceOf(InetSocketAddress client, InetSocketAddress local) {
    java.net.InetAddress from = route.preserveClientIp() ? client.getAddress() : local.getAddress();
    boolean bindable = from.isLoopbackAddress() && (ANY_LOOPBACK_BINDS || from.getHostAddress().equals("127.0.0.1"));
    return bindable ? new InetSocketAddress(from, 0) : null;
  }


  /** An ALB node's listener where it really is (the registry's fallbacks may have moved it). */
  private InetSocketAddress whereAlbListens(InetSocketAddress requested) {
    for (ListenerRegistry.Listener l : ctx.registry().listeners()) {
      if (l.requested().equals(requested) && (l.protocol().equals("http") || l.protocol().equals("https"))) return l.actual();
    }
    return requested;
  }

  @Override
  public void update(RoutingSnapshot snapshot) {
    // The balancer's attributes and the listener's actions may have changed since the listener opened.
    var lb = snapshot.loadBalancers().getOrDefault(ctx.loadBalancer().arn(), ctx.loadBalancer());
    var listener = snapshot.listeners().getOrDefault(ctx.listener().arn(), ctx.listener());
    NlbRoute next = NlbRoute.of(snapshot, lb, ctx.node(), listener);
    // Ask the VPC model now, off the event loops, so flows find the verdicts cached.
    next.routable().forEach(t -> ctx.paths().verdict(ctx.node(), next.group(), t.target(), tcp ? "tcp" : "udp",
        t.target().port()));
    route = next;
    if (tls != null) {
      try {
        tls.refresh(listener);
      } catch (RuntimeException e) {
        LOG.warning("listener " + listener.arn() + " keeps its certificates: " + e.getMessage());
      }
    }
    synchronized (this) {
      if (tcp && tcpProxy != null && next.proxyProtocolV2() != boundProxyV2) {
        closeQuietly(tcpProxy);
        bindTcp();
      }
    }
  }

  /** The route flows are chosen by now (tests). */
  NlbRoute route() { return route; }

  @Override
  public InetSocketAddress address() { return address; }

  @Override
  public synchronized void close() {
    if (tcpProxy != null) closeQuietly(tcpProxy);
    if (udpProxy != null) closeQuietly(udpProxy);
    tcpProxy = null;
    udpProxy = null;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.fine(() -> "closing " + c + ": " + e);
    }
  }

  /** A listener Stratus does not serve (TLS): it holds no socket. */
  private record NotServed(InetSocketAddress address) implements NodeListener {
    @Override
    public void update(RoutingSnapshot snapshot) {}

    @Override
    public void close() {}
  }
}
