package dev.stratus.net.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Netty's {@link HttpObjectAggregator} with a shortcut for the common case: a message whose head
 * is followed at once by its last content (a request without a body, a small response read in one
 * go) becomes a full message made of those two parts, with no composite buffer and no copy. Every
 * other message (chunked, several contents, {@code Expect: 100-continue}, over the limit, a decoder
 * failure) goes through the aggregator as before, so its limits and answers are unchanged.
 */
public final class WholeMessageAggregator extends HttpObjectAggregator {

  /** A head waiting for the next message, which decides whether the shortcut applies. */
  private HttpMessage head;

  public WholeMessageAggregator(int maxContentLength) {
    super(maxContentLength);
  }

  public WholeMessageAggregator(int maxContentLength, boolean closeOnExpectationFailed) {
    super(maxContentLength, closeOnExpectationFailed);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (head == null) {
      if (msg instanceof HttpMessage m && mayShortcut(m)) {
        head = m;
      } else {
        super.channelRead(ctx, msg);
      }
      return;
    }
    HttpMessage waiting = head;
    head = null;
    if (msg instanceof LastHttpContent last && last.decoderResult().isSuccess()
        && last.content().readableBytes() <= maxContentLength()) {
      ctx.fireChannelRead(whole(waiting, last));
    } else {
      super.channelRead(ctx, waiting); // the aggregator's way, from the head on
      super.channelRead(ctx, msg);
    }
  }

  /** A head the shortcut may hold: decoded well, framed by length (or nothing), nothing expected. */
  private boolean mayShortcut(HttpMessage m) {
    return !(m instanceof FullHttpMessage) && m.decoderResult().isSuccess()
        && (m instanceof HttpRequest || m instanceof HttpResponse)
        && !HttpUtil.isTransferEncodingChunked(m) && !m.headers().contains(HttpHeaderNames.EXPECT)
        && HttpUtil.getContentLength(m, 0L) <= maxContentLength();
  }

  private static FullHttpMessage whole(HttpMessage head, LastHttpContent last) {
    FullHttpMessage full = head instanceof HttpRequest r
        ? new DefaultFullHttpRequest(r.protocolVersion(), r.method(), r.uri(), last.content(), r.headers(), last.trailingHeaders())
        : new DefaultFullHttpResponse(head.protocolVersion(), ((HttpResponse) head).status(), last.content(), head.headers(),
            last.trailingHeaders());
    if (last.content().isReadable() && !HttpUtil.isContentLengthSet(full)) {
      // a response that ended with its connection: framed by length from here on, as the aggregator does
      HttpUtil.setContentLength(full, last.content().readableBytes());
    }
    return full;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    head = null;
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    head = null;
    super.handlerRemoved(ctx);
  }
}
