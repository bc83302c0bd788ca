package dev.stratus.net.geo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Places a DNS client (resolver address or EDNS client subnet) on the map for Route 53's
 * geolocation, geoproximity and latency decisions: the user table first, then the IP database.
 */
public final class ClientLocator {

  /*
   * Order: (1) the user's CIDR table, longest prefix wins, for any address at all, including
   * loopback and private ranges (that is how a test on 127.0.0.1 says "I am in Sydney");
   * (2) addresses that are not on the public internet (loopback, RFC 1918, RFC 6598 shared space,
   * link-local, ULA, multicast, unspecified) are at an unknown location; (3) the country database,
   * placing the client at its country's reference point. Unknown is Optional.empty(), which the
   * routing rules treat like Route 53 treats an unmapped IP (the `*` default record, §9).
   */

  private final UserLocationTable userTable;
  private final CountryDatabase database;
  private final GeoTables tables;

  public ClientLocator(UserLocationTable userTable, CountryDatabase database, GeoTables tables) {
    this.userTable = Objects.requireNonNull(userTable, "userTable");
    this.database = Objects.requireNonNull(database, "database");
    this.tables = Objects.requireNonNull(tables, "tables");
  }

  /** A locator over the bundled database and tables with the given user table. */
  public static ClientLocator standard(UserLocationTable userTable) {
    return new ClientLocator(userTable, MaxMindCountryDatabase.bundledOnFirstUse(), GeoTables.standard());
  }

  public UserLocationTable userTable() { return userTable; }

  /** The same locator with another user table (the database is shared, not reopened). */
  public ClientLocator withUserTable(UserLocationTable table) {
    return new ClientLocator(table, database, tables);
  }

  /** Where {@code address} is, or empty when nothing places it. */
  public Optional<Place> locate(InetAddress address) {
    Optional<Place> user = userTable.lookup(address);
    if (user.isPresent()) {
      return user;
    }
    if (!isPublic(address)) {
      return Optional.empty();
    }
    return database.countryOf(address)
        .flatMap(tables::country)
        .map(c -> Place.ofCountry(c, Place.Source.IP_DATABASE));
  }

  /** False for loopback, private, shared (CGNAT), link-local, ULA, multicast and unspecified addresses. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress()
        || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      boolean sharedSpace = first == 100 && second >= 64 && second <= 127; // RFC 6598
      return first != 0 && !sharedSpace;
    }
    return !(a instanceof Inet6Address) || (b[0] & 0xfe) != 0xfc; // RFC 4193 unique local
  }
}
