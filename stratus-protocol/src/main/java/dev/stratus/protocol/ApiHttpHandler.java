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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adapts Netty to {@link ApiDispatcher}: copies the aggregated request out of its buffer on
 * the event loop, dispatches on a virtual thread, and writes the response back on the loop.
 * Stateless, hence sharable.
 */
@ChannelHandler.Sharable
final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(ApiHttpHandler.class.getName());

  private final ApiDispatcher dispatcher;
  private final ExecutorService calls;

  ApiHttpHandler(ApiDispatcher dispatcher, ExecutorService calls) {
    this.dispatcher = dispatcher;
    this.calls = calls;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    if (!msg.decoderResult().isSuccess()) {
      FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
      bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : msg.headers()) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    WireRequest request = WireRequest.of(msg.method().name(), msg.uri(), headers,
        ByteBufUtil.getBytes(msg.content()));
    try {
      calls.execute(() -> {
        WireResponse response = dispatcher.dispatch(request);
        ctx.channel().eventLoop().execute(() -> write(ctx, response, keepAlive));
      });
    } catch (RejectedExecutionException e) {
      ctx.close();
    }
  }

  private static void write(ChannelHandlerContext ctx, WireResponse response, boolean keepAlive) {
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
    response.headers().forEach((k, v) -> out.headers().set(k, v));
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    HttpUtil.setKeepAlive(out, keepAlive);
    var future = ctx.writeAndFlush(out);
    if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "closing API connection after error", cause);
    ctx.close();
  }
}
