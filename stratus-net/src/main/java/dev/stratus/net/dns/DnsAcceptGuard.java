package dev.stratus.net.dns;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The handler of the DNS TCP server channel: an accept error (EMFILE "Too many open files",
 * ENFILE, ENOBUFS) pauses accepting for a second instead of spinning, and is logged once per
 * burst (the first error, then one line with the count when accepting works again); it never
 * reaches the tail of the pipeline as an unhandled exception.
 */
final class DnsAcceptGuard extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(DnsAcceptGuard.class.getName());

  /** How long accepting pauses after an error (what Netty's own acceptor does). */
  static final long PAUSE_MILLIS = 1_000;

  private long errorsInBurst;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object child) throws Exception {
    if (errorsInBurst > 0) {
      LOG.log(Level.WARNING, "DNS TCP accepting again after {0} failed accept(s)", errorsInBurst);
      errorsInBurst = 0;
    }
    super.channelRead(ctx, child);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (errorsInBurst++ == 0) {
      LOG.log(Level.WARNING, "DNS TCP accept failed ({0}); pausing accepts for {1} ms, further failures"
          + " of this burst are counted, not logged", new Object[] {cause.getMessage(), PAUSE_MILLIS});
    }
    if (ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(false);
      ctx.channel().eventLoop().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  long errorsInBurst() {
    return errorsInBurst;
  }
}
