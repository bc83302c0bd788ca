package dev.stratus.core.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who asks Stratus's DNS for a name, as a name whose answer depends on it sees them
 * ({@link DnsTargetRegistry#put(DnsTarget, ClientAddresses)}): the EDNS client subnet when the
 * query carried one, else the resolver's own address, and where Stratus's one placer puts it
 * (the configuration's clientLocations, then the IP database, then the configured default
 * location: stratus-net's {@code ClientLocator.place}).
 *
 * @param address the client subnet's address, or the resolver's
 * @param prefixLength the client subnet's source prefix, or the full address length (32/128)
 * @param latitude degrees north of where the client stands
 * @param longitude degrees east of where the client stands
 * @param placed false when nothing placed the client and it stands at the configured default location
 */
public record DnsQueryClient(InetAddress address, int prefixLength, double latitude, double longitude, boolean placed) {
  public DnsQueryClient {
    Objects.requireNonNull(address, "address");
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      throw new IllegalArgumentException("not a place on Earth: " + latitude + "," + longitude);
    }
  }
}
