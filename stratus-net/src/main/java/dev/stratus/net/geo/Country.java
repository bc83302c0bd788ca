package dev.stratus.net.geo;

import java.util.Objects;

/**
 * A country or territory as Route 53 geolocation sees it: its ISO 3166-1 alpha-2 code, the
 * continent Route 53 files it under, and a reference point (capital or main population centre).
 */
public record Country(String code, Continent continent, GeoPoint point) {
  public Country {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(continent, "continent");
    Objects.requireNonNull(point, "point");
  }
}
