package dev.stratus.net.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The EDNS Client Subnet a resolver sent (RFC 7871): the client's network, e.g. {@code
 * 203.0.113.0/24}, which Route 53 uses instead of the resolver's address (route53.md §12).
 */
public record ClientSubnet(InetAddress address, int sourcePrefixLength) {
  public ClientSubnet {
    Objects.requireNonNull(address, "address");
    int max = address.getAddress().length * 8;
    if (sourcePrefixLength < 0 || sourcePrefixLength > max) {
      throw new IllegalArgumentException("source prefix length must be 0.." + max + ": " + sourcePrefixLength);
    }
  }
}
