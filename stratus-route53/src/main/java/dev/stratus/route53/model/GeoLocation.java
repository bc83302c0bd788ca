package dev.stratus.route53.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The location of a geolocation record (route53.md §8): a continent, a country, a US state, or
 * the default {@code CountryCode='*'}. Which combinations are legal is checked by
 * {@link GeoLocations#validate}; this record only holds the codes, upper-case as AWS returns them.
 */
public record GeoLocation(Optional<String> continentCode, Optional<String> countryCode,
    Optional<String> subdivisionCode) {

  /** The {@code CountryCode} of the default record that catches every unmatched client. */
  public static final String DEFAULT_COUNTRY = "*";

  public GeoLocation {
    continentCode = Objects.requireNonNullElse(continentCode, Optional.empty());
    countryCode = Objects.requireNonNullElse(countryCode, Optional.empty());
    subdivisionCode = Objects.requireNonNullElse(subdivisionCode, Optional.empty());
  }

  public static GeoLocation continent(String code) {
    return new GeoLocation(Optional.of(code), Optional.empty(), Optional.empty());
  }

  public static GeoLocation country(String code) {
    return new GeoLocation(Optional.empty(), Optional.of(code), Optional.empty());
  }

  public static GeoLocation subdivision(String country, String subdivision) {
    return new GeoLocation(Optional.empty(), Optional.of(country), Optional.of(subdivision));
  }

  public static GeoLocation defaultLocation() { return country(DEFAULT_COUNTRY); }

  /** Whether this is the {@code *} default location. */
  public boolean catchAll() { return countryCode.filter(DEFAULT_COUNTRY::equals).isPresent(); }

  /**
   * How specific the location is, for "smallest region wins" (route53.md §8, §10): subdivision
   * 3, country 2, continent 1, default 0.
   */
  public int specificity() {
    if (subdivisionCode.isPresent()) return 3;
    if (catchAll()) return 0;
    if (countryCode.isPresent()) return 2;
    return 1;
  }
}
