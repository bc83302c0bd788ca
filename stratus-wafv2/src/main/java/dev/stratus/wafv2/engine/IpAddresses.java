package dev.stratus.wafv2.engine;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IP literals and CIDR sets, parsed without ever touching DNS (evaluation runs on an event loop). */
final class IpAddresses {
  private IpAddresses() {}

  /** An IPv4 or IPv6 literal, or empty (never a host name lookup). */
  static Optional<InetAddress> parse(String s) {
    if (s == null || s.isEmpty()) return Optional.empty();
    if (s.indexOf(':') >= 0) {
      String v6 = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
      if (!v6.matches("[0-9a-fA-F:.]+")) return Optional.empty();
      try {
        return Optional.of(InetAddress.getByName(v6)); // a literal with ':' is parsed, never resolved
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) return Optional.empty();
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) return Optional.empty();
      int v = Integer.parseInt(parts[i]);
      if (v > 255) return Optional.empty();
      b[i] = (byte) v;
    }
    try {
      return Optional.of(InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** An address as GetRateBasedStatementManagedKeys lists it: {@code a.b.c.d/32} or {@code x::y/128}. */
  static String asCidr(InetAddress a) {
    return text(a) + (a instanceof Inet4Address ? "/32" : "/128");
  }

  /** An address in its canonical text form (RFC 5952 for IPv6: lower case, longest zero run as ::). */
  static String text(InetAddress a) {
    if (a instanceof Inet4Address) return a.getHostAddress();
    byte[] b = a.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') out.append(':');
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  /** A set of CIDR blocks (an IP set: up to 10,000), matched by linear scan over prefix masks. */
  record CidrSet(List<byte[]> networks, List<Integer> prefixes) {
    static CidrSet of(List<String> cidrs) {
      List<byte[]> nets = new ArrayList<>();
      List<Integer> prefixes = new ArrayList<>();
      for (String c : cidrs) {
        int slash = c.indexOf('/');
        Optional<InetAddress> a = parse(slash < 0 ? c : c.substring(0, slash));
        if (a.isEmpty()) throw new WafCompileException("Invalid CIDR in IP set: " + c);
        byte[] bytes = a.get().getAddress();
        nets.add(bytes);
        prefixes.add(slash < 0 ? bytes.length * 8 : Integer.parseInt(c.substring(slash + 1)));
      }
      return new CidrSet(nets, prefixes);
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      for (int i = 0; i < networks.size(); i++) {
        byte[] n = networks.get(i);
        if (n.length == a.length && prefixMatch(n, a, prefixes.get(i))) return true;
      }
      return false;
    }

    private static boolean prefixMatch(byte[] net, byte[] a, int bits) {
      int full = bits / 8;
      for (int i = 0; i < full; i++) if (net[i] != a[i]) return false;
      int rest = bits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (net[full] & mask) == (a[full] & mask);
    }
  }
}
