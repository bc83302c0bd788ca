package dev.stratus.net.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import dev.stratus.net.transport.ConnectionDeadline;
import java.util.concurrent.CompletableFuture;

/**
 * The end of one pooled target connection: completes the pending exchange with the response or
 * with how it failed, then returns the connection to the pool or closes it. Runs on the
 * connection's event loop only, so its fields need no synchronisation.
 */
final class TargetHandler extends ChannelInboundHandlerAdapter {

  private final ReverseProxy proxy;
  private ChannelHandlerContext ctx;
  private CompletableFuture<ProxyOutcome> pending;
  private ConnectionDeadline deadline;

  TargetHandler(ReverseProxy proxy) {
    this.proxy = proxy;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.deadline = new ConnectionDeadline(ctx.executor(), this::timeout);
  }

  /** An exchange starts: it must complete within {@code timeoutNanos}. */
  void begin(CompletableFuture<ProxyOutcome> outcome, long timeoutNanos) {
    this.pending = outcome;
    deadline.after(timeoutNanos);
  }

  void timeout() {
    if (pending != null) {
      complete(new ProxyOutcome.TimedOut());
      ctx.close();
    }
  }

  void fail(ProxyOutcome outcome) {
    if (pending != null) {
      complete(outcome);
      ctx.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpResponse response) || pending == null) {
      ReferenceCountUtil.release(msg); // a response nobody asked for: the connection is unusable
      ctx.close();
      return;
    }
    if (response.decoderResult().isFailure()) {
      response.release();
      fail(new ProxyOutcome.MalformedResponse(String.valueOf(response.decoderResult().cause())));
      return;
    }
    boolean reusable = HttpUtil.isKeepAlive(response);
    // The aggregator framed the body by its length (setting Content-Length when the target sent
    // chunks or closed), so only the hop-by-hop headers go.
    ReverseProxy.stripHopByHop(response.headers());
    // Re-framed here, so it is ours to send in our version: an HTTP/1.0 target does not make the
    // proxy answer its HTTP/1.1 client in 1.0 (which would also end keep-alive). The keep-alive
    // decision above read the target's own version first.
    response.setProtocolVersion(io.netty.handler.codec.http.HttpVersion.HTTP_1_1);
    // Back in the pool before the caller hears of the response: it may send the connection's
    // next request at once, on this loop, and should find this connection idle.
    ProxyOutcome outcome = new ProxyOutcome.Response(response);
    CompletableFuture<ProxyOutcome> p = pending;
    pending = null;
    deadline.clear();
    if (reusable) proxy.release(ctx.channel());
    else ctx.close();
    if (!p.complete(outcome)) response.release();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (ReverseProxy.isIdleEvent(evt) && pending == null) ctx.close();
    ReferenceCountUtil.release(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    deadline.cancel();
    if (pending != null) complete(new ProxyOutcome.Reset("connection closed before a complete response"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof DecoderException) {
      fail(new ProxyOutcome.MalformedResponse(cause.toString()));
    } else {
      fail(new ProxyOutcome.Reset(cause.toString()));
    }
    ctx.close();
  }

  private void complete(ProxyOutcome outcome) {
    CompletableFuture<ProxyOutcome> p = pending;
    pending = null;
    deadline.clear();
    if (!p.complete(outcome) && outcome instanceof ProxyOutcome.Response r) r.response().release();
  }
}
