package dev.stratus.net.http;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open connections of one listener and its cap: when a connection beyond the cap opens,
 * the connection idle the longest is closed to make room (idle keep-alive connections are the
 * cheapest to lose; their clients reconnect), or, when none is idle, the new one is.
 */
final class ConnectionTracker {
  private static final Logger LOG = Logger.getLogger(ConnectionTracker.class.getName());

  private final String listener;
  private final int max;
  private final Map<Channel, ConnectionGovernor> open = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger shed = new AtomicInteger();

  ConnectionTracker(String listener, int max) {
    this.listener = listener;
    this.max = max;
  }

  /** Records a new connection; sheds one if the listener is over its cap. */
  void opened(Channel channel, ConnectionGovernor governor) {
    open.put(channel, governor);
    channel.closeFuture().addListener(f -> {
      if (open.remove(channel) != null) count.decrementAndGet();
    });
    if (count.incrementAndGet() <= max) return;
    Channel victim = oldestIdle(channel);
    if (shed.getAndIncrement() % 1000 == 0) {
      LOG.log(Level.WARNING, "{0}: more than {1} connections, closing {2}",
          new Object[] {listener, max, victim == channel ? "the new one (none idle)" : "the one idle longest"});
    }
    victim.close();
  }

  private Channel oldestIdle(Channel fallback) {
    Channel oldest = fallback;
    long since = Long.MAX_VALUE;
    for (Map.Entry<Channel, ConnectionGovernor> e : open.entrySet()) {
      long idle = e.getValue().idleSince();
      if (e.getKey() != fallback && idle < since) {
        since = idle;
        oldest = e.getKey();
      }
    }
    return oldest;
  }

  int open() { return count.get(); }

  int shed() { return shed.get(); }
}
