package dev.stratus.net.http;

import dev.stratus.net.transport.ConnectionDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The clock of one HTTP connection: it closes a connection whose request headers did not all
 * arrive within the header timeout of their first byte, whose body did not arrive within the
 * body timeout of the headers' end, or that sat with nothing to do for the idle timeout. The
 * deadlines are fixed when a phase starts, so trickling bytes (slowloris) does not move them.
 *
 * <p>It sits first in the pipeline (raw bytes, so a request's first byte starts the header clock,
 * also under TLS) and has a {@link #tap()} placed right after the HTTP codec to learn where a
 * request's headers and body end and when a response has been written.
 */
final class ConnectionGovernor extends ChannelInboundHandlerAdapter {

  private enum Reading { NOTHING, HEADERS, BODY }

  private final HttpLimits limits;
  private final ConnectionTracker tracker;
  private ChannelHandlerContext ctx;
  private Reading reading = Reading.NOTHING;
  /** Requests read completely whose response has not been written yet. */
  private int inFlight;
  /** System.nanoTime() since which this connection is idle, or Long.MAX_VALUE when busy. */
  private volatile long idleSince = Long.MAX_VALUE;
  /** The current phase's deadline; moving it per request costs a field write, not a timer. */
  private ConnectionDeadline deadline;

  ConnectionGovernor(HttpLimits limits, ConnectionTracker tracker) {
    this.limits = limits;
    this.tracker = tracker;
  }

  /** When this connection became idle (System.nanoTime()), Long.MAX_VALUE if it is not idle. */
  long idleSince() {
    return idleSince;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    this.deadline = new ConnectionDeadline(ctx.executor(), ctx::close);
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
