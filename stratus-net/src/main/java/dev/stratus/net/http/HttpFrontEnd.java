package dev.stratus.net.http;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.emulation.DelayHandler;
import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;
import io.netty.channel.ChannelHandler;
import java.util.function.Function;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP(S) listener of a data plane (an ALB listener, a CloudFront edge, an API Gateway
 * endpoint): {@link HttpGuard}'s guarded front half, then the filter slots of the resource (WAF,
 * AUTH, THROTTLE from core's {@link HttpFilterRegistry}), then the {@link HttpService}.
 *
 * <pre>{@code
 * var fe = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.2", 80),
 *     HttpFrontEnd.Config.of("alb web", albArn, filters, exchange -> ...));
 * }</pre>
 */
public final class HttpFrontEnd implements AutoCloseable {

  /**
   * What a front end serves and how.
   *
   * @param name for logs, e.g. {@code ALB web-123 :80}
   * @param limits the listener's bounds
   * @param pages the responses the front end writes itself
   * @param tls the TLS context per SNI host name (null host = client sent no SNI), or null for HTTP;
   *     a context offering {@code h2} in ALPN ({@code dev.stratus.net.tls.TlsContexts.Alpn}) gets HTTP/2
   * @param resourceArn the resource whose filters run (the load balancer's ARN, ...)
   * @param filters where the filters are looked up per request (so associations apply at once)
   * @param slots the slots consulted, in order
   * @param service the data plane's router
   */
  public record Config(String name, HttpLimits limits, ErrorPages pages, Mapping<String, SslContext> tls,
      String resourceArn, HttpFilterRegistry filters, List<FilterSlot> slots, HttpService service) {
    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(pages, "pages");
      Objects.requireNonNull(resourceArn, "resourceArn");
      Objects.requireNonNull(filters, "filters");
      slots = List.copyOf(slots);
      Objects.requireNonNull(service, "service");
    }

    /** Cleartext, ALB limits and pages, every slot in order (WAF, AUTH, THROTTLE). */
    public static Config of(String name, String resourceArn, HttpFilterRegistry filters, HttpService service) {
      return new Config(name, HttpLimits.ALB, ErrorPages.ALB, null, resourceArn, filters, List.of(FilterSlot.values()), service);
    }

    public Config withLimits(HttpLimits newLimits) {
      return new Config(name, newLimits, pages, tls, resourceArn, filters, slots, service);
    }

    public Config withPages(ErrorPages newPages) {
      return new Config(name, limits, newPages, tls, resourceArn, filters, slots, service);
    }

    /** TLS with one context for every host name. */
    public Config withTls(SslContext context) {
      Objects.requireNonNull(context, "context");
      return withTls(host -> context);
    }

    /** TLS with a context chosen by the client's SNI host name (null when it sent none). */
    public Config withTls(Mapping<String, SslContext> byHost) {
      return new Config(name, limits, pages, byHost, resourceArn, filters, slots, service);
    }

    boolean isTls() { return tls != null; }
  }

  /**
   * Set on a client connection by whoever answers a request with 101 Switching Protocols (the
   * reverse proxy for WebSocket): once the 101 is written, the front end removes its HTTP
   * handlers and adds the handler this function returns, which then owns the connection's bytes.
   */
  public static final AttributeKey<Function<Channel, ChannelHandler>> UPGRADE = AttributeKey.valueOf("stratus.http.upgrade");

  private final Channel channel;
  private final HttpGuard guard;

  private HttpFrontEnd(Channel channel, HttpGuard guard) {
    this.channel = channel;
    this.guard = guard;
  }

  /**
   * Binds {@code address} (port 0 = any free port) and serves {@code config}.
   *
   * @throws io.netty.channel.ChannelException or the bind's IOException (unchecked) when the
   *     address cannot be bound; {@code dev.stratus.net.listener.ListenerRegistry} adds fallbacks
   */
  public static HttpFrontEnd bind(Transport transport, InetSocketAddress address, Config config) {
    return bind(transport, address, config, EmulatedDelay.NONE);
  }

  /** As {@link #bind(Transport, InetSocketAddress, Config)}, each connection held for {@code delay} ({@code --emulate-network}). */
  public static HttpFrontEnd bind(Transport transport, InetSocketAddress address, Config config, EmulatedDelay delay) {
    HttpGuard guard = new HttpGuard(config.name(), config.limits(), config.pages());
    Channel channel = transport.server(config.name())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Duration oneWay = delay.oneWay(ch.remoteAddress(), ch.localAddress());
            if (!oneWay.isZero()) ch.pipeline().addLast("emulated-delay", new DelayHandler(oneWay));
            if (config.isTls()) {
              // TLS: the HTTP handlers wait for the handshake, whose ALPN picks HTTP/1.1 or h2.
              ConnectionGovernor governor = guard.installFront(ch.pipeline(), new SniHandler(config.tls()));
              ch.pipeline().addLast("alpn", Http2Front.negotiation(guard, governor, config));
            } else {
              if (config.service() instanceof StreamingHttpService) {
                guard.install(ch.pipeline(), null, head -> Optional.of(config.service()));
              } else {
                guard.install(ch.pipeline(), null);
              }
              ch.pipeline().addLast("service", new ServiceHandler(config));
            }
          }
        })
        .bind(address).syncUninterruptibly().channel();
    dev.stratus.net.emulation.handshake.HandshakeHold.whileListening(channel, delay); // the kernel's handshakes too
    return new HttpFrontEnd(channel, guard);
  }

  /** Where the listener really is (the port chosen when 0 was asked). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** The listener's guard: open and shed connection counts. */
  public HttpGuard guard() { return guard; }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
