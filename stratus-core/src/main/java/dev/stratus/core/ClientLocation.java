package dev.stratus.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of the configuration's {@code clientLocations}: DNS clients (resolver address or EDNS
 * client subnet) in {@code cidr} are at a named city, or at coordinates. Route 53's latency,
 * geolocation and geoproximity routing read it before the bundled IP database, so a test or demo
 * can put "a user in Sydney" at {@code 10.20.0.0/16}.
 *
 * @param cidr an IPv4 or IPv6 block, e.g. {@code 10.20.0.0/16}
 * @param city a city of the bundled tables ({@code "Sydney"}); exclusive with coordinates
 * @param latitude degrees north, with {@code longitude}
 * @param longitude degrees east, with {@code latitude}
 * @param countryCode ISO 3166-1 alpha-2 country of the coordinates (for geolocation), optional
 */
public record ClientLocation(String cidr, Optional<String> city, Optional<Double> latitude,
    Optional<Double> longitude, Optional<String> countryCode) {
  public ClientLocation {
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(latitude, "latitude");
    Objects.requireNonNull(longitude, "longitude");
    Objects.requireNonNull(countryCode, "countryCode");
    if (city.isPresent() == (latitude.isPresent() || longitude.isPresent())) {
      throw new IllegalArgumentException("client location " + cidr + " needs either a city or latitude and longitude");
    }
    if (latitude.isPresent() != longitude.isPresent()) {
      throw new IllegalArgumentException("client location " + cidr + " needs both latitude and longitude");
    }
  }

  public static ClientLocation ofCity(String cidr, String city) {
    return new ClientLocation(cidr, Optional.of(city), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
