package dev.stratus.route53.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Route 53's own geolocation table (route53.md §8). */
class GeoLocationsTest {

  @Test
  @DisplayName("§8 TR, RU and CY are Europe; AM, AZ, GE are Asia; MX is North America")
  void continentOf_route53Mapping() {
    assertThat(GeoLocations.continentOf("TR")).contains("EU");
    assertThat(GeoLocations.continentOf("RU")).contains("EU");
    assertThat(GeoLocations.continentOf("CY")).contains("EU");
    assertThat(GeoLocations.continentOf("AM")).contains("AS");
    assertThat(GeoLocations.continentOf("GE")).contains("AS");
    assertThat(GeoLocations.continentOf("MX")).contains("NA");
  }

  @Test
  @DisplayName("§8 BV, CX, EH and HM are not supported")
  void exists_unsupportedCountries_false() {
    for (String c : new String[] {"BV", "CX", "EH", "HM"}) assertThat(GeoLocations.exists(GeoLocation.country(c))).isFalse();
  }

  @Test
  @DisplayName("§8 subdivisions only with CountryCode US")
  void exists_subdivision_onlyUs() {
    assertThat(GeoLocations.exists(GeoLocation.subdivision("US", "WA"))).isTrue();
    assertThat(GeoLocations.exists(GeoLocation.subdivision("FR", "WA"))).isFalse();
    assertThat(GeoLocations.exists(GeoLocation.defaultLocation())).isTrue();
    assertThat(GeoLocations.exists(GeoLocation.continent("XX"))).isFalse();
  }

  @Test
  void specificity_subdivisionBeatsCountryBeatsContinentBeatsDefault() {
    assertThat(GeoLocation.subdivision("US", "WA").specificity()).isGreaterThan(GeoLocation.country("US").specificity());
    assertThat(GeoLocation.country("US").specificity()).isGreaterThan(GeoLocation.continent("NA").specificity());
    assertThat(GeoLocation.continent("NA").specificity()).isGreaterThan(GeoLocation.defaultLocation().specificity());
  }
}
