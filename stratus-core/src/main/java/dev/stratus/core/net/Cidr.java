package dev.stratus.core.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block (at full length, one address) in canonical form: host bits cleared,
 * so {@code 100.68.0.18/18} parses as {@code 100.68.0.0/18} (aws-behaviour/vpc.md §1).
 *
 * <p>The first address is kept as two unsigned 64-bit halves, so containment and overlap are a
 * mask-and-compare on longs with no allocation: the reachability analyzer calls them per route,
 * rule and hop. IPv4 lives in the low 32 bits of {@code lo}; IPv4 and IPv6 never contain each
 * other (vpc.md §9: 0.0.0.0/0 does not cover IPv6). It serialises as its text form. Parsing is
 * strict: IPv4 must be four decimal octets without leading zeros beyond "0", and IPv6 text goes
 * through the JDK parser only after a syntax check (so no host names are ever resolved).
 *
 * @param ipv6 whether this is an IPv6 block
 * @param hi the upper 64 bits of the first address (0 for IPv4)
 * @param lo the lower 64 bits of the first address
 * @param prefixLength 0–32 for IPv4, 0–128 for IPv6
 */
public record Cidr(boolean ipv6, long hi, long lo, int prefixLength) implements Comparable<Cidr> {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final BigInteger LOW64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Every IPv4 address. */
  public static final Cidr ANY_IPV4 = new Cidr(false, 0, 0, 0);
  /** Every IPv6 address. */
  public static final Cidr ANY_IPV6 = new Cidr(true, 0, 0, 0);

  public Cidr {
    if (prefixLength < 0 || prefixLength > (ipv6 ? 128 : 32)) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
    if (ipv6) {
      hi &= maskHi(prefixLength);
      lo &= maskLo(prefixLength);
    } else {
      hi = 0;
      lo &= mask4(prefixLength);
    }
  }

  /** A block from its first address as an unsigned integer (host bits are cleared). */
  public Cidr(boolean ipv6, BigInteger base, int prefixLength) {
    this(ipv6, base.shiftRight(64).longValue(), base.and(LOW64).longValue(), prefixLength);
  }

