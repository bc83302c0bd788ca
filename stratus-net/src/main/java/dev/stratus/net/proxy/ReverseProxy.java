package dev.stratus.net.proxy;

import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import dev.stratus.net.http.WholeMessageAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Forwards HTTP/1.1 requests to targets over pooled keep-alive connections and reports how
 * each ended as a {@link ProxyOutcome}. Connections to a target are kept per event loop, and a
 * request runs on its front-end connection's loop, so no request or response crosses threads.
 * Bodies are aggregated both ways (bounded by {@link Settings#maxResponseBytes()}).
 */
public final class ReverseProxy {

  /**
   * @param connectTimeout how long a connection may take (ALB: 10 s, elbv2 "target connection")
   * @param responseTimeout from the request written to the response complete (ALB: the idle timeout, 60 s)
   * @param poolIdleTimeout an idle pooled connection is closed after this long
   * @param maxResponseBytes largest aggregated response; larger → {@link ProxyOutcome.MalformedResponse}
   * @param maxIdlePerTarget idle connections kept per target and event loop
   */
  public record Settings(Duration connectTimeout, Duration responseTimeout, Duration poolIdleTimeout,
      int maxResponseBytes, int maxIdlePerTarget) {
    /**
     * An ALB's: 10 s connect, 60 s response, 60 s pooled idle, 64 MiB responses, 512 idle per
     * target and loop. The pool must hold as many connections as requests a target has in
     * flight: with one event loop and 64 clients on one target, a cap of 32 closed every other
     * connection on its return and opened a new one per request (API Gateway fell to 0.46x HAProxy).
     */
    public static final Settings ALB = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(60), 64 * 1024 * 1024, 512);

    public Settings {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(responseTimeout, "responseTimeout");
      Objects.requireNonNull(poolIdleTimeout, "poolIdleTimeout");
    }

    public Settings withTimeouts(Duration connect, Duration response) {
      return new Settings(connect, response, poolIdleTimeout, maxResponseBytes, maxIdlePerTarget);
    }
  }

  /** Hop-by-hop headers (RFC 9110 §7.6.1) never forwarded in either direction. */
  private static final AsciiString[] HOP_BY_HOP = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
      HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING,
      HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION};

  /**
   * How a target is reached beyond its address: over TLS when {@code tls} is set (SNI and
   * certificate name checked against {@code serverName}), from {@code localAddress} when set (a
   * data plane connecting from its own address, as AWS's nodes do), else from the kernel's choice.
   * Connections are pooled per upstream: a TLS connection is never reused for plain HTTP.
   */
  public record Upstream(io.netty.handler.ssl.SslContext tls, String serverName, java.net.InetAddress localAddress) {
    public static final Upstream PLAIN = new Upstream(null, null, null);

    public Upstream {
      if (tls != null) Objects.requireNonNull(serverName, "serverName");
    }
  }

  private record PoolKey(EventLoop loop, InetSocketAddress target, Upstream upstream) {}

  private static final io.netty.util.AttributeKey<PoolKey> POOL_KEY = io.netty.util.AttributeKey.valueOf("stratus.poolKey");

  private final Transport transport;
  private final Settings settings;
  private final Map<PoolKey, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

  public ReverseProxy(Transport transport, Settings settings) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Forwards the exchange's request to {@code target} with X-Forwarded-* added per {@code xff};
   * the path, query, method and Host are kept. A request without a body is forwarded as it is,
   * its headers rewritten in place (hop-by-hop removed, X-Forwarded-* set) rather than copied; one
   * with a body is sent from a retained duplicate, so writing it does not move the front end's
   * reader index. The front end still owns the exchange's request and releases it.
   */
  public CompletionStage<ProxyOutcome> forward(HttpExchange exchange, InetSocketAddress target, XffMode xff) {
    FullHttpRequest request = exchange.request().content().isReadable()
        ? exchange.request().retainedDuplicate() : exchange.request().retain();
    ForwardedHeaders.apply(request.headers(), exchange.remote(), exchange.tls(), exchange.local().getPort(), xff);
    return forward(request, exchange.eventLoop(), target);
  }

  /**
   * Passes a WebSocket upgrade ({@link HttpExchange#isWebSocketUpgrade()}) to {@code target}: a
   * 101 answer comes back as {@link ProxyOutcome.Response}, and once the front end has written it
   * the connection is a tunnel to the target, closed after {@code idle} without a byte either
   * way. Any other answer is an ordinary response; failures are the usual outcomes.
   */
  public CompletionStage<ProxyOutcome> upgrade(HttpExchange exchange, InetSocketAddress target, XffMode xff, Duration idle) {
    return WebSocketTunnel.open(transport, settings, exchange, target, xff, idle);
  }

  /**
   * Sends {@code request} (consumed: released once written or failed) to {@code target} on
   * {@code loop}, reusing an idle connection when there is one.
   */
  public CompletionStage<ProxyOutcome> forward(FullHttpRequest request, EventLoop loop, InetSocketAddress target) {
    return forward(request, loop, target, Upstream.PLAIN);
  }

  /** {@link #forward(FullHttpRequest, EventLoop, InetSocketAddress)} through {@code upstream} (TLS, local address). */
  public CompletionStage<ProxyOutcome> forward(FullHttpRequest request, EventLoop loop, InetSocketAddress target,
      Upstream upstream) {
    PoolKey key = new PoolKey(loop, target, Objects.requireNonNull(upstream, "upstream"));
    CompletableFuture<ProxyOutcome> outcome = new CompletableFuture<>();
    HttpHeaders headers = request.headers();
    // A body is re-framed by its length (the front end aggregated it); a request without one
    // goes without Content-Length, as the client sent it.
    boolean framed = request.content().isReadable() || headers.contains(HttpHeaderNames.CONTENT_LENGTH)
        || headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
    stripHopByHop(headers);
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    if (framed) headers.set(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
    Runnable send = () -> {
      try {
        connectAndSend(request, key, outcome);
      } catch (RuntimeException e) {
        request.release();
        outcome.complete(new ProxyOutcome.ConnectFailed(e.toString()));
      }
    };
    if (loop.inEventLoop()) send.run(); // the usual case: called from the front end's loop, no task hop
    else loop.execute(send);
    return outcome;
  }

  private void connectAndSend(FullHttpRequest request, PoolKey key, CompletableFuture<ProxyOutcome> outcome) {
    Channel pooled = takeIdle(key);
    if (pooled != null) {
      // A pooled connection the target closed while idle (Node's keep-alive is 5 s) fails with
      // Reset before any byte of a response: retry once on a new connection, keeping a copy.
      CompletableFuture<ProxyOutcome> first = new CompletableFuture<>();
      request.retain();
      send(pooled, request, first);
      first.whenComplete((result, failure) -> {
        if (result instanceof ProxyOutcome.Reset) {
          connect(request, key, outcome);
        } else {
          request.release();
          if (failure != null) outcome.completeExceptionally(failure);
          else outcome.complete(result);
        }
      });
      return;
    }
    connect(request, key, outcome);
  }

  private void connect(FullHttpRequest request, PoolKey key, CompletableFuture<ProxyOutcome> outcome) {
    EventLoop loop = key.loop();
    InetSocketAddress target = key.target();
    Upstream upstream = key.upstream();
    var bootstrap = transport.client(loop)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.attr(POOL_KEY).set(key);
            if (upstream.tls() != null) {
              var tls = upstream.tls().newHandler(ch.alloc(), upstream.serverName(), target.getPort());
              var params = tls.engine().getSSLParameters();
              params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the server
              tls.engine().setSSLParameters(params);
              ch.pipeline().addLast("tls", tls);
            }
            ch.pipeline()
                .addLast("poolIdle", new IdleStateHandler(0, 0, settings.poolIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("codec", new HttpClientCodec())
                .addLast("aggregate", new WholeMessageAggregator(settings.maxResponseBytes()))
                .addLast("target", new TargetHandler(ReverseProxy.this));
          }
        });
    var connecting = upstream.localAddress() == null ? bootstrap.connect(target)
        : bootstrap.connect(target, new InetSocketAddress(upstream.localAddress(), 0));
    connecting.addListener(f -> {
      if (f.isSuccess()) {
        Channel channel = ((io.netty.channel.ChannelFuture) f).channel();
        // Once per connection (not per pooled use): a closed connection leaves its pool queue.
        channel.closeFuture().addListener(c -> forget(key, channel));
        send(channel, request, outcome);
      } else {
        request.release();
        outcome.complete(new ProxyOutcome.ConnectFailed(String.valueOf(f.cause())));
      }
    });
  }

  private void send(Channel channel, FullHttpRequest request, CompletableFuture<ProxyOutcome> outcome) {
    TargetHandler handler = channel.pipeline().get(TargetHandler.class);
    handler.begin(outcome, settings.responseTimeout().toNanos());
    channel.writeAndFlush(request).addListener(f -> {
      if (!f.isSuccess()) handler.fail(new ProxyOutcome.Reset("write failed: " + f.cause()));
    });
  }

  private Channel takeIdle(PoolKey key) {
    ArrayDeque<Channel> q = idle.get(key);
    if (q == null) return null;
    Channel c;
    while ((c = q.pollLast()) != null) {
      if (c.isActive()) return c;
    }
    return null;
  }

  /** Puts a connection whose exchange completed back in the pool (on its loop). */
  void release(Channel channel) {
    PoolKey key = channel.attr(POOL_KEY).get();
    if (key == null) {
      channel.close();
      return;
    }
    ArrayDeque<Channel> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (q.size() >= settings.maxIdlePerTarget() || !channel.isActive()) {
      channel.close();
      return;
    }
    q.addLast(channel);
  }

  /** Drops a closed connection from its pool queue (runs on its loop, as the queue's users do). */
  private void forget(PoolKey key, Channel channel) {
    ArrayDeque<Channel> q = idle.get(key);
    if (q != null) q.remove(channel);
  }

  static void stripHopByHop(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONNECTION)) { // names it lists are hop-by-hop too
      for (String token : headers.getAll(HttpHeaderNames.CONNECTION)) {
        for (String name : token.split(",")) headers.remove(name.trim());
      }
    }
    for (AsciiString h : HOP_BY_HOP) headers.remove(h); // constants: their hash codes are cached
  }

  /** Idle pooled connections now (tests). */
  int idleConnections() {
    return idle.values().stream().mapToInt(ArrayDeque::size).sum();
  }

  static boolean isIdleEvent(Object evt) {
    return evt instanceof IdleStateEvent;
  }
}
