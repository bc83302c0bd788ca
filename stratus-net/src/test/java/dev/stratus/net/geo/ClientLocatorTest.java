package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientLocatorTest {

  /** A fake database so these tests do not depend on the bundled data's current contents. */
  private final CountryDatabase fakeDb = a -> Optional.ofNullable(Map.of(
      "8.8.8.8", "US", "193.0.6.139", "NL").get(a.getHostAddress()));

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void place_unplacedClient_standsAtTheDefaultLocation_usEast1UnlessConfigured() throws Exception {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty(), fakeDb, GeoTables.standard());
    assertThat(locator.locate(ip("127.0.0.1"))).isEmpty();
    Place standard = locator.place(ip("127.0.0.1"));
    assertThat(standard.source()).isEqualTo(Place.Source.DEFAULT);
    assertThat(standard.point().distanceKm(GeoTables.standard().region("us-east-1").orElseThrow().point())).isLessThan(50);

    ClientLocator sydney = locator.withDefault("ap-southeast-2").withUserTable(UserLocationTable.empty().withCity("10.9.0.0/16", "London"));
    assertThat(sydney.defaultLocation().name()).isEqualTo("ap-southeast-2");
    assertThat(sydney.place(ip("127.0.0.1")).countryCode()).contains("AU");
    assertThat(sydney.place(ip("10.9.0.1")).countryCode()).contains("GB"); // a placed client keeps its place
    assertThat(sydney.place(ip("8.8.8.8")).countryCode()).contains("US");
  }

  @Test
  void defaultLocation_acceptsARegionAnEdgeCodeACityOrCoordinates_andRefusesTheRest() {
    GeoTables t = GeoTables.standard();
    GeoPoint syd = t.city("Sydney").orElseThrow().point();
    for (String name : List.of("ap-southeast-2", "SYD", "syd62", "Sydney", "-33.87,151.21")) {
      assertThat(ClientLocator.DefaultLocation.of(name, t).place().point().distanceKm(syd)).as(name).isLessThan(50);
    }
    assertThatThrownBy(() -> ClientLocator.DefaultLocation.of("Atlantis", t))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown place \"Atlantis\"");
  }

  @Test
  void locate_userTableCity_placesClientInSydney() throws Exception {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty().withCity("10.20.0.0/16", "Sydney"),
        fakeDb, GeoTables.standard());
    Place p = locator.locate(ip("10.20.3.4")).orElseThrow();
    assertThat(p.countryCode()).contains("AU");
    assertThat(p.continent()).contains(Continent.OC);
    assertThat(p.source()).isEqualTo(Place.Source.USER_TABLE);
    assertThat(p.point().distanceKm(GeoTables.standard().city("Sydney").orElseThrow().point())).isZero();
  }

  @Test
  void locate_longestPrefixWins_overShorterAndDatabase() throws Exception {
    UserLocationTable table = UserLocationTable.empty()
        .withCity("8.0.0.0/8", "London")
        .withCity("8.8.8.0/24", "Tokyo");
    ClientLocator locator = new ClientLocator(table, fakeDb, GeoTables.standard());
    assertThat(locator.locate(ip("8.8.8.8")).orElseThrow().countryCode()).contains("JP");
    assertThat(locator.locate(ip("8.8.4.4")).orElseThrow().countryCode()).contains("GB");
  }

  @Test
  void locate_databaseHit_placesAtCountryReferencePoint() throws Exception {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty(), fakeDb, GeoTables.standard());
    Place p = locator.locate(ip("193.0.6.139")).orElseThrow();
    assertThat(p.countryCode()).contains("NL");
    assertThat(p.continent()).contains(Continent.EU);
    assertThat(p.source()).isEqualTo(Place.Source.IP_DATABASE);
  }

  @Test
  void locate_privateAndLoopback_unknownUnlessUserTableSaysOtherwise() throws Exception {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty(), a -> Optional.of("US"), GeoTables.standard());
    for (String a : new String[] {"127.0.0.1", "10.1.2.3", "192.168.1.1", "172.16.5.5", "100.64.0.1", "::1",
        "fd00::1", "fe80::1", "0.0.0.0"}) {
      assertThat(locator.locate(ip(a))).as(a).isEmpty();
    }
    ClientLocator withUser = locator.withUserTable(UserLocationTable.empty().withCoordinates("127.0.0.0/8",
        48.85, 2.35, Optional.of("FR")));
    assertThat(withUser.locate(ip("127.0.0.1")).orElseThrow().continent()).contains(Continent.EU);
  }

  @Test
  void locate_ipv6UserEntry_doesNotMatchIpv4() throws Exception {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty().withCity("::/0", "Paris"),
        CountryDatabase.none(), GeoTables.standard());
    assertThat(locator.locate(ip("2001:db8::5"))).isPresent();
    assertThat(locator.locate(ip("9.9.9.9"))).isEmpty();
  }

  @Test
  void withCity_unknownCity_rejected() {
    assertThatThrownBy(() -> UserLocationTable.empty().withCity("10.0.0.0/8", "Atlantis"))
        .hasMessageContaining("Atlantis");
  }

  @Test
  void ipPrefix_parse_clearsHostBitsAndRejectsNames() {
    assertThat(IpPrefix.parse("10.20.1.1/16")).isEqualTo(IpPrefix.parse("10.20.0.0/16"));
    assertThat(IpPrefix.parse("10.20.0.0/16").toString()).isEqualTo("10.20.0.0/16");
    assertThatThrownBy(() -> IpPrefix.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bundledDatabase_knownPublicResolvers_resolveToTheirRegistryCountry() throws Exception {
    CountryDatabase db = MaxMindCountryDatabase.bundled();
    assertThat(db).isInstanceOf(MaxMindCountryDatabase.class);
    assertThat(db.countryOf(ip("8.8.8.8"))).contains("US");
    assertThat(db.countryOf(ip("193.0.6.139"))).contains("NL");
    assertThat(db.countryOf(ip("2001:67c:2e8:22::c100:68b"))).contains("NL");
    assertThat(db.countryOf(ip("10.0.0.1"))).isEmpty();
  }
}
