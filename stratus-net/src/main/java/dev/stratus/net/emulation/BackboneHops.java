package dev.stratus.net.emulation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections one data plane opens to another inside AWS (Global Accelerator's edge to an ALB or
 * NLB in the endpoint's Region): the connecting plane has already held the flow for the whole
 * path, so the receiving balancer must not hold it again for the client's internet distance (with
 * client IP preservation the balancer sees the client's own address and could not tell).
 *
 * <p>The opener announces the connection (its source address and destination) just before it
 * connects; the receiver takes the announcement when it accepts. A direct client from the same
 * address to the same listener at the same moment could take it instead: a narrow window only
 * emulated traffic can hit. Announcements not taken expire.
 */
public final class BackboneHops {
  private static final long EXPIRY_NANOS = 30_000_000_000L;

  private record Key(InetAddress source, InetSocketAddress destination) {}

  private record Pending(AtomicInteger count, long since) {}

  private static final Map<Key, Pending> PENDING = new ConcurrentHashMap<>();

  private BackboneHops() {}

  /** A connection from {@code source} to {@code destination} is about to be opened over the backbone. */
  public static void announce(InetAddress source, InetSocketAddress destination) {
    long now = System.nanoTime();
    if (PENDING.size() > 10_000) PENDING.values().removeIf(p -> now - p.since() > EXPIRY_NANOS);
    PENDING.compute(new Key(source, destination), (k, p) -> {
      if (p == null || now - p.since() > EXPIRY_NANOS) return new Pending(new AtomicInteger(1), now);
      p.count().incrementAndGet();
      return p;
    });
  }

  /** Whether a connection from {@code client} to {@code local} was announced, leaving the announcement (for its SYN). */
  public static boolean announced(InetSocketAddress client, InetSocketAddress local) {
    if (PENDING.isEmpty()) return false;
    Pending p = PENDING.get(new Key(client.getAddress(), local));
    return p != null && System.nanoTime() - p.since() <= EXPIRY_NANOS;
  }

  /** Whether the accepted connection from {@code client} to {@code local} was announced (taking the announcement). */
  public static boolean take(InetSocketAddress client, InetSocketAddress local) {
    if (PENDING.isEmpty()) return false;
    boolean[] taken = new boolean[1];
    PENDING.computeIfPresent(new Key(client.getAddress(), local), (k, p) -> {
      if (System.nanoTime() - p.since() > EXPIRY_NANOS) return null;
      taken[0] = true;
      return p.count().decrementAndGet() == 0 ? null : p;
    });
    return taken[0];
  }
}
