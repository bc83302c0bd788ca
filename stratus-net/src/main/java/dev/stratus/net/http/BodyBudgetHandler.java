package dev.stratus.net.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Draws each request body from the listener's {@link BodyBudget} before it is buffered: the
 * declared Content-Length at the headers, or each chunk as it comes. When the budget is spent the
 * request is answered 503 and the connection closed. The bytes go back when the request's
 * response has been written (responses come in request order) or the connection closes.
 */
final class BodyBudgetHandler extends ChannelDuplexHandler {

  private final BodyBudget budget;
  private final int maxBodyBytes;
  private final ErrorPages pages;
  /** Bytes held per request awaiting its response, oldest first; the last may still grow. */
  private final ArrayDeque<long[]> held = new ArrayDeque<>();
  private boolean refused;
  /** The request being read has no Content-Length (chunked), so its chunks are held one by one. */
  private boolean holdChunks;

  BodyBudgetHandler(BodyBudget budget, int maxBodyBytes, ErrorPages pages) {
    this.budget = budget;
    this.maxBodyBytes = maxBodyBytes;
    this.pages = pages;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    long want = 0;
    if (msg instanceof SpooledHttpRequest) {
      held.addLast(new long[1]); // its body is in a file, not in memory: nothing to hold
      holdChunks = false;
    } else if (msg instanceof HttpRequest request) {
      held.addLast(new long[1]);
      long declared = HttpUtil.getContentLength(request, -1L);
      holdChunks = declared < 0;
      // Over the per-request limit: the aggregator answers 413 without buffering, nothing to hold.
      if (declared > 0 && declared <= maxBodyBytes) want = declared;
    } else if (msg instanceof HttpContent content && holdChunks && !held.isEmpty()) {
      want = content.content().readableBytes(); // no Content-Length: hold each chunk as it arrives
    }
    if (want > 0) {
      if (!budget.tryReserve(want)) {
        ReferenceCountUtil.release(msg);
        refuse(ctx);
        return;
      }
      held.peekLast()[0] += want;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    if (msg instanceof LastHttpContent && !informational && !held.isEmpty()) {
      budget.release(held.removeFirst()[0]);
    }
    ctx.write(msg, promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseAll();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseAll();
    ctx.fireChannelInactive();
  }

  private void releaseAll() {
    while (!held.isEmpty()) budget.release(held.removeFirst()[0]);
  }

  private void refuse(ChannelHandlerContext ctx) {
    refused = true;
    ctx.channel().config().setAutoRead(false);
    FullHttpResponse page = pages.page(HttpResponseStatus.SERVICE_UNAVAILABLE);
    page.headers().set(HttpHeaderNames.CONTENT_LENGTH, page.content().readableBytes());
    page.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(page).addListener(ChannelFutureListener.CLOSE);
  }
}
