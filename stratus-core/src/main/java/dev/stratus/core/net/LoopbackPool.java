package dev.stratus.core.net;

import dev.stratus.core.Extensions;
import java.util.HashSet;
import java.util.Set;

/**
 * The loopback addresses data-plane resources get as AWS gives them their own IPs (ARCHITECTURE
 * "Addresses"): 127.1.0.1 upward through 127.1.255.254, never 127.0.0.1. Services persist what
 * they were given in their own records and {@link #reserve} it again at start, so an address
 * survives a restart. One pool per Stratus, found with {@link #in(Extensions)}.
 */
public final class LoopbackPool {
  private static final int FIRST = (127 << 24) | (1 << 16) | 1;
  private static final int LAST = (127 << 24) | (1 << 16) | (255 << 8) | 254;

  private final Set<Integer> taken = new HashSet<>();
  private int next = FIRST;

  /** The next free address; {@link IllegalStateException} when all 65,534 are in use. */
  public synchronized String allocate() {
    for (int tried = 0; tried <= LAST - FIRST; tried++) {
      int candidate = next;
      next = next == LAST ? FIRST : next + 1;
      if ((candidate & 0xff) == 0 || (candidate & 0xff) == 255) continue;
      if (taken.add(candidate)) return format(candidate);
    }
    throw new IllegalStateException("no loopback address left in 127.1.0.0/16");
  }

  /** Marks {@code address} as used (an address read back from the store at start). */
  public synchronized void reserve(String address) { taken.add(parse(address)); }

  /** Gives {@code address} back; unknown addresses are ignored. */
  public synchronized void release(String address) { taken.remove(parse(address)); }

  public synchronized boolean inUse(String address) { return taken.contains(parse(address)); }

  /** The pool of this Stratus: the one in {@code extensions}, provided there on first use. */
  public static LoopbackPool in(Extensions extensions) {
    synchronized (extensions) {
      return extensions.find(LoopbackPool.class).orElseGet(() -> {
        LoopbackPool pool = new LoopbackPool();
        extensions.provide(LoopbackPool.class, pool);
        return pool;
      });
    }
  }

  private static String format(int a) {
    return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  private static int parse(String address) {
    String[] p = address.split("\\.");
    if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + address);
    int a = 0;
    for (String part : p) a = (a << 8) | Integer.parseInt(part);
    return a;
  }
}
