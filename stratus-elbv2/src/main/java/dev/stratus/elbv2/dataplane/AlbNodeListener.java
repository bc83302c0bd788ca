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
 * listener registry at {@code <node address>:<listener port>}. HTTP only: HTTPS listeners need
 * certificates Stratus cannot serve yet (no ACM), so {@link #open} refuses them.
 */
final class AlbNodeListener implements NodeListener {
  private final ListenerRegistry.Bound<HttpFrontEnd> bound;
  private final AlbRouter router;

  private AlbNodeListener(ListenerRegistry.Bound<HttpFrontEnd> bound, AlbRouter router) {
    this.bound = bound;
    this.router = router;
  }

  /** The balancer's idle timeout (default 60 s). */
  static Duration idleTimeout(dev.stratus.elbv2.model.LoadBalancer lb) {
    return Duration.ofSeconds(Long.parseLong(lb.attributes().getOrDefault("idle_timeout.timeout_seconds", "60")));
  }

  static AlbNodeListener open(NodeListenerContext ctx, AlbShared shared) {
    var lb = ctx.loadBalancer();
    var listener = ctx.listener();
    if (!"HTTP".equals(listener.protocol())) {
      throw new UnsupportedOperationException(listener.protocol() + " listeners are not served yet (no certificate source)");
    }
    Duration idle = idleTimeout(lb);
    AlbRouter router = new AlbRouter(shared, lb.arn(), listener.arn(), idle, ctx.snapshot());
    String name = "ALB " + lb.name() + " " + ctx.node().availabilityZone() + " " + listener.protocol() + ":" + listener.port();
    HttpLimits limits = HttpLimits.ALB.withTimeouts(HttpLimits.ALB.headerTimeout(), HttpLimits.ALB.bodyTimeout(), idle);
    var config = new HttpFrontEnd.Config(name, limits, ErrorPages.ALB, null, lb.arn(), shared.filters,
        List.of(FilterSlot.WAF, FilterSlot.AUTH, FilterSlot.THROTTLE), router);
    var bound = ctx.registry().bind(name, "http", lb.arn(), new InetSocketAddress(ctx.node().address(), listener.port()),
        at -> HttpFrontEnd.bind(ctx.transport(), at, config), HttpFrontEnd::address);
    return new AlbNodeListener(bound, router);
  }

  AlbRouter router() { return router; }

  @Override
  public void update(RoutingSnapshot snapshot) { router.update(snapshot); }

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
