package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeoTablesTest {

  private final GeoTables tables = GeoTables.standard();

  @Test
  void regions_includeNewestCommercialRegions() {
    assertThat(tables.regions()).extracting(AwsRegion::code).contains("us-east-1", "af-south-1",
        "me-central-1", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "mx-central-1",
        "ca-west-1", "il-central-1");
  }

  @Test
  void edgeLocations_atLeastSixty() {
    assertThat(tables.edgeLocations()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void country_route53ContinentTable_followsAwsNotGeography() {
    assertThat(tables.country("TR").orElseThrow().continent()).isEqualTo(Continent.EU);
    assertThat(tables.country("ru").orElseThrow().continent()).isEqualTo(Continent.EU);
    assertThat(tables.country("CY").orElseThrow().continent()).isEqualTo(Continent.EU);
    assertThat(tables.country("GE").orElseThrow().continent()).isEqualTo(Continent.AS);
    assertThat(tables.country("AM").orElseThrow().continent()).isEqualTo(Continent.AS);
    assertThat(tables.country("MX").orElseThrow().continent()).isEqualTo(Continent.NA);
    assertThat(tables.country("JM").orElseThrow().continent()).isEqualTo(Continent.NA);
    assertThat(tables.country("AQ").orElseThrow().continent()).isEqualTo(Continent.AN);
  }

  @Test
  void country_unsupportedByRoute53_isEmpty() {
    assertThat(tables.country("BV")).isEmpty();
    assertThat(tables.country("EH")).isEmpty();
  }

  @Test
  void city_caseInsensitive_findsSydneyInAustralia() {
    City sydney = tables.city(" SYDNEY ").orElseThrow();
    assertThat(sydney.countryCode()).isEqualTo("AU");
    assertThat(sydney.edgeCode()).contains("SYD");
    assertThat(tables.city("Atlantis")).isEmpty();
  }

  @Test
  void city_usCity_carriesStateSubdivision() {
    assertThat(tables.city("Seattle").orElseThrow().subdivision()).contains("WA");
  }

  @Test
  void everyCityAndRegion_countryIsInTheCountryTable() {
    assertThat(tables.regions()).allSatisfy(r -> assertThat(tables.country(r.countryCode())).isPresent());
    assertThat(tables.edgeLocations()).allSatisfy(c -> assertThat(tables.country(c.countryCode())).isPresent());
  }

  @Test
  void geoPoint_outOfRange_rejected() {
    assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("latitude");
    assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).hasMessageContaining("longitude");
  }
}
