package dev.stratus.net.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sits on a server socket's own pipeline and swallows accept failures ({@code Too many open
 * files}, {@code ENFILE}, out of buffers). Netty's acceptor already pauses accepting for a second
 * after such a failure; this handler keeps the event from reaching the pipeline's tail (where
 * Netty logs each one as an unhandled exception) and logs one line per burst with the count.
 */
@ChannelHandler.Sharable
public final class AcceptErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(AcceptErrorHandler.class.getName());

  /** One log line per listener per 10 s burst of accept errors. */
  static final long BURST_NANOS = 10_000_000_000L;

  private final String listener;
  private final AtomicLong burstStart = new AtomicLong(System.nanoTime() - BURST_NANOS);
  private final AtomicLong suppressed = new AtomicLong();

  public AcceptErrorHandler(String listener) {
    this.listener = listener;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    long now = System.nanoTime();
    long start = burstStart.get();
    if (now - start >= BURST_NANOS && burstStart.compareAndSet(start, now)) {
      long before = suppressed.getAndSet(0);
      LOG.log(Level.WARNING, "{0}: cannot accept a connection ({1}){2}; accepting resumes by itself",
          new Object[] {listener, cause.toString(), before == 0 ? "" : " (" + before + " more errors in the last burst)"});
    } else {
      suppressed.incrementAndGet();
    }
  }

  /** Accept errors seen since the last log line (for tests and metrics). */
  public long suppressedSinceLastLog() {
    return suppressed.get();
  }
}