  /** Parses {@code a.b.c.d/n} or {@code x:y::/n}, clearing host bits; empty when malformed. */
  public static Optional<Cidr> tryParse(String text) {
    if (text == null) return Optional.empty();
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) return Optional.empty();
    return parse(text, slash);
  }

  /** Like {@link #tryParse} but throws {@link IllegalArgumentException} naming the text. */
  @JsonCreator
  public static Cidr parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + text));
  }

  /**
   * A block, or a bare address as its /32 or /128 block (how describe output and analysis queries
   * spell single addresses); empty when malformed.
   */
  public static Optional<Cidr> tryParseBlockOrAddress(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    int slash = text.indexOf('/');
    if (slash >= 0 && slash != text.lastIndexOf('/')) return Optional.empty();
    return parse(text, slash);
  }

  /** Like {@link #tryParseBlockOrAddress} but throws {@link IllegalArgumentException} naming the text. */
  public static Cidr parseBlockOrAddress(String text) {
    return tryParseBlockOrAddress(text)
        .orElseThrow(() -> new IllegalArgumentException("not a CIDR block or address: " + text));
  }

  /** The /32 or /128 block of one address. */
  public static Cidr ofAddress(String address) {
    if (address == null || address.indexOf('/') >= 0) throw new IllegalArgumentException("not an IP address: " + address);
    return parse(address, -1).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
  }

  private static Optional<Cidr> parse(String text, int slash) {
    String addr = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    int length = v6 ? 128 : 32;
    if (slash >= 0) {
      String len = text.substring(slash + 1);
      if (len.isEmpty() || len.length() > 3) return Optional.empty();
      for (int i = 0; i < len.length(); i++) if (len.charAt(i) < '0' || len.charAt(i) > '9') return Optional.empty();
      length = Integer.parseInt(len);
      if (length > (v6 ? 128 : 32)) return Optional.empty();
    }
    long[] a = halves(addr);
    return a == null ? Optional.empty() : Optional.of(new Cidr(v6, a[0], a[1], length));
  }

  /** An address as {hi, lo}, or null when not a literal address. */
  private static long[] halves(String text) {
    if (text.isEmpty()) return null;
    if (text.indexOf(':') < 0) {
      if (!IPV4.matcher(text).matches()) return null;
      long v = 0;
      for (String octet : text.split("\\.")) v = (v << 8) | Integer.parseInt(octet);
      return new long[] {0, v};
    }
    if (!IPV6_CHARS.matcher(text).matches()) return null;
    try {
      byte[] b = InetAddress.getByName(text).getAddress();
      if (b.length != 16) return null;
      long h = 0, l = 0;
      for (int i = 0; i < 8; i++) h = (h << 8) | (b[i] & 0xFF);
      for (int i = 8; i < 16; i++) l = (l << 8) | (b[i] & 0xFF);
      return new long[] {h, l};
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An IPv4 or IPv6 address as an unsigned integer; empty when not a literal address. */
  public static Optional<BigInteger> parseAddress(String text) {
    if (text == null) return Optional.empty();
    long[] a = halves(text);
    return a == null ? Optional.empty() : Optional.of(unsigned(a[0], a[1]));
  }

  /** The first address of the block, as an unsigned integer. */
  public BigInteger base() { return unsigned(hi, lo); }

  /** Total bits of the address family: 32 or 128. */
  public int bits() { return ipv6 ? 128 : 32; }

  /** How many addresses the block holds (2^(bits - prefix)). */
  public BigInteger size() { return BigInteger.ONE.shiftLeft(bits() - prefixLength); }

  /** The last address of the block. */
  public BigInteger last() { return base().add(size()).subtract(BigInteger.ONE); }

  /** Whether {@code other} (a block or an address) lies entirely inside this block (same family). */
  public boolean contains(Cidr other) {
    if (ipv6 != other.ipv6 || other.prefixLength < prefixLength) return false;
    if (!ipv6) return (other.lo & mask4(prefixLength)) == lo;
    return (other.hi & maskHi(prefixLength)) == hi && (other.lo & maskLo(prefixLength)) == lo;
  }

  /** Whether the address (text form) lies in this block; false for another family or junk. */
  public boolean containsAddress(String address) {
    if (address == null || address.indexOf('/') >= 0) return false;
    return parse(address, -1).map(this::contains).orElse(false);
  }

  /** Whether the address (unsigned integer of this block's family) lies in this block. */
  public boolean containsAddress(BigInteger address) {
    return contains(new Cidr(ipv6, address, bits()));
  }

  /** Whether the two blocks share any address (same family). */
  public boolean overlaps(Cidr other) { return contains(other) || other.contains(this); }

  /** This block's enclosing block of the given (shorter or equal) length. */
  public Cidr truncate(int newLength) { return new Cidr(ipv6, hi, lo, newLength); }

  /** Whether this is a single address (/32 or /128). */
  public boolean isAddress() { return prefixLength == bits(); }

  /** The address {@code offset} places after the base, in text form; offset may be negative from the end. */
  public String addressAt(long offset) {
    BigInteger a = offset >= 0 ? base().add(BigInteger.valueOf(offset)) : last().add(BigInteger.valueOf(offset + 1));
    return formatAddress(a, ipv6);
  }

  /** The address {@code offset} (≥ 0, inside the block) places after the base, as a single-address block. */
  public Cidr hostAt(long offset) {
    return ipv6 ? new Cidr(true, hi, lo + offset, 128) : new Cidr(false, 0, lo + offset, 32);
  }

  /** Whether this IPv4 address or block lies in RFC 1918 private space. */
  public boolean isRfc1918() {
    return RFC1918_10.contains(this) || RFC1918_172.contains(this) || RFC1918_192.contains(this);
  }

  /** The first address in text form, without the prefix length. */
  public String address() {
    if (!ipv6) return ((lo >> 24) & 255) + "." + ((lo >> 16) & 255) + "." + ((lo >> 8) & 255) + "." + (lo & 255);
    StringBuilder sb = new StringBuilder(39);
    for (int i = 7; i >= 0; i--) {
      long half = i >= 4 ? hi : lo;
      sb.append(Long.toHexString((half >>> ((i % 4) * 16)) & 0xFFFF));
      if (i > 0) sb.append(':');
    }
    return compressIpv6(sb.toString());
  }

  /** The text form of an unsigned-integer address. */
  public static String formatAddress(BigInteger address, boolean ipv6) {
    if (!ipv6) {
      long v = address.longValue();
      return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 7; i >= 0; i--) {
      sb.append(Integer.toHexString(address.shiftRight(i * 16).intValue() & 0xffff));
      if (i > 0) sb.append(':');
    }
    return compressIpv6(sb.toString());
  }

  /** Whether this is the IPv4 block. */
  public boolean isIpv4() { return !ipv6; }

  @JsonValue
  @Override
  public String toString() { return address() + "/" + prefixLength; }

  @Override
  public int compareTo(Cidr o) {
    if (ipv6 != o.ipv6) return ipv6 ? 1 : -1;
    int c = Long.compareUnsigned(hi, o.hi);
    if (c == 0) c = Long.compareUnsigned(lo, o.lo);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  private static BigInteger unsigned(long hi, long lo) {
    return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(hi).putLong(lo).array());
  }

  private static long mask4(int len) { return len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL; }

  private static long maskHi(int len) { return len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len); }

  private static long maskLo(int len) { return len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len); }

  /** RFC 5952: the longest run (≥ 2) of zero groups becomes "::". */
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      if (!groups[i].equals("0")) { i++; continue; }
      int j = i;
      while (j < groups.length && groups[j].equals("0")) j++;
      if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
      i = j;
    }
    if (bestLen < 2) return full;
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
    return head + "::" + tail;
  }

  private static final Cidr RFC1918_10 = parse("10.0.0.0/8");
  private static final Cidr RFC1918_172 = parse("172.16.0.0/12");
  private static final Cidr RFC1918_192 = parse("192.168.0.0/16");
}
