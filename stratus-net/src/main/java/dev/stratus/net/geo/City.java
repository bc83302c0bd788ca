package dev.stratus.net.geo;

import java.util.Objects;
import java.util.Optional;

/**
 * A named city: a client reference point, and when {@code edgeCode} is present also the metro
 * of a CloudFront / Global Accelerator edge location (its IATA airport code).
 *
 * @param subdivision the US state (or CA province) code, as Route 53 SubdivisionCode spells it
 */
public record City(String name, String countryCode, Optional<String> subdivision, GeoPoint point,
    Optional<String> edgeCode) {
  public City {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(countryCode, "countryCode");
    Objects.requireNonNull(subdivision, "subdivision");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(edgeCode, "edgeCode");
  }
}
