package dev.stratus.net.geo;

import java.net.InetAddress;
import java.util.Optional;

/** An IP-to-country source: which country's networks an address belongs to. */
@FunctionalInterface
public interface CountryDatabase {

  /** ISO 3166-1 alpha-2 code of the country the address is registered in, if known. */
  Optional<String> countryOf(InetAddress address);

  /** A database that knows nothing (every address is at an unknown location). */
  static CountryDatabase none() {
    return address -> Optional.empty();
  }
}
