package dev.stratus.core.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block in canonical form: host bits cleared, so {@code 100.68.0.18/18}
 * parses as {@code 100.68.0.0/18} (aws-behaviour/vpc.md §1).
 *
 * <p>The block is kept as its first address (an unsigned integer of 32 or 128 bits) and its
 * prefix length; comparison, containment and overlap are integer arithmetic. It serialises as
 * its text form. Parsing is strict: IPv4 must be four decimal octets without leading zeros
 * beyond "0", an explicit prefix is required, and IPv6 text goes through the JDK parser only
 * after a syntax check (so no host names are ever resolved).
 *
 * @param ipv6 whether this is an IPv6 block
 * @param base the first address of the block, as an unsigned integer
 * @param prefixLength 0–32 for IPv4, 0–128 for IPv6
 */
public record Cidr(boolean ipv6, BigInteger base, int prefixLength) implements Comparable<Cidr> {

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  public Cidr {
    Objects.requireNonNull(base, "base");
    int bits = ipv6 ? 128 : 32;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
    }
    base = base.and(mask(bits, prefixLength));
  }

  /** Parses {@code a.b.c.d/n} or {@code x:y::/n}, clearing host bits; empty when malformed. */
  public static Optional<Cidr> tryParse(String text) {
    if (text == null) return Optional.empty();
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) return Optional.empty();
    String len = text.substring(slash + 1);
    if (!len.matches("\\d{1,3}")) return Optional.empty();
    int prefix = Integer.parseInt(len);
    return parseAddress(text.substring(0, slash)).flatMap(a -> {
      boolean v6 = a.bitLength() > 32 || text.indexOf(':') >= 0;
      if (prefix > (v6 ? 128 : 32)) return Optional.empty();
      return Optional.of(new Cidr(v6, a, prefix));
    });
  }

  /** Like {@link #tryParse} but throws {@link IllegalArgumentException} naming the text. */
  @JsonCreator
  public static Cidr parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + text));
  }

  /** The /32 or /128 block of one address. */
  public static Cidr ofAddress(String address) {
    BigInteger a = parseAddress(address)
        .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
    boolean v6 = address.indexOf(':') >= 0;
    return new Cidr(v6, a, v6 ? 128 : 32);
  }

  /** An IPv4 or IPv6 address as an unsigned integer; empty when not a literal address. */
  public static Optional<BigInteger> parseAddress(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    if (text.indexOf(':') < 0) {
      if (!IPV4.matcher(text).matches()) return Optional.empty();
      long v = 0;
      for (String octet : text.split("\\.")) v = (v << 8) | Integer.parseInt(octet);
      return Optional.of(BigInteger.valueOf(v));
    }
    if (!IPV6_CHARS.matcher(text).matches()) return Optional.empty();
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      return bytes.length == 16 ? Optional.of(new BigInteger(1, bytes)) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Total bits of the address family: 32 or 128. */
  public int bits() { return ipv6 ? 128 : 32; }

  /** How many addresses the block holds (2^(bits - prefix)). */
  public BigInteger size() { return BigInteger.ONE.shiftLeft(bits() - prefixLength); }

  /** The last address of the block. */
  public BigInteger last() { return base.add(size()).subtract(BigInteger.ONE); }

  /** Whether {@code other} lies entirely inside this block (same family). */
  public boolean contains(Cidr other) {
    return ipv6 == other.ipv6 && other.prefixLength >= prefixLength
        && other.base.and(mask(bits(), prefixLength)).equals(base);
  }

  /** Whether the address (text form) lies in this block; false for another family or junk. */
  public boolean containsAddress(String address) {
    return parseAddress(address)
        .filter(a -> (address.indexOf(':') >= 0) == ipv6)
        .map(this::containsAddress).orElse(false);
  }

  /** Whether the address (unsigned integer of this block's family) lies in this block. */
  public boolean containsAddress(BigInteger address) {
    return address.and(mask(bits(), prefixLength)).equals(base);
  }

  /** Whether the two blocks share any address (same family). */
  public boolean overlaps(Cidr other) { return contains(other) || other.contains(this); }

  /** The address {@code offset} places after the base, in text form; offset may be negative from the end. */
  public String addressAt(long offset) {
    BigInteger a = offset >= 0 ? base.add(BigInteger.valueOf(offset)) : last().add(BigInteger.valueOf(offset + 1));
    return formatAddress(a, ipv6);
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
  public String toString() { return formatAddress(base, ipv6) + "/" + prefixLength; }

  @Override
  public int compareTo(Cidr o) {
    if (ipv6 != o.ipv6) return ipv6 ? 1 : -1;
    int c = base.compareTo(o.base);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  private static BigInteger mask(int bits, int prefix) {
    BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    return all.shiftRight(bits - prefix).shiftLeft(bits - prefix);
  }

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
}
