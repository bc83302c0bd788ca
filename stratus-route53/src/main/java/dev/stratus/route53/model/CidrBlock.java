package dev.stratus.route53.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * A CIDR block of a CIDR collection location (route53.md §14): IPv4 /1–/24 or IPv6 /1–/48, kept
 * in canonical text (host bits cleared, IPv6 compressed as the JDK prints it).
 *
 * @param address the network address
 * @param prefixLength the prefix length
 */
public record CidrBlock(InetAddress address, int prefixLength) {

  /** Longest IPv4 prefix a collection accepts (§14). */
  public static final int MAX_IPV4_PREFIX = 24;
  /** Longest IPv6 prefix a collection accepts (§14). */
  public static final int MAX_IPV6_PREFIX = 48;

  /** The block of {@code text}, or empty when it is not a CIDR block Route 53 accepts. */
  public static Optional<CidrBlock> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(0, slash).matches("[0-9A-Fa-f:.]+") || !text.substring(slash + 1).matches("\\d{1,3}")) {
      return Optional.empty();
    }
    try {
      var address = InetAddress.getByName(text.substring(0, slash));
      int prefix = Integer.parseInt(text.substring(slash + 1));
      int bits = address.getAddress().length * 8;
      int max = bits == 32 ? MAX_IPV4_PREFIX : MAX_IPV6_PREFIX;
      if (prefix < 1 || prefix > max) return Optional.empty();
      var value = new BigInteger(1, address.getAddress());
      var mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
      byte[] raw = value.and(mask).toByteArray();
      byte[] out = new byte[bits / 8];
      for (int i = 0; i < Math.min(raw.length, out.length); i++) out[out.length - 1 - i] = raw[raw.length - 1 - i];
      return Optional.of(new CidrBlock(InetAddress.getByAddress(out), prefix));
    } catch (UnknownHostException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The canonical text, e.g. {@code 192.0.2.0/24} or {@code 2001:db8:0:0:0:0:0:0/32}. */
  public String text() { return address.getHostAddress() + "/" + prefixLength; }

  /** Whether {@code client} falls inside this block. */
  public boolean contains(InetAddress client) {
    byte[] a = address.getAddress(), c = client.getAddress();
    if (a.length != c.length) return false;
    int full = prefixLength / 8, rest = prefixLength % 8;
    for (int i = 0; i < full; i++) if (a[i] != c[i]) return false;
    if (rest == 0) return true;
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (c[full] & mask);
  }
}
