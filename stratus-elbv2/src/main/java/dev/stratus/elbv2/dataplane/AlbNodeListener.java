package dev.stratus.elbv2.dataplane;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.net.http.ErrorPages;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpLimits;
import dev.stratus.net.listener.ListenerRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * An ALB listener on one node: the engine's {@link HttpFrontEnd} with {@link HttpLimits#ALB}
 * (idle timeout from {@code idle_timeout.timeout_seconds}), ALB's error pages, the WAF, AUTH
 * and THROTTLE slots of the balancer's ARN, then the {@link AlbRouter}. Bound through the
 * listener registry at {@code <node address>:<listener port>}. An HTTPS listener terminates TLS
 * with its ACM certificates, chosen by SNI ({@link ListenerTls}); targets get HTTP/1.1 and
 * {@code X-Forwarded-Proto: https}.
 */
final class AlbNodeListener implements NodeListener {
  private final ListenerRegistry.Bound<HttpFrontEnd> bound;
  private final AlbRouter router;

  private final ListenerTls tls;
  private final String listenerArn;

  private AlbNodeListener(ListenerRegistry.Bound<HttpFrontEnd> bound, AlbRouter router, ListenerTls tls, String listenerArn) {
    this.bound = bound;
    this.router = router;
    this.tls = tls;
    this.listenerArn = listenerArn;
  }

  /** The balancer's idle timeout (default 60 s). */
  static Duration idleTimeout(dev.stratus.elbv2.model.LoadBalancer lb) {
    return Duration.ofSeconds(Long.parseLong(lb.attributes().getOrDefault("idle_timeout.timeout_seconds", "60")));
  }

  static AlbNodeListener open(NodeListenerContext ctx, AlbShared shared) {
    var lb = ctx.loadBalancer();
    var listener = ctx.listener();
    boolean https = "HTTPS".equals(listener.protocol());
    if (!https && !"HTTP".equals(listener.protocol())) {
      throw new UnsupportedOperationException(listener.protocol() + " is not an ALB listener protocol");
    }
    ListenerTls tls = https ? ListenerTls.of(listener, shared.certificates, alpn(lb), shared.trustStores) : null;
    Duration idle = idleTimeout(lb);
    AlbRouter router = new AlbRouter(shared, lb.arn(), listener.arn(), idle, ctx.snapshot());
    String name = "ALB " + lb.name() + " " + ctx.node().availabilityZone() + " " + listener.protocol() + ":" + listener.port();
    HttpLimits limits = HttpLimits.ALB.withTimeouts(HttpLimits.ALB.headerTimeout(), HttpLimits.ALB.bodyTimeout(), idle);
    var config = new HttpFrontEnd.Config(name, limits, ErrorPages.ALB, tls, lb.arn(), shared.filters,
        List.of(FilterSlot.WAF, FilterSlot.AUTH, FilterSlot.THROTTLE), router);
    var bound = ctx.registry().bind(name, https ? "https" : "http", lb.arn(), new InetSocketAddress(ctx.node().address(), listener.port()),
        at -> HttpFrontEnd.bind(ctx.transport(), at, config, ctx.delay()), HttpFrontEnd::address);
    return new AlbNodeListener(bound, router, tls, listener.arn());
  }

  /** What an HTTPS listener offers in ALPN: h2 then HTTP/1.1, unless {@code routing.http2.enabled} is false. */
  static dev.stratus.net.tls.TlsContexts.Alpn alpn(dev.stratus.elbv2.model.LoadBalancer lb) {
    return "false".equals(lb.attributes().get("routing.http2.enabled"))
        ? dev.stratus.net.tls.TlsContexts.Alpn.HTTP_1_1 : dev.stratus.net.tls.TlsContexts.Alpn.H2_AND_HTTP_1_1;
  }

  AlbRouter router() { return router; }

  @Override
  public void update(RoutingSnapshot snapshot) {
    router.update(snapshot);
    if (tls != null) {
      var l = snapshot.listeners().get(listenerArn);
      try {
        if (l != null) tls.refresh(l);
      } catch (RuntimeException e) {
        java.util.logging.Logger.getLogger(AlbNodeListener.class.getName()).warning(
            "listener " + listenerArn + " keeps its certificates: " + e.getMessage());
      }
    }
  }

  @Override
  public InetSocketAddress address() { return bound.record().actual(); }

  @Override
  public void close() {
    try {
      bound.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
