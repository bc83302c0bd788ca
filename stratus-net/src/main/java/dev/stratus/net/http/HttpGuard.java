package dev.stratus.net.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guarded front half of every Stratus HTTP/1.x listener (the AWS API port and every HTTP
 * data plane), one instance per listener. {@link #install} builds, in request order:
 *
 * <pre>
 * governor (header/body/idle deadlines, connection cap) → [TLS] → strict decoder + encoder →
 * tap → request guard (smuggling/desync → 400, versions → 505) → keep-alive →
 * [body spooler (a StreamingHttpService's bodies to a file)] → body budget (global in-flight bytes → 503) → aggregator (over maxBodyBytes → 413)
 * </pre>
 *
 * after which the caller adds the handler that consumes {@code FullHttpRequest}s.
 */
public final class HttpGuard {

  private final HttpLimits limits;
  private final ErrorPages pages;
  private final ConnectionTracker tracker;

  public HttpGuard(String listenerName, HttpLimits limits, ErrorPages pages) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.tracker = new ConnectionTracker(Objects.requireNonNull(listenerName, "listenerName"), limits.maxConnections());
  }

  /**
   * Adds the guard's handlers to a new connection's pipeline.
   *
   * @param tls the TLS handler (an {@code SslHandler} or {@code SniHandler}), or null for cleartext
   */
  public void install(ChannelPipeline pipeline, ChannelHandler tls) {
    installHttp1(pipeline, installFront(pipeline, tls));
  }

  /** The governor and the TLS handler only: the HTTP handlers follow once ALPN has chosen a protocol. */
  ConnectionGovernor installFront(ChannelPipeline pipeline, ChannelHandler tls) {
    ConnectionGovernor governor = new ConnectionGovernor(limits, tracker, pages);
    pipeline.addLast("governor", governor);
    if (tls != null) pipeline.addLast("tls", tls);
    return governor;
  }

  /**
   * As {@link #install(ChannelPipeline, ChannelHandler)}, also spooling to a file the bodies a
   * {@link StreamingHttpService} asks for: {@code services} finds the service a request's head
   * goes to (asked only for requests with a body); the request then reaches the caller's handler
   * as a {@link SpooledHttpRequest}.
   */
  public void install(ChannelPipeline pipeline, ChannelHandler tls, Function<HttpRequest, Optional<HttpService>> services) {
    installHttp1(pipeline, installFront(pipeline, tls), services);
  }

  /** The HTTP/1.x handlers, after {@link #installFront}. */
  void installHttp1(ChannelPipeline pipeline, ConnectionGovernor governor) {
    installHttp1(pipeline, governor, null);
  }

  /** As above, with a body spooler when {@code services} is not null. */
  void installHttp1(ChannelPipeline pipeline, ConnectionGovernor governor, Function<HttpRequest, Optional<HttpService>> services) {
    pipeline.addLast("decoder", new StrictRequestDecoder(limits))
        .addLast("encoder", new HttpResponseEncoder())
        .addLast("tap", governor.tap())
        .addLast("guard", new RequestGuard(pages))
        .addLast("keepAlive", new HttpServerKeepAliveHandler());
    if (services != null) pipeline.addLast("spool", new BodySpooler(services, governor, pages));
    pipeline.addLast("budget", new BodyBudgetHandler(limits.bodyBudget(), limits.maxBodyBytes(), pages))
        .addLast("aggregate", new WholeMessageAggregator(limits.maxBodyBytes(), true));
  }

  public HttpLimits limits() { return limits; }

  public ErrorPages pages() { return pages; }

  /** Connections open on this listener now. */
  public int openConnections() { return tracker.open(); }

  /** Connections closed so far because the listener was over its cap. */
  public int shedConnections() { return tracker.shed(); }
}
