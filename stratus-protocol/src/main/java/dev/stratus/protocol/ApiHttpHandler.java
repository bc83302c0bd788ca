package dev.stratus.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import dev.stratus.net.http.FileHttpResponse;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.SpooledHttpRequest;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.http.VirtualHosts;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adapts Netty to {@link ApiDispatcher}: copies the aggregated request out of its buffer on
 * the event loop, dispatches on a virtual thread, and writes the response back on the loop.
 * Sharable: the only per-connection state is a channel attribute.
 *
 * <p>HTTP/1.1 answers pipelined requests in order, so each connection chains its calls: a
 * request is dispatched only after the previous response on that connection was written.
 */
@ChannelHandler.Sharable
final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(ApiHttpHandler.class.getName());

  /** The completion of the last call queued on a connection (read and set on its event loop only). */
  private static final AttributeKey<CompletableFuture<Void>> TAIL = AttributeKey.valueOf("stratus.api.tail");

  private final ApiDispatcher dispatcher;
  private final ExecutorService calls;
  private final VirtualHosts virtualHosts;

  ApiHttpHandler(ApiDispatcher dispatcher, ExecutorService calls, VirtualHosts virtualHosts) {
    this.dispatcher = dispatcher;
    this.calls = calls;
    this.virtualHosts = virtualHosts;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    // A malformed request never gets here: the engine's RequestGuard in front answers it 400
    // (and writes its access-log line).
    if (msg instanceof SpooledHttpRequest spooled) {
      serveVirtualHost(ctx, msg, spooled.service(), keepAlive); // its body is in a file its service asked for
      return;
    }
    if (virtualHosts != null) {
      var service = virtualHosts.find(msg);
      if (service.isPresent()) {
        serveVirtualHost(ctx, msg, service.get(), keepAlive);
        return;
      }
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : msg.headers()) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    WireRequest request = WireRequest.of(msg.method().name(), msg.uri(), headers,
        ByteBufUtil.getBytes(msg.content()));
    CompletableFuture<Void> previous = ctx.channel().attr(TAIL).get();
    if (previous == null) previous = CompletableFuture.completedFuture(null);
    try {
      CompletableFuture<Void> next = previous.thenComposeAsync(v -> {
        WireResponse answer = call(request);
        CompletableFuture<Void> written = new CompletableFuture<>();
        ctx.channel().eventLoop().execute(() -> write(ctx, answer, keepAlive, written));
        return written;
      }, calls);
      ctx.channel().attr(TAIL).set(next);
    } catch (RejectedExecutionException e) {
      ctx.close();
    }
  }

  /** A data plane answers (an ALB by its DNS name), in order with the connection's other calls. */
  private void serveVirtualHost(ChannelHandlerContext ctx, FullHttpRequest msg, HttpService service, boolean keepAlive) {
    msg.retain();
    var channel = ctx.channel();
    CompletableFuture<Void> previous = channel.attr(TAIL).get();
    if (previous == null) previous = CompletableFuture.completedFuture(null);
    CompletableFuture<Void> next = previous.thenCompose(v -> {
      CompletableFuture<Void> written = new CompletableFuture<>();
      channel.eventLoop().execute(() -> {
        java.util.concurrent.CompletionStage<FullHttpResponse> stage;
        HttpExchange exchange = new HttpExchange(msg, (InetSocketAddress) channel.remoteAddress(),
            (InetSocketAddress) channel.localAddress(), false, channel);
        try {
          stage = msg instanceof SpooledHttpRequest spooled
              ? spooled.service().serve(exchange, spooled.body())
              : service.serve(exchange);
        } catch (RuntimeException e) {
          stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((response, failure) -> channel.eventLoop().execute(() -> {
          msg.release();
          if (msg instanceof SpooledHttpRequest spooled) spooled.body().close();
          FullHttpResponse out = response;
          if (failure != null || out == null) {
            LOG.log(Level.WARNING, "virtual host failed", failure);
            out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR);
          }
          if (out.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            // A data plane took the connection over (an API Gateway WebSocket): hand it the bytes.
            out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            ctx.writeAndFlush(out).addListener(f -> {
              if (f.isSuccess()) switchProtocols(ctx);
              else ctx.close();
              written.complete(null);
            });
            return;
          }
          if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes());
          }
          HttpUtil.setKeepAlive(out, keepAlive);
          if (!channel.isActive() && out instanceof FileHttpResponse file) file.discard();
          var future = FileHttpResponse.write(ctx, out);
          future.addListener(f -> written.complete(null));
          if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
        }));
      });
      return written;
    });
    channel.attr(TAIL).set(next);
  }

  /** After a 101: the handler the data plane set in {@link dev.stratus.net.http.HttpFrontEnd#UPGRADE} owns the bytes. */
  private static void switchProtocols(ChannelHandlerContext ctx) {
    var upgrade = ctx.channel().attr(dev.stratus.net.http.HttpFrontEnd.UPGRADE).getAndSet(null);
    if (upgrade == null) {
      ctx.close();
      return;
    }
    var pipeline = ctx.pipeline();
    pipeline.addLast("upgraded", upgrade.apply(ctx.channel()));
    for (String name : new String[] {"api", "chunkedWriter", "aggregate", "budget", "spool", "keepAlive", "guard", "tap", "encoder", "decoder", "governor"}) {
      if (pipeline.get(name) != null) pipeline.remove(name);
    }
  }

  private WireResponse call(WireRequest request) {
    try {
      return dispatcher.dispatch(request);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "dispatcher failed outside its own error handling", e);
      return WireResponse.of(500, "text/plain", "Internal failure");
    }
  }

  private void write(ChannelHandlerContext ctx, WireResponse response, boolean keepAlive,
      CompletableFuture<Void> written) {
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
    response.headers().forEach((k, v) -> out.headers().set(k, v));
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    HttpUtil.setKeepAlive(out, keepAlive);
    var future = ctx.writeAndFlush(out);
    future.addListener(f -> {
      written.complete(null);
      dispatcher.answered();
    });
    if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "closing API connection after error", cause);
    ctx.close();
  }
}
