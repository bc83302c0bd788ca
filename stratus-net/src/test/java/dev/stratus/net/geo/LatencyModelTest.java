package dev.stratus.net.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  private final LatencyModel model = LatencyModel.standard();
  private final GeoTables tables = GeoTables.standard();

  private GeoPoint city(String name) {
    return tables.city(name).orElseThrow().point();
  }

  @Test
  void distanceKm_londonToNewYork_is5570km() {
    assertThat(city("London").distanceKm(city("New York"))).isCloseTo(5_570, within(15.0));
  }

  @Test
  void distanceKm_sydneyToLosAngeles_is12050km() {
    assertThat(city("Sydney").distanceKm(city("Los Angeles"))).isCloseTo(12_050, within(60.0));
  }

  @Test
  void distanceKm_samePoint_isZero() {
    assertThat(city("Paris").distanceKm(city("Paris"))).isZero();
  }

  @Test
  void roundTripMillis_sydneyClient_localRegionFasterThanUsEast() {
    GeoPoint sydney = city("sydney");
    GeoPoint apse2 = tables.region("ap-southeast-2").orElseThrow().point();
    GeoPoint use1 = tables.region("us-east-1").orElseThrow().point();
    double local = model.roundTripMillis(sydney, apse2, NetworkPath.PUBLIC_INTERNET);
    double far = model.roundTripMillis(sydney, use1, NetworkPath.PUBLIC_INTERNET);
    assertThat(local).isLessThan(15);
    assertThat(far).isBetween(200.0, 400.0);
  }

  @Test
  void roundTripMillis_samePoint_isFixedDelay() {
    assertThat(model.roundTripMillis(city("Tokyo"), city("Tokyo"), NetworkPath.PUBLIC_INTERNET))
        .isEqualTo(NetworkPath.PUBLIC_INTERNET.fixedRoundTripMillis());
  }

  @Test
  void roundTripMillis_backbone_fasterThanPublicInternet() {
    GeoPoint a = city("Frankfurt");
    GeoPoint b = city("Singapore");
    assertThat(model.roundTripMillis(a, b, NetworkPath.AWS_BACKBONE))
        .isLessThan(model.roundTripMillis(a, b, NetworkPath.PUBLIC_INTERNET));
  }

  @Test
  void roundTripMillis_usEastToEuWestBackbone_nearMeasured68ms() {
    double rtt = model.roundTripMillis(tables.region("us-east-1").orElseThrow().point(),
        tables.region("eu-west-1").orElseThrow().point(), NetworkPath.AWS_BACKBONE);
    assertThat(rtt).isBetween(60.0, 80.0);
  }

  @Test
  void rankRegions_londonClient_londonFirstThenNeighbours_unknownDropped() {
    List<RegionLatency> ranked = model.rankRegions(city("London"),
        List.of("us-east-1", "eu-west-2", "ap-southeast-2", "eu-west-1", "xx-nowhere-1"));
    assertThat(ranked).extracting(r -> r.region().code())
        .containsExactly("eu-west-2", "eu-west-1", "us-east-1", "ap-southeast-2");
  }

  @Test
  void nearestEdge_melbourneSuburb_isMelbourne() {
    assertThat(model.nearestEdge(new GeoPoint(-37.9, 145.1)).orElseThrow().edgeCode()).contains("MEL");
  }

  @Test
  void viaEdgeMillis_addsBothLegs() {
    GeoPoint client = city("Sydney");
    GeoPoint edge = city("Sydney");
    GeoPoint region = tables.region("us-west-2").orElseThrow().point();
    assertThat(model.viaEdgeMillis(client, edge, region))
        .isEqualTo(NetworkPath.PUBLIC_INTERNET.fixedRoundTripMillis()
            + model.roundTripMillis(edge, region, NetworkPath.AWS_BACKBONE));
  }

  @Test
  void warm_remembersAPlacesRoutesToEveryRegion_andThroughItsNearestEdge() {
    var fresh = new LatencyModel(tables);
    GeoPoint sydney = city("Sydney");
    assertThat(fresh.knownRoutes()).isZero();
    fresh.warm(List.of(sydney));
    int regions = tables.regions().size();
    assertThat(fresh.knownRoutes()).isGreaterThanOrEqualTo(regions); // Sydney's edge stands at Sydney's point
    int warmed = fresh.knownRoutes();
    fresh.roundTripMillis(sydney, tables.region("eu-west-1").orElseThrow().point(), NetworkPath.PUBLIC_INTERNET);
    GeoPoint edge = fresh.nearestEdge(sydney).orElseThrow().point();
    fresh.viaEdgeMillis(sydney, edge, tables.region("us-east-1").orElseThrow().point());
    assertThat(fresh.knownRoutes()).isEqualTo(warmed); // nothing left to work out on a first connection
  }
}
