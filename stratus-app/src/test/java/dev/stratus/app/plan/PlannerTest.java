package dev.stratus.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratus.app.plan.Plan.Architecture;
import dev.stratus.app.plan.Plan.Population;
import dev.stratus.app.plan.Plan.Usage;
import dev.stratus.net.geo.Jitter;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final LatencyModel model = LatencyModel.standard();
  private final Planner planner = new Planner(model);

  private static final Architecture SINGLE = new Architecture("single", "single-region", List.of("eu-west-1"), null);
  private static final Architecture GA = new Architecture("ga", "single-region+global-accelerator", List.of("eu-west-1"), null);
  private static final Architecture MULTI = new Architecture("multi", "multi-region",
      List.of("eu-west-1", "ap-southeast-2"), null);
  private static final Usage USAGE = new Usage(1_000, 10, 4, 20, 100, 500);

  private List<Planner.ArchitectureResult> run(List<Population> pops, Architecture... archs) {
    return planner.evaluate(new Plan(pops, List.of(archs), USAGE, null));
  }

  @Test
  void singleRegion_isThePublicInternetToTheRegion() {
    var r = run(List.of(new Population("syd", "Sydney", null, 1, 10)), SINGLE).getFirst();
    var sydney = model.tables().city("Sydney").orElseThrow().point();
    var dublin = model.tables().region("eu-west-1").orElseThrow().point();
    assertThat(r.p50Ms()).isCloseTo(model.roundTripMillis(sydney, dublin, NetworkPath.PUBLIC_INTERNET), within(0.01));
    // A session is ten felt round trips: the round trip plus the expected waits for retransmissions.
    assertThat(r.sessionSeconds()).isCloseTo(r.felt().meanMs() * 10 / 1_000, within(0.001));
    assertThat(r.felt().meanMs()).isGreaterThan(r.p50Ms());
    // Stalls are the retransmission waits: the felt mean less the minimum and the mean queueing delay.
    double jitter = Jitter.meanRoundTripMillis(List.of(NetworkPath.PUBLIC_INTERNET));
    assertThat(r.stallSeconds()).isCloseTo((r.felt().meanMs() - r.p50Ms() - jitter) * 10 / 1_000, within(0.001));
    assertThat(r.felt().p50Ms()).isGreaterThan(r.p50Ms()).isLessThan(r.p50Ms() + jitter);
  }

  @Test
  void multiRegion_servesEachUserFromTheFastestRegion() {
    var results = run(List.of(new Population("syd", "Sydney", null, 1, 1)), SINGLE, MULTI);
    assertThat(results.get(1).p50Ms()).isLessThan(results.get(0).p50Ms() / 5);
  }

  @Test
  void globalAccelerator_ridesTheBackboneFromTheNearestEdge() {
    var results = run(List.of(new Population("syd", "Sydney", null, 1, 1)), SINGLE, GA);
    // The internet leg ends at the Sydney edge; the rest is the backbone, which is never slower.
    assertThat(results.get(1).p50Ms()).isLessThan(results.get(0).p50Ms());
  }

  private static final Architecture CLOUDFRONT = new Architecture("cf", "single-region+cloudfront", List.of("eu-west-1"), null);

  private static Population sydneyOpening(int connections, String tls) {
    return new Population("syd", "Sydney", null, 1, 10, null, 0.0, connections, tls);
  }

  @Test
  void newConnections_payTheirHandshakes_whereEachServiceEndsThem() {
    var sydney = model.tables().city("Sydney").orElseThrow().point();
    var dublin = model.tables().region("eu-west-1").orElseThrow().point();
    var edge = model.nearestEdge(sydney).orElseThrow().point();
    double direct = model.roundTripMillis(sydney, dublin, NetworkPath.PUBLIC_INTERNET);
    double toEdge = model.roundTripMillis(sydney, edge, NetworkPath.PUBLIC_INTERNET);
    double backbone = model.roundTripMillis(edge, dublin, NetworkPath.AWS_BACKBONE);
    var results = run(List.of(sydneyOpening(3, "1.2")), SINGLE, GA, CLOUDFRONT);
    // No access loss and a 1.2 handshake: TCP then two TLS round trips to the Region (plus the
    // waits for what the intercontinental transit loses: 1 s for a SYN, an RTO for the rest).
    var single = results.get(0).populations().getFirst();
    double jitterDirect = Jitter.meanRoundTripMillis(List.of(NetworkPath.PUBLIC_INTERNET));
    double jitterViaEdge = Jitter.meanRoundTripMillis(List.of(NetworkPath.PUBLIC_INTERNET, NetworkPath.AWS_BACKBONE));
    assertThat(single.newConnectionMs()).isGreaterThan(3 * (direct + jitterDirect))
        .isLessThan(3 * (direct + jitterDirect) + 30);
    // GA: the edge answers the SYN, its own connection to the ALB opens meanwhile and the client's
    // first bytes wait for it; TLS goes through to the ALB.
    var ga = results.get(1).populations().getFirst();
    double gaLossFree = Math.max(toEdge, backbone) + 2 * (toEdge + backbone) + 3 * jitterViaEdge;
    assertThat(ga.newConnectionMs()).isGreaterThanOrEqualTo(gaLossFree).isLessThan(gaLossFree + 5);
    // CloudFront ends TCP and TLS at the edge.
    var cf = results.get(2).populations().getFirst();
    assertThat(cf.newConnectionMs()).isGreaterThanOrEqualTo(3 * (toEdge + jitterDirect))
        .isLessThan(3 * (toEdge + jitterDirect) + 5);
    // The ordering the model gives: far below for CloudFront; GA saves roughly one edge round trip
    // and the backbone's straighter path, not the distance to Ireland.
    assertThat(cf.newConnectionMs()).isLessThan(ga.newConnectionMs() / 5);
    assertThat(ga.newConnectionMs()).isLessThan(single.newConnectionMs()).isGreaterThan(single.newConnectionMs() * 0.8);
    // Sessions add them per connection.
    assertThat(single.sessionSeconds())
        .isCloseTo((single.felt().meanMs() * 10 + 3 * single.newConnectionMs()) / 1_000, within(0.001));
  }

  @Test
  void tls_isOneOfTheKnownVersions() {
    assertThat(sydneyOpening(1, null).tlsRoundTrips()).isEqualTo(1);
    assertThat(sydneyOpening(1, "none").tlsRoundTrips()).isZero();
    assertThatThrownBy(() -> sydneyOpening(1, "1.1")).hasMessageContaining("unknown tls \"1.1\"");
    assertThatThrownBy(() -> sydneyOpening(-1, null)).hasMessageContaining("newConnections must be >= 0");
  }

  @Test
  void costs_followTheListPrices() {
    var results = run(List.of(new Population("lon", "London", null, 1, 1)), SINGLE, GA, MULTI);
    var single = results.get(0).cost();
    assertThat(single.dataOut()).isCloseTo(1_000 * 0.09, within(1e-9));
    assertThat(single.database()).isCloseTo(10 * 0.25 + 4 * 0.625, within(1e-9));
    assertThat(single.replication()).isZero();
    var ga = results.get(1).cost();
    assertThat(ga.globalAccelerator()).isCloseTo(0.025 * 730 + 1_000 * 0.035, within(1e-9));
    var multi = results.get(2).cost();
    assertThat(multi.licences()).isEqualTo(2 * 500);
    assertThat(multi.database()).isCloseTo(2 * single.database(), within(1e-9));
    assertThat(multi.replication()).isCloseTo(20 * 0.02, within(1e-9));
  }

  @Test
  void countryPopulation_spreadsOverItsCities() {
    var r = run(List.of(new Population("us", null, "US", 1, 1)), SINGLE).getFirst();
    assertThat(r.p90Ms()).isGreaterThan(r.p50Ms()); // the West Coast is further from Dublin than the East
  }

  @Test
  void badPlans_areRefusedWithTheReason() {
    assertThatThrownBy(() -> new Architecture("x", "single-region", List.of("eu-west-1", "us-east-1"), null))
        .hasMessageContaining("names one region");
    assertThatThrownBy(() -> new Architecture("x", "teleport", List.of("eu-west-1"), null))
        .hasMessageContaining("unknown architecture kind");
    assertThatThrownBy(() -> new Population("p", "Sydney", "AU", 1, 1)).hasMessageContaining("exactly one of city or country");
    assertThatThrownBy(() -> run(List.of(new Population("p", "Atlantis", null, 1, 1)), SINGLE))
        .hasMessageContaining("unknown city");
  }
}
