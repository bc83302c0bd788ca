package dev.stratus.protocol;

import dev.stratus.net.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import dev.stratus.net.http.ErrorPages;
import dev.stratus.net.http.HttpGuard;
import dev.stratus.net.http.HttpLimits;
import dev.stratus.net.http.VirtualHosts;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The AWS API listener: one HTTP/1.1 port for every service and region (default 4566). The
 * pipeline is the data planes' guarded front half ({@link HttpGuard} with {@link
 * HttpLimits#AWS_API}: header/body/idle deadlines, a connection cap shedding the oldest idle
 * connection, smuggling vectors → 400, versions other than 1.0/1.1 → 505, the global body
 * budget → 503, bodies over {@value #MAX_BODY_BYTES} bytes → 413; a data plane that is a
 * {@code StreamingHttpService} has its bodies spooled to a file instead), then {@link ApiHttpHandler},
 * which runs each call on a virtual thread, off the event loop.
 */
public final class AwsApiServer implements AutoCloseable {
  /** Largest request body accepted: 16 MiB (API Gateway imports are the biggest bodies). */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final ExecutorService calls;
  private final Channel channel;
  private final HttpGuard guard;
  private final ApiDispatcher dispatcher;

  private AwsApiServer(ExecutorService calls, Channel channel, HttpGuard guard, ApiDispatcher dispatcher) {
    this.calls = calls;
    this.dispatcher = dispatcher;
    this.guard = guard;
    this.channel = channel;
  }

  /** Binds {@code bindAddress:port} (port 0 = any free port) and serves {@code registry}. */
  public static AwsApiServer start(String bindAddress, int port, OperationRegistry registry, Clock clock) {
    return start(bindAddress, port, registry, clock, Map.of());
  }

  /**
   * As {@link #start(String, int, OperationRegistry, Clock)}, also answering Stratus's own GET
   * routes {@code extraRoutes} (path → JSON body, asked per request), e.g. {@code /_stratus/endpoints}.
   */
  public static AwsApiServer start(String bindAddress, int port, OperationRegistry registry, Clock clock,
      Map<String, Supplier<String>> extraRoutes) {
    return start(bindAddress, port, registry, clock, extraRoutes, HttpLimits.AWS_API);
  }

  /** As above with other limits (tests use small timeouts and caps). */
  public static AwsApiServer start(String bindAddress, int port, OperationRegistry registry, Clock clock,
      Map<String, Supplier<String>> extraRoutes, HttpLimits limits) {
    return start(bindAddress, port, registry, clock, extraRoutes, limits, null);
  }

  /**
   * As above, answering requests whose Host names a registered data plane ({@link VirtualHosts},
   * e.g. an ALB's DNS name) with that data plane instead of AWS dispatch.
   */
  public static AwsApiServer start(String bindAddress, int port, OperationRegistry registry, Clock clock,
      Map<String, Supplier<String>> extraRoutes, HttpLimits limits, VirtualHosts virtualHosts) {
    if (limits.maxBodyBytes() > MAX_BODY_BYTES) throw new IllegalArgumentException("maxBodyBytes over " + MAX_BODY_BYTES);
    HttpGuard guard = new HttpGuard("AWS API", limits, ErrorPages.PLAIN);
    ApiDispatcher dispatcher = new ApiDispatcher(registry, clock, extraRoutes);
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    try {
      ServerBootstrap b = Transport.shared().server("AWS API")
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              if (virtualHosts != null) guard.install(ch.pipeline(), null, virtualHosts::find); // S3 streams its uploads
              else guard.install(ch.pipeline(), null);
              ch.pipeline().addLast("api", new ApiHttpHandler(dispatcher, calls, virtualHosts));
            }
          });
      Channel channel = b.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
      calls.execute(dispatcher::warmUp);
      return new AwsApiServer(calls, channel, guard, dispatcher);
    } catch (RuntimeException e) {
      calls.shutdownNow();
      throw e;
    }
  }

  /** The listener's guard: open and shed connection counts. */
  public HttpGuard guard() { return guard; }

  /** Done once the first answer has been written (work that may wait until the API answers waits for it). */
  public java.util.concurrent.CompletionStage<Void> firstAnswer() { return dispatcher.firstAnswer(); }

  /** The bound port. */
  public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    calls.shutdownNow();
  }
}
