package dev.stratus.core.net;

import java.util.Optional;

/**
 * An inclusive range of TCP/UDP ports, {@code from} ≤ {@code to}, both 0–65535, as security
 * group and network ACL rules carry them, and as the reachability analyzer carries a packet's
 * possible ports: a rule matches when the ranges overlap, and the packet narrows to the overlap.
 *
 * @param from first port
 * @param to last port
 */
public record PortRange(int from, int to) {

  /** Every port: 0–65535. */
  public static final PortRange ALL = new PortRange(0, 65535);
  /** The ephemeral client ports AWS assumes for a path's source port: 1024–65535 (vpc.md §21). */
  public static final PortRange EPHEMERAL = new PortRange(1024, 65535);

  public PortRange {
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("invalid port range " + from + "-" + to);
    }
  }

  public static PortRange of(int from, int to) { return new PortRange(from, to); }

  public static PortRange single(int port) { return new PortRange(port, port); }

  public boolean contains(int port) { return port >= from && port <= to; }

  /** The common ports, empty when the ranges are disjoint. */
  public Optional<PortRange> intersect(PortRange other) {
    int f = Math.max(from, other.from), t = Math.min(to, other.to);
    return f <= t ? Optional.of(new PortRange(f, t)) : Optional.empty();
  }

  /** Whether every port of {@code other} is in this range. */
  public boolean covers(PortRange other) { return from <= other.from && other.to <= to; }

  /** {@code 443} or {@code 1024-65535}. */
  @Override
  public String toString() { return from == to ? Integer.toString(from) : from + "-" + to; }
}
