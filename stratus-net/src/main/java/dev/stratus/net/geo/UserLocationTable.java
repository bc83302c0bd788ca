package dev.stratus.net.geo;

import dev.stratus.core.ClientLocation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's own "these addresses are there" table: CIDR block → place, longest prefix wins. It
 * overrides the IP database, and is how a test puts "a user in Sydney" at {@code 10.20.0.0/16}.
 * Immutable; {@link #with} returns a new table.
 */
public final class UserLocationTable {

  /** One row: addresses in {@code prefix} are at {@code place}. */
  public record Entry(IpPrefix prefix, Place place) {
    public Entry {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(place, "place");
    }
  }

  private static final UserLocationTable EMPTY = new UserLocationTable(List.of(), GeoTables.standard());

  /** Longest prefix first, so the first containing entry is the most specific. */
  private final List<Entry> entries;
  private final GeoTables tables;

  private UserLocationTable(List<Entry> entries, GeoTables tables) {
    this.entries = entries.stream()
        .sorted(Comparator.comparingInt((Entry e) -> e.prefix().prefixLength()).reversed())
        .toList();
    this.tables = tables;
  }

  public static UserLocationTable empty() {
    return EMPTY;
  }

  public List<Entry> entries() { return entries; }

  /**
   * The table of the configuration's {@code clientLocations}, in order (a later row for the same
   * block wins).
   *
   * @throws IllegalArgumentException naming the bad row: a malformed CIDR, an unknown city or
   *     country code, coordinates out of range
   */
  public static UserLocationTable of(List<ClientLocation> locations) {
    UserLocationTable table = EMPTY;
    for (ClientLocation l : locations) {
      try {
        table = l.city().isPresent()
            ? table.withCity(l.cidr(), l.city().get())
            : table.withCoordinates(l.cidr(), l.latitude().orElseThrow(), l.longitude().orElseThrow(), l.countryCode());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("client location " + l.cidr() + ": " + e.getMessage(), e);
      }
    }
    return table;
  }

  /** This table plus {@code cidr} placed at a city of {@link GeoTables} ({@code "Sydney"}). */
  public UserLocationTable withCity(String cidr, String cityName) {
    City city = tables.city(cityName)
        .orElseThrow(() -> new IllegalArgumentException("unknown city: " + cityName));
    return with(IpPrefix.parse(cidr), Place.ofCity(city, tables, Place.Source.USER_TABLE));
  }

  /**
   * This table plus {@code cidr} placed at coordinates; with a country code the place also gets
   * the country's Route 53 continent.
   */
  public UserLocationTable withCoordinates(String cidr, double latitude, double longitude, Optional<String> countryCode) {
    Optional<Country> country = countryCode.map(c -> tables.country(c)
        .orElseThrow(() -> new IllegalArgumentException("unknown country code: " + c)));
    Place place = new Place(latitude, longitude, country.map(Country::code), country.map(Country::continent),
        Optional.empty(), Place.Source.USER_TABLE);
    return with(IpPrefix.parse(cidr), place);
  }

  /** This table plus one entry; a later entry for the same prefix replaces the earlier one. */
  public UserLocationTable with(IpPrefix prefix, Place place) {
    List<Entry> next = new ArrayList<>(entries);
    next.removeIf(e -> e.prefix().equals(prefix));
    next.add(new Entry(prefix, place));
    return new UserLocationTable(next, tables);
  }

  /** The place of the most specific block containing {@code address}, if any. */
  public Optional<Place> lookup(InetAddress address) {
    for (Entry e : entries) {
      if (e.prefix().contains(address)) {
        return Optional.of(e.place());
      }
    }
    return Optional.empty();
  }
}
