package dev.stratus.net.geo;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a DNS client (resolver or EDNS client subnet) is, as Route 53's routing decisions need
 * it: a point for latency and geoproximity, country / continent / US state for geolocation.
 *
 * @param countryCode ISO 3166-1 alpha-2, empty when only coordinates are known
 * @param continent Route 53's continent for the country, empty with the country
 * @param subdivision US state (Route 53 SubdivisionCode) when known
 * @param source which table placed the client
 */
public record Place(double latitude, double longitude, Optional<String> countryCode,
    Optional<Continent> continent, Optional<String> subdivision, Source source) {

  /** Which table a place came from. */
  public enum Source {
    /** The user's CIDR → place table ({@link UserLocationTable}); it overrides everything. */
    USER_TABLE,
    /** The bundled IP-to-country database; the point is the country's reference point. */
    IP_DATABASE,
    /** Nothing placed the client: the configured default location ({@link ClientLocator#place}). */
    DEFAULT
  }

  public Place {
    new GeoPoint(latitude, longitude); // range check
    Objects.requireNonNull(countryCode, "countryCode");
    Objects.requireNonNull(continent, "continent");
    Objects.requireNonNull(subdivision, "subdivision");
    Objects.requireNonNull(source, "source");
  }

  public GeoPoint point() {
    return new GeoPoint(latitude, longitude);
  }

  /** A place at a named city of {@link GeoTables}, with its country, continent and state. */
  static Place ofCity(City city, GeoTables tables, Source source) {
    Optional<Continent> continent = tables.country(city.countryCode()).map(Country::continent);
    return new Place(city.point().latitude(), city.point().longitude(), Optional.of(city.countryCode()),
        continent, city.subdivision(), source);
  }

  /** A place at a country's reference point. */
  static Place ofCountry(Country country, Source source) {
    return new Place(country.point().latitude(), country.point().longitude(), Optional.of(country.code()),
        Optional.of(country.continent()), Optional.empty(), source);
  }
}
