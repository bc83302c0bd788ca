package dev.stratus.ec2.reachability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block (or, at full length, one address) as the analyzer compares them:
 * host bits cleared, kept as two unsigned 64-bit halves so containment is two mask-and-compare
 * operations, never a {@code BigInteger}.
 *
 * <p>IPv4 lives in the low 32 bits of {@code lo}. IPv4 and IPv6 never contain each other
 * (aws-behaviour/vpc.md §9: 0.0.0.0/0 does not cover IPv6).
 *
 * @param ipv6 whether this is an IPv6 block
 * @param hi the upper 64 bits of the first address (0 for IPv4)
 * @param lo the lower 64 bits of the first address
 * @param length the prefix length, 0–32 (IPv4) or 0–128 (IPv6)
 */
public record CidrBlock(boolean ipv6, long hi, long lo, int length) {

  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  /** Every IPv4 address. */
  public static final CidrBlock ANY_IPV4 = new CidrBlock(false, 0, 0, 0);
  /** Every IPv6 address. */
  public static final CidrBlock ANY_IPV6 = new CidrBlock(true, 0, 0, 0);

  public CidrBlock {
    int bits = ipv6 ? 128 : 32;
    if (length < 0 || length > bits) {
      throw new IllegalArgumentException("prefix length out of range: " + length);
    }
    if (ipv6) {
      hi &= maskHi(length);
      lo &= maskLo(length);
    } else {
      hi = 0;
      lo &= 0xFFFF_FFFFL & (length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)));
    }
  }

  /** Parses {@code a.b.c.d/n}, {@code x::/n}, or a bare address (full length); empty when malformed. */
  public static Optional<CidrBlock> tryParse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    int len = v6 ? 128 : 32;
    if (slash >= 0) {
      String l = text.substring(slash + 1);
      if (!l.matches("\\d{1,3}")) return Optional.empty();
      len = Integer.parseInt(l);
      if (len > (v6 ? 128 : 32)) return Optional.empty();
    }
    int length = len;
    return parseAddress(addr).map(a -> new CidrBlock(v6, a[0], a[1], length));
  }

  /** Like {@link #tryParse} but throws {@link IllegalArgumentException} naming the text. */
  public static CidrBlock parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + text));
  }

  private static Optional<long[]> parseAddress(String text) {
    if (text.indexOf(':') < 0) {
      if (!IPV4.matcher(text).matches()) return Optional.empty();
      long v = 0;
      for (String octet : text.split("\\.")) v = (v << 8) | Integer.parseInt(octet);
      return Optional.of(new long[] {0, v});
    }
    if (!IPV6_CHARS.matcher(text).matches()) return Optional.empty();
    try {
      byte[] b = InetAddress.getByName(text).getAddress();
      if (b.length != 16) return Optional.empty();
      long h = 0, l = 0;
      for (int i = 0; i < 8; i++) h = (h << 8) | (b[i] & 0xFF);
      for (int i = 8; i < 16; i++) l = (l << 8) | (b[i] & 0xFF);
      return Optional.of(new long[] {h, l});
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code other} (a block or an address) lies entirely inside this block. */
  public boolean contains(CidrBlock other) {
    if (ipv6 != other.ipv6 || other.length < length) return false;
    if (!ipv6) {
      long m = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
      return (other.lo & m) == lo;
    }
    return (other.hi & maskHi(length)) == hi && (other.lo & maskLo(length)) == lo;
  }

  /** Whether the two blocks share any address. */
  public boolean overlaps(CidrBlock other) { return contains(other) || other.contains(this); }

  /** This block's enclosing block of the given (shorter or equal) length. */
  public CidrBlock truncate(int newLength) { return new CidrBlock(ipv6, hi, lo, newLength); }

  /** Whether this is a single address (/32 or /128). */
  public boolean isAddress() { return length == (ipv6 ? 128 : 32); }

  /** The address {@code offset} places after the first one, as a single-address block. */
  public CidrBlock addressAt(long offset) {
    return ipv6 ? new CidrBlock(true, hi, lo + offset, 128) : new CidrBlock(false, 0, lo + offset, 32);
  }

  /** Whether this IPv4 address or block lies in RFC 1918 private space. */
  public boolean isRfc1918() {
    return RFC1918_10.contains(this) || RFC1918_172.contains(this) || RFC1918_192.contains(this);
  }

  /** The address text without a prefix (for single addresses) . */
  public String address() {
    if (!ipv6) {
      return ((lo >> 24) & 255) + "." + ((lo >> 16) & 255) + "." + ((lo >> 8) & 255) + "." + (lo & 255);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 7; i >= 0; i--) {
      long half = i >= 4 ? hi : lo;
      sb.append(Long.toHexString((half >>> ((i % 4) * 16)) & 0xFFFF));
      if (i > 0) sb.append(':');
    }
    return sb.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
  }

  @Override
  public String toString() { return address() + "/" + length; }

  private static long maskHi(int len) { return len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len); }

  private static long maskLo(int len) { return len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len); }

  private static final CidrBlock RFC1918_10 = parse("10.0.0.0/8");
  private static final CidrBlock RFC1918_172 = parse("172.16.0.0/12");
  private static final CidrBlock RFC1918_192 = parse("192.168.0.0/16");
}
