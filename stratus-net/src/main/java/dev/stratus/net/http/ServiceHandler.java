package dev.stratus.net.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The back half of an HTTP front end, per connection: runs the filter slots in order, then the
 * service, and writes responses in request order (HTTP/1.1 pipelining: one request is served at
 * a time; later ones wait in a queue bounded by what the aggregator lets through).
 */
final class ServiceHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(ServiceHandler.class.getName());
  private static final Map<String, Boolean> LOGGED = new ConcurrentHashMap<>();
  /** Requests queued behind the one being served; more closes the connection. */
  private static final int MAX_PIPELINED = 16;

  private final HttpFrontEnd.Config config;
  private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
  private boolean serving;
  private ChannelHandlerContext ctx;

  ServiceHandler(HttpFrontEnd.Config config) {
    this.config = config;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (queue.size() >= MAX_PIPELINED) {
      discard(request);
      ctx.close();
      return;
    }
    queue.addLast(request);
    if (!serving) next();
  }

  private void next() {
    FullHttpRequest request = queue.pollFirst();
    if (request == null || !ctx.channel().isActive()) {
      if (request != null) discard(request);
      serving = false;
      return;
    }
    serving = true;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    FullHttpResponse filtered;
    try {
      filtered = runFilters(request);
    } catch (RuntimeException e) {
      logOnce("filter", e);
      filtered = config.pages().page(HttpResponseStatus.INTERNAL_SERVER_ERROR);
    }
    if (filtered != null) {
      discard(request);
      write(filtered, keepAlive);
      return;
    }
    CompletionStage<FullHttpResponse> stage;
    HttpExchange exchange = new HttpExchange(request, (InetSocketAddress) ctx.channel().remoteAddress(),
        (InetSocketAddress) ctx.channel().localAddress(), config.isTls(), ctx.channel());
    try {
      stage = request instanceof SpooledHttpRequest spooled
          ? spooled.service().serve(exchange, spooled.body())
          : config.service().serve(exchange);
    } catch (RuntimeException e) {
      stage = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((response, failure) -> {
      Runnable answer = () -> {
        discard(request);
        FullHttpResponse out = response;
        if (failure != null || response == null) {
          if (failure != null) logOnce("service", failure);
          out = config.pages().page(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        }
        write(out, keepAlive);
      };
      if (ctx.executor().inEventLoop()) answer.run(); // completed on the connection's loop: no task hop
      else ctx.executor().execute(answer);
    });
  }

  /** The response of the first filter that answers, or null when every slot lets it through. */
  private FullHttpResponse runFilters(FullHttpRequest request) {
    return FilterChain.run(config.filters(), config.resourceArn(), config.slots(), request,
        (InetSocketAddress) ctx.channel().remoteAddress(), config.isTls());
  }

  private void write(FullHttpResponse response, boolean keepAlive) {
    boolean switching = response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    if (switching) {
      response.headers().remove(HttpHeaderNames.CONTENT_LENGTH); // RFC 9110 §8.6: none on 1xx
    } else if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)
        && !HttpUtil.isTransferEncodingChunked(response)) {
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    }
    if (!keepAlive && !switching) HttpUtil.setKeepAlive(response, false);
    if (!ctx.channel().isActive() && response instanceof FileHttpResponse file) file.discard();
    FileHttpResponse.write(ctx, response).addListener(f -> {
      if (!f.isSuccess()) {
        ctx.close();
      } else if (switching) {
        switchProtocols();
      } else {
        next();
      }
    });
  }

  /** After a 101: hand the connection's bytes to whoever set {@link HttpFrontEnd#UPGRADE}. */
  private void switchProtocols() {
    var upgrade = ctx.channel().attr(HttpFrontEnd.UPGRADE).getAndSet(null);
    if (upgrade == null) {
      ctx.close(); // a 101 nobody takes over: the connection is neither HTTP nor anything else
      return;
    }
    FullHttpRequest r;
    while ((r = queue.pollFirst()) != null) discard(r);
    var pipeline = ctx.pipeline();
    pipeline.addLast("upgraded", upgrade.apply(ctx.channel()));
    for (String name : new String[] {"service", "chunkedWriter", "aggregate", "budget", "spool", "keepAlive", "guard", "tap", "encoder", "decoder", "governor"}) {
      if (pipeline.get(name) != null) pipeline.remove(name);
    }
  }

  /** Releases a request and deletes its spooled body, if it has one the service did not move. */
  private static void discard(FullHttpRequest request) {
    request.release();
    if (request instanceof SpooledHttpRequest spooled) spooled.body().close();
  }

  private static void logOnce(String where, Throwable failure) {
    if (LOGGED.putIfAbsent(where + ":" + failure.getClass().getName(), true) == null) {
      LOG.log(Level.WARNING, "HTTP " + where + " failed; answering 500", failure);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FullHttpRequest r;
    while ((r = queue.pollFirst()) != null) discard(r);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "closing HTTP connection after error", cause);
    ctx.close();
  }
}
