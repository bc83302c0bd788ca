package dev.stratus.core.net;

/**
 * An inclusive range of TCP/UDP ports, {@code from} ≤ {@code to}, both 0–65535, as security
 * group and network ACL rules carry them.
 *
 * @param from first port
 * @param to last port
 */
public record PortRange(int from, int to) {

  /** Every port: 0–65535. */
  public static final PortRange ALL = new PortRange(0, 65535);

  public PortRange {
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("invalid port range " + from + "-" + to);
    }
  }

  public static PortRange of(int from, int to) { return new PortRange(from, to); }

  public static PortRange single(int port) { return new PortRange(port, port); }

  public boolean contains(int port) { return port >= from && port <= to; }
}
