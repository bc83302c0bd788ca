package dev.stratus.net.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 CIDR block ({@code 10.20.0.0/16}) that can tell whether it contains an address.
 * Host bits are cleared on parse, so {@code 10.20.1.1/16} equals {@code 10.20.0.0/16}.
 */
public record IpPrefix(InetAddress network, int prefixLength) {

  public IpPrefix {
    int max = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length must be 0.." + max + ": " + prefixLength);
    }
    network = mask(network, prefixLength);
  }

  /** Parses {@code address/length}, or a bare address as a host prefix. Only literals, never DNS. */
  public static IpPrefix parse(String cidr) {
    int slash = cidr.indexOf('/');
    String host = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
    if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
      throw new IllegalArgumentException("not an IP address literal: " + cidr);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + cidr, e);
    }
    int length = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
    return new IpPrefix(address, length);
  }

  /** True if {@code address} is of the same family and inside this block. */
  public boolean contains(InetAddress address) {
    return address.getAddress().length == network.getAddress().length
        && mask(address, prefixLength).equals(network);
  }

  private static InetAddress mask(InetAddress address, int length) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, length - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: the length is 4 or 16
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
