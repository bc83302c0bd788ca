package dev.stratus.net.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open DNS TCP connections of one server, with their cap and deadlines. Each connection's
 * {@link Tracker} is the first handler of its pipeline and watches the raw bytes.
 */
final class DnsTcpConnections {

  /*
   * A Tracker follows the RFC 1035 §4.2.2 framing itself (2-byte length, then the body) without
   * consuming anything, so it knows whether a message is in progress and when one completes. A
   * frame shorter than a DNS header is dropped unanswered and does not count as a message, so a
   * client sending zero-length frames cannot keep a connection alive.
   * Deadline: with no message in progress, last complete message (or accept) + idleTimeout; with
   * one in progress, its first byte + messageTimeout. Only a completed message moves a deadline
   * later, so trickled bytes never keep a connection open. One timer per connection fires at the
   * deadline it saw when armed and re-arms itself if the deadline has since moved later.
   * The registry is ordered by last complete message (LinkedHashMap, re-inserted on each); at the
   * cap a new connection sheds the first idle one in that order, else the first one at all.
   * All of it runs on the server's single event loop; the lock only guards against a future
   * change of that.
   */

  private static final Logger LOG = Logger.getLogger(DnsTcpConnections.class.getName());

  private final DnsTcpLimits limits;
  private final LongSupplier nanoTime;
  private final Map<Channel, Tracker> open = new LinkedHashMap<>();
  private long shed;

  DnsTcpConnections(DnsTcpLimits limits, LongSupplier nanoTime) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** A new tracker for a just-accepted connection. */
  Tracker tracker() {
    return new Tracker();
  }

  synchronized int size() {
    return open.size();
  }

  /** Connections closed to make room for newer ones, since start. */
  synchronized long shedCount() {
    return shed;
  }

  private void opened(Channel channel, Tracker tracker) {
    Channel victim = null;
    synchronized (this) {
      if (open.size() >= limits.maxConnections()) {
        victim = oldestIdleOrOldest();
        open.remove(victim);
        shed++;
      }
      open.put(channel, tracker);
    }
    if (victim != null) {
      LOG.log(Level.FINE, "DNS TCP connection cap reached ({0}): closing {1}",
          new Object[] {limits.maxConnections(), victim});
      victim.close();
    }
  }

  private Channel oldestIdleOrOldest() {
    Iterator<Map.Entry<Channel, Tracker>> it = open.entrySet().iterator();
    Channel first = null;
    while (it.hasNext()) {
      Map.Entry<Channel, Tracker> e = it.next();
      if (first == null) {
        first = e.getKey();
      }
      if (!e.getValue().inProgress()) {
        return e.getKey();
      }
    }
    return first;
  }

  private synchronized void completed(Channel channel, Tracker tracker) {
    if (open.remove(channel) != null) {
      open.put(channel, tracker);
    }
  }

  private synchronized void closed(Channel channel) {
    open.remove(channel);
  }

  /** Per-connection byte watcher: framing state, deadline, timer. Not sharable. */
  final class Tracker extends ChannelInboundHandlerAdapter {
    private int lengthBytesSeen;
    private int pending;
    private int length;
    private int bodyLeft;
    private long lastCompleteNanos;
    private long messageStartNanos;
    private ScheduledFuture<?> timer;

    synchronized boolean inProgress() {
      return lengthBytesSeen > 0 || bodyLeft > 0;
    }

    private synchronized long deadlineNanos() {
      return inProgress()
          ? messageStartNanos + limits.messageTimeout().toNanos()
          : lastCompleteNanos + limits.idleTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      lastCompleteNanos = nanoTime.getAsLong();
      opened(ctx.channel(), this);
      arm(ctx);
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      closed(ctx.channel());
      if (timer != null) {
        timer.cancel(false);
      }
      super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof ByteBuf buf) {
        boolean started = false;
        boolean completed = false;
        synchronized (this) {
          int i = buf.readerIndex();
          int end = buf.writerIndex();
          while (i < end) {
            if (bodyLeft > 0) {
              int take = Math.min(bodyLeft, end - i);
              bodyLeft -= take;
              i += take;
              if (bodyLeft == 0 && length >= DnsWire.HEADER_BYTES) {
                completed = true;
                lastCompleteNanos = nanoTime.getAsLong();
              }
              continue;
            }
            if (lengthBytesSeen == 0) {
              started = true;
              messageStartNanos = nanoTime.getAsLong();
            }
            pending = (pending << 8) | buf.getUnsignedByte(i++);
            if (++lengthBytesSeen == 2) {
              length = pending;
              bodyLeft = length;
              lengthBytesSeen = 0;
              pending = 0;
            }
          }
        }
        if (completed) {
          completed(ctx.channel(), this);
        }
        if (started && timer != null && nanoTime.getAsLong() + timer.getDelay(TimeUnit.NANOSECONDS) > deadlineNanos()) {
          timer.cancel(false); // the message deadline comes before the idle one that was armed
          arm(ctx);
        }
      }
      super.channelRead(ctx, msg);
    }

    private void arm(ChannelHandlerContext ctx) {
      long delay = Math.max(0, deadlineNanos() - nanoTime.getAsLong());
      timer = ctx.executor().schedule(() -> fire(ctx), delay, TimeUnit.NANOSECONDS);
    }

    private void fire(ChannelHandlerContext ctx) {
      if (!ctx.channel().isOpen()) {
        return;
      }
      if (nanoTime.getAsLong() - deadlineNanos() >= 0) {
        LOG.log(Level.FINE, "DNS TCP connection {0} closed: {1}",
            new Object[] {ctx.channel(), inProgress() ? "message not complete in time" : "idle"});
        ctx.close();
      } else {
        arm(ctx);
      }
    }
  }
}
