package dev.stratus.net.geo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Places a client (a DNS resolver or EDNS client subnet, a viewer, a flow's source) on the map,
 * the one placer of every data plane: the user table first, then the IP database
 * ({@link #locate}: empty when neither knows, as Route 53's geolocation needs it); then the
 * configured default location ({@link #place}: what latency routing, CloudFront's edge choice,
 * Global Accelerator and emulated delays rank from).
 */
public final class ClientLocator {
  /** Where an unplaced client stands unless the configuration says otherwise: us-east-1's metro. */
  public static final String STANDARD_DEFAULT = "us-east-1";

  /**
   * Where clients nothing places stand.
   *
   * @param name as configured ({@code ap-southeast-2}, {@code Sydney}, {@code SYD}, {@code -33.9,151.2})
   */
  public record DefaultLocation(String name, Place place) {
    public DefaultLocation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(place, "place");
    }

    /** us-east-1 (Ashburn). */
    public static final DefaultLocation STANDARD = of(STANDARD_DEFAULT, GeoTables.standard());

    /**
     * The place a configuration names: a Region code, an edge location code (SYD, SYD62), a city
     * of the tables, or LAT,LONG.
     *
     * @throws IllegalArgumentException naming the forms accepted
     */
    public static DefaultLocation of(String text, GeoTables tables) {
      return named(text.trim(), tables).map(p -> new DefaultLocation(text.trim(), p))
          .orElseThrow(() -> new IllegalArgumentException("unknown place \"" + text
              + "\" (a Region code such as ap-southeast-2, an edge location such as SYD, a city such as Sydney, or LAT,LONG)"));
    }
  }

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
  private final DefaultLocation defaultLocation;

  public ClientLocator(UserLocationTable userTable, CountryDatabase database, GeoTables tables) {
    this(userTable, database, tables, DefaultLocation.STANDARD);
  }

  public ClientLocator(UserLocationTable userTable, CountryDatabase database, GeoTables tables,
      DefaultLocation defaultLocation) {
    this.userTable = Objects.requireNonNull(userTable, "userTable");
    this.database = Objects.requireNonNull(database, "database");
    this.tables = Objects.requireNonNull(tables, "tables");
    this.defaultLocation = Objects.requireNonNull(defaultLocation, "defaultLocation");
  }

  /** A locator over the bundled database and tables with the given user table. */
  public static ClientLocator standard(UserLocationTable userTable) {
    return new ClientLocator(userTable, MaxMindCountryDatabase.bundledOnFirstUse(), GeoTables.standard());
  }

  /**
   * The locator of a running Stratus: its configuration's clientLocations, the bundled database,
   * and its default client location (us-east-1 unless configured).
   *
   * @throws IllegalArgumentException for a default location no table names
   */
  public static ClientLocator of(dev.stratus.core.Settings settings) {
    ClientLocator l = standard(UserLocationTable.of(settings.clientLocations()));
    return settings.defaultClientLocation().map(l::withDefault).orElse(l);
  }

  public UserLocationTable userTable() { return userTable; }

  /** Where clients nothing places stand. */
  public DefaultLocation defaultLocation() { return defaultLocation; }

  /** The same locator with another user table (the database is shared, not reopened). */
  public ClientLocator withUserTable(UserLocationTable table) {
    return new ClientLocator(table, database, tables, defaultLocation);
  }

  /** The same locator with unplaced clients at {@code place} ({@link DefaultLocation#of}'s forms). */
  public ClientLocator withDefault(String place) {
    return new ClientLocator(userTable, database, tables, DefaultLocation.of(place, tables));
  }

  /** Where {@code address} is: {@link #locate}, else the default location (source DEFAULT). */
  public Place place(InetAddress address) {
    return locate(address).orElse(defaultLocation.place());
  }

  /** A Region, edge code, city or LAT,LONG as a place; empty when the text names none. */
  static Optional<Place> named(String text, GeoTables tables) {
    var region = tables.region(text.toLowerCase(Locale.ROOT));
    if (region.isPresent()) {
      AwsRegion r = region.get();
      return Optional.of(tables.city(r.city()).filter(c -> c.countryCode().equals(r.countryCode()))
          .map(c -> Place.ofCity(c, tables, Place.Source.DEFAULT))
          .orElseGet(() -> at(r.point(), Optional.of(r.countryCode()), tables)));
    }
    if (text.matches("[A-Za-z]{3}\\d*")) {
      String code = text.toUpperCase(Locale.ROOT).replaceAll("\\d+$", "");
      var edge = tables.edgeLocations().stream().filter(c -> c.edgeCode().orElse("").equals(code)).findFirst();
      if (edge.isPresent()) return Optional.of(Place.ofCity(edge.get(), tables, Place.Source.DEFAULT));
    }
    var city = tables.city(text);
    if (city.isPresent()) return Optional.of(Place.ofCity(city.get(), tables, Place.Source.DEFAULT));
    if (text.matches("-?\\d+(\\.\\d+)?\\s*,\\s*-?\\d+(\\.\\d+)?")) {
      String[] parts = text.split(",");
      try {
        return Optional.of(at(new GeoPoint(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())),
            Optional.empty(), tables));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Place at(GeoPoint p, Optional<String> country, GeoTables tables) {
    return new Place(p.latitude(), p.longitude(), country, country.flatMap(tables::country).map(Country::continent),
        Optional.empty(), Place.Source.DEFAULT);
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
