package dev.stratus.protocol;

import dev.stratus.net.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The AWS API listener: one HTTP/1.1 port for every service and region (default 4566). The
 * pipeline reads top to bottom in request order: HTTP codec → 100-continue → keep-alive →
 * bounded aggregator ({@value #MAX_BODY_BYTES} bytes, larger answers 413) → {@link
 * ApiHttpHandler}, which runs each call on a virtual thread, off the event loop.
 */
public final class AwsApiServer implements AutoCloseable {
  /** Largest request body accepted: 16 MiB (API Gateway imports are the biggest bodies). */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final ExecutorService calls;
  private final Channel channel;

  private AwsApiServer(ExecutorService calls, Channel channel) {
    this.calls = calls;
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
    ApiDispatcher dispatcher = new ApiDispatcher(registry, clock, extraRoutes);
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    try {
      ServerBootstrap b = Transport.shared().server("AWS API")
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast("http", new HttpServerCodec())
                  .addLast("continue", new HttpServerExpectContinueHandler())
                  .addLast("keepAlive", new HttpServerKeepAliveHandler())
                  .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                  .addLast("api", new ApiHttpHandler(dispatcher, calls));
            }
          });
      Channel channel = b.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
      calls.execute(dispatcher::warmUp);
      return new AwsApiServer(calls, channel);
    } catch (RuntimeException e) {
      calls.shutdownNow();
      throw e;
    }
  }

  /** The bound port. */
  public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    calls.shutdownNow();
  }
}
