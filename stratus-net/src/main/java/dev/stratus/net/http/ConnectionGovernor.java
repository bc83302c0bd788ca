package dev.stratus.net.http;

import dev.stratus.net.transport.ConnectionDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * The clock of one HTTP connection: it closes a connection whose request headers did not all
 * arrive within the header timeout of their first byte, whose body did not arrive within the
 * body timeout of the headers' end, or that sat with nothing to do for the idle timeout. The
 * deadlines are fixed when a phase starts, so trickling bytes (slowloris) does not move them.
 * A request whose headers or body were not all read in time is answered 408 Request Timeout
 * before the close, as an ALB answers a client that sent part of a request and then stopped;
 * an idle connection is closed without a word.
 *
 * <p>It sits first in the pipeline (raw bytes, so a request's first byte starts the header clock,
 * also under TLS) and has a {@link #tap()} placed right after the HTTP codec to learn where a
 * request's headers and body end and when a response has been written.
 */
final class ConnectionGovernor extends ChannelInboundHandlerAdapter {

  private enum Reading { NOTHING, HEADERS, BODY }

  private final HttpLimits limits;
  private final ConnectionTracker tracker;
  private final ErrorPages pages;
  private ChannelHandlerContext ctx;
  private Reading reading = Reading.NOTHING;
  /** Requests read completely whose response has not been written yet. */
  private int inFlight;
  /** System.nanoTime() since which this connection is idle, or Long.MAX_VALUE when busy. */
  private volatile long idleSince = Long.MAX_VALUE;
  /** The current phase's deadline; moving it per request costs a field write, not a timer. */
  private ConnectionDeadline deadline;

  ConnectionGovernor(HttpLimits limits, ConnectionTracker tracker) {
    this(limits, tracker, null);
  }

  /** With {@code pages} to answer 408 from (null: close without answering). */
  ConnectionGovernor(HttpLimits limits, ConnectionTracker tracker, ErrorPages pages) {
    this.limits = limits;
    this.tracker = tracker;
    this.pages = pages;
  }

  /**
   * Moves the body deadline {@code nanos} later: a body spooled to disk may be far larger than
   * the body timeout allows at any speed, so it earns time by the bytes it delivers.
   */
  void extendBody(long nanos) {
    if (reading == Reading.BODY && deadline != null) deadline.extend(nanos);
  }

  /** When this connection became idle (System.nanoTime()), Long.MAX_VALUE if it is not idle. */
  long idleSince() {
    return idleSince;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    this.deadline = new ConnectionDeadline(ctx.executor(), this::expire);
    becomeIdle();
    tracker.opened(ctx.channel(), this);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (reading == Reading.NOTHING && msg instanceof ByteBuf buf && buf.isReadable()) {
      reading = Reading.HEADERS;
      idleSince = Long.MAX_VALUE;
      schedule(limits.headerTimeout().toNanos());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel(); // the connection switched protocols (WebSocket): its new owner keeps its own time
  }

  private void headersRead() {
    reading = Reading.BODY;
    schedule(limits.bodyTimeout().toNanos());
  }

  private void requestRead() {
    reading = Reading.NOTHING;
    inFlight++;
    if (deadline != null) deadline.clear(); // in flight: the service's own timeouts govern
  }

  private void responseWritten() {
    if (inFlight > 0) inFlight--;
    if (inFlight == 0 && reading == Reading.NOTHING) becomeIdle();
  }

  private void becomeIdle() {
    idleSince = System.nanoTime();
    schedule(limits.idleTimeout().toNanos());
  }

  private void schedule(long nanos) {
    if (deadline != null) deadline.after(nanos);
  }

  /**
   * The running phase is over time. A request half read gets 408 and a close, unless an earlier
   * response is still owed (a 408 would overtake it) or the HTTP codec is not there yet (a TLS
   * handshake still going); everything else is closed.
   */
  private void expire() {
    var channel = ctx.channel();
    if (reading == Reading.NOTHING || inFlight > 0 || pages == null || ctx.pipeline().get("encoder") == null
        || !channel.isActive()) {
      ctx.close();
      return;
    }
    reading = Reading.NOTHING;
    channel.config().setAutoRead(false);
    FullHttpResponse page = pages.page(HttpResponseStatus.REQUEST_TIMEOUT);
    page.headers().set(HttpHeaderNames.CONTENT_LENGTH, page.content().readableBytes());
    page.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    channel.writeAndFlush(page).addListener(ChannelFutureListener.CLOSE);
    // a client that does not read its 408 does not keep the connection either
    ctx.executor().schedule((Runnable) ctx::close, 5, TimeUnit.SECONDS);
  }

  private void cancel() {
    if (deadline != null) deadline.cancel();
  }

  /** The handler to place right after the HTTP codec. */
  ChannelDuplexHandler tap() {
    return new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
        if (msg instanceof HttpRequest) headersRead();
        if (msg instanceof LastHttpContent) requestRead();
        c.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) throws Exception {
        boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
        if (msg instanceof LastHttpContent && !informational) responseWritten();
        c.write(msg, promise);
      }
    };
  }
}
