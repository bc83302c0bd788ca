package dev.stratus.route53.dataplane;

import dev.stratus.net.geo.Place;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, as Route 53's routing decisions see it (route53.md §12): the EDNS client subnet
 * when the resolver sent one, else the resolver's own address, and where that address is.
 *
 * @param address the client subnet's address, or the resolver's address
 * @param prefixLength the client subnet's source prefix, or the full address length (32/128)
 * @param place where the locator put the address; empty when unknown
 */
public record DnsClient(InetAddress address, int prefixLength, Optional<Place> place) {
  public DnsClient {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(place, "place");
  }

  /** A resolver without client subnet, at a known or unknown place. */
  public static DnsClient of(InetAddress address, Optional<Place> place) {
    return new DnsClient(address, address.getAddress().length * 8, place);
  }
}
