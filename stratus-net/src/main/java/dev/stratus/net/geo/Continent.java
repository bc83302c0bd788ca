package dev.stratus.net.geo;

import java.util.Optional;

/** A continent as Route 53 geolocation records name it ({@code ContinentCode}, route53.md §8). */
public enum Continent {
  /** Africa. */
  AF,
  /** Antarctica. */
  AN,
  /** Asia, including AM, AZ, GE by Route 53's table. */
  AS,
  /** Europe, including TR, RU, CY by Route 53's table. */
  EU,
  /** North America, including Mexico, Central America and the Caribbean. */
  NA,
  /** Oceania. */
  OC,
  /** South America. */
  SA;

  /** The continent for a Route 53 code, empty for anything else. */
  public static Optional<Continent> fromCode(String code) {
    for (Continent c : values()) {
      if (c.name().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
