package dev.stratus.wafv2.engine;

import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.CountryDatabase;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What WAF knows about a client address: country and region for GeoMatch (and its labels), ASN
 * for AsnMatch. Must answer from memory (evaluation runs on an event loop).
 */
public interface IpIntel {
  /** ISO 3166-1 alpha-2 country, empty when unknown (GeoMatch then labels {@code XX}). */
  Optional<String> country(InetAddress address);

  /** ISO 3166-2 region such as {@code US-OR}, when known. */
  default Optional<String> region(InetAddress address) { return Optional.empty(); }

  /** Autonomous system number, when known. */
  default OptionalLong asn(InetAddress address) { return OptionalLong.empty(); }

  /**
   * Loads what lookups need (the country database), so that a web ACL with a GeoMatch statement
   * pays for it when it is compiled (off the event loops), not its first request, and a Stratus
   * whose web ACLs match no country never does.
   */
  default void prepare() {}

  /** Knows nothing: every address is in {@code XX}, no ASN. */
  static IpIntel none() { return address -> Optional.empty(); }

  static IpIntel of(CountryDatabase database) { return database::countryOf; }

  /**
   * The bundled country database behind the user's client-location table (the same one Route 53
   * geolocation uses: {@code ClientLocator.standard(UserLocationTable.of(settings.clientLocations()))}),
   * so a test on 127.0.0.1 can be "in" a country for GeoMatch.
   */
  static IpIntel standard(dev.stratus.net.geo.UserLocationTable table) {
    ClientLocator locator = ClientLocator.standard(table);
    IpIntel over = of(locator);
    return new IpIntel() {
      @Override public Optional<String> country(InetAddress address) { return over.country(address); }

      @Override public Optional<String> region(InetAddress address) { return over.region(address); }

      // the bundled database loads at its first public lookup: make that one here
      @Override public void prepare() {
        try {
          locator.locate(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /** Over stratus-net's locator (user CIDR table first, then the country database). */
  static IpIntel of(ClientLocator locator) {
    return new IpIntel() {
      @Override public Optional<String> country(InetAddress address) {
        return locator.locate(address).flatMap(p -> p.countryCode());
      }

      @Override public Optional<String> region(InetAddress address) {
        return locator.locate(address).flatMap(p -> p.countryCode().flatMap(c -> p.subdivision().map(s -> c + "-" + s)));
      }
    };
  }
}
