package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.Place;
import dev.stratus.route53.model.CidrBlock;
import dev.stratus.route53.model.GeoLocation;
import dev.stratus.route53.model.GeoproximityLocation;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RoutingPolicy;
import dev.stratus.route53.model.RrType;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordSelectionTest {

  private static final Map<String, List<CidrBlock>> LOCATIONS = Map.of(
      "office", List.of(CidrBlock.parse("203.0.113.0/24").orElseThrow()),
      "campus", List.of(CidrBlock.parse("203.0.0.0/16").orElseThrow()));

  private final SelectionContext context = new SelectionContext(new SplittableRandom(7), LatencyModel.standard(),
      id -> id.equals("coll") ? LOCATIONS : Map.of());

  static ResourceRecordSet record(String id, RoutingPolicy policy, String value) {
    return new ResourceRecordSet("www.example.com.", RrType.A, Optional.of(id), policy, Optional.of(60L),
        List.of(value), Optional.empty(), Optional.of("hc-" + id));
  }

  private static Predicate<ResourceRecordSet> unhealthy(String... ids) {
    Set<String> down = Set.of(ids);
    return r -> !down.contains(r.setIdentifier().orElse(""));
  }

  private static DnsClient in(String city) throws Exception {
    Place place = dev.stratus.net.geo.UserLocationTable.empty().withCity("10.0.0.0/8", city)
        .lookup(InetAddress.getByName("10.1.1.1")).orElseThrow();
    return DnsClient.of(InetAddress.getByName("10.1.1.1"), Optional.of(place));
  }

  private static DnsClient nowhere() throws Exception {
    return DnsClient.of(InetAddress.getByName("10.1.1.1"), Optional.empty());
  }

  private static String chosenId(SelectionDecision d) {
    return d.chosen().get(0).setIdentifier().orElseThrow();
  }

  private Map<String, Integer> histogram(List<ResourceRecordSet> group, Predicate<ResourceRecordSet> healthy, int n)
      throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(chosenId(RecordSelection.select(group, healthy, nowhere(), context)), 1, Integer::sum);
    }
    return counts;
  }

  // --- weighted (§3, §4, §30)

  @Test
  @DisplayName("§3 weighted: probability is weight / sum; weight 0 never answered")
  void weighted_proportionalToWeight_zeroNever() throws Exception {
    var group = List.of(record("a", new RoutingPolicy.Weighted(3), "192.0.2.1"),
        record("b", new RoutingPolicy.Weighted(1), "192.0.2.2"), record("z", new RoutingPolicy.Weighted(0), "192.0.2.3"));
    Map<String, Integer> counts = histogram(group, r -> true, 4_000);
    assertThat(counts.get("a")).isBetween(2_800, 3_200);
    assertThat(counts.get("b")).isBetween(800, 1_200);
    assertThat(counts).doesNotContainKey("z");
  }

  @Test
  @DisplayName("§3 weighted: all weights 0 → all answered with equal probability")
  void weighted_allZero_uniform() throws Exception {
    var group = List.of(record("a", new RoutingPolicy.Weighted(0), "192.0.2.1"),
        record("b", new RoutingPolicy.Weighted(0), "192.0.2.2"));
    assertThat(histogram(group, r -> true, 2_000).get("a")).isBetween(850, 1_150);
  }

  @Test
  @DisplayName("§4 weighted: zero-weight records only when every non-zero record is unhealthy")
  void weighted_nonZeroUnhealthy_zeroWeightAnswered() throws Exception {
    var group = List.of(record("a", new RoutingPolicy.Weighted(5), "192.0.2.1"),
        record("z", new RoutingPolicy.Weighted(0), "192.0.2.3"));
    assertThat(histogram(group, unhealthy("a"), 100)).containsOnlyKeys("z");
  }

  @Test
  @DisplayName("§4/§30 weighted: nothing healthy → all treated healthy, chosen by weight")
  void weighted_noneHealthy_byWeight() throws Exception {
    var group = List.of(record("a", new RoutingPolicy.Weighted(1), "192.0.2.1"),
        record("z", new RoutingPolicy.Weighted(0), "192.0.2.3"));
    assertThat(histogram(group, r -> false, 100)).containsOnlyKeys("a");
  }

  @Test
  void weighted_unhealthyRecord_skipped() throws Exception {
    var group = List.of(record("a", new RoutingPolicy.Weighted(1), "192.0.2.1"),
        record("b", new RoutingPolicy.Weighted(1), "192.0.2.2"));
    assertThat(histogram(group, unhealthy("a"), 200)).containsOnlyKeys("b");
  }

  // --- latency (§6)

  private final List<ResourceRecordSet> latencyGroup = List.of(
      record("use1", new RoutingPolicy.Latency("us-east-1"), "192.0.2.1"),
      record("apse2", new RoutingPolicy.Latency("ap-southeast-2"), "192.0.2.2"),
      record("euw1", new RoutingPolicy.Latency("eu-west-1"), "192.0.2.3"));

  @Test
  @DisplayName("§6 latency: the lowest-latency region for the client")
  void latency_clientInSydney_apSoutheast2() throws Exception {
    SelectionDecision d = RecordSelection.select(latencyGroup, r -> true, in("Sydney"), context);
    assertThat(chosenId(d)).isEqualTo("apse2");
    assertThat(d.clientSpecific()).isTrue();
    assertThat(chosenId(RecordSelection.select(latencyGroup, r -> true, in("London"), context))).isEqualTo("euw1");
  }

  @Test
  @DisplayName("§6 latency: a client nothing places → ranked from the documented default location, us-east-1")
  void latency_unplacedClient_rankedFromUsEast1NotTheGroupsOrder() throws Exception {
    var nowhere = DnsClient.of(InetAddress.getByName("10.1.2.3"), Optional.empty());
    List<ResourceRecordSet> sydneyFirst = List.of(latencyGroup.get(1), latencyGroup.get(2), latencyGroup.get(0));
    SelectionDecision d = RecordSelection.select(sydneyFirst, r -> true, nowhere, context);
    assertThat(chosenId(d)).isEqualTo("use1");
    assertThat(d.reason()).startsWith(RecordSelection.UNPLACED_LATENCY).contains("us-east-1");
    assertThat(d.clientSpecific()).isFalse();
  }

  @Test
  @DisplayName("§6 latency: a client nothing places → ranked from the configured default client location")
  void latency_unplacedClient_rankedFromTheConfiguredDefault() throws Exception {
    var sydneyDefault = dev.stratus.net.geo.ClientLocator.DefaultLocation.of("ap-southeast-2",
        dev.stratus.net.geo.GeoTables.standard());
    var nowhere = new DnsClient(InetAddress.getByName("10.1.2.3"), 32, Optional::empty, sydneyDefault);
    SelectionDecision d = RecordSelection.select(latencyGroup, r -> true, nowhere, context);
    assertThat(chosenId(d)).isEqualTo("apse2");
    assertThat(d.reason()).contains("ranked from the default location, ap-southeast-2");
  }

  @Test
  @DisplayName("§6 latency: unhealthy nearest region → next-lowest latency")
  void latency_nearestUnhealthy_nextNearest() throws Exception {
    assertThat(chosenId(RecordSelection.select(latencyGroup, unhealthy("euw1"), in("London"), context)))
        .isEqualTo("use1");
  }

  // --- failover (§7)

  private final List<ResourceRecordSet> failoverGroup = List.of(
      record("p", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY), "192.0.2.1"),
      record("s", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.SECONDARY), "192.0.2.2"));

  @Test
  @DisplayName("§7 failover: primary healthy → primary; unhealthy → secondary; both down → primary")
  void failover_table() throws Exception {
    assertThat(chosenId(RecordSelection.select(failoverGroup, r -> true, nowhere(), context))).isEqualTo("p");
    assertThat(chosenId(RecordSelection.select(failoverGroup, unhealthy("p"), nowhere(), context))).isEqualTo("s");
    assertThat(chosenId(RecordSelection.select(failoverGroup, r -> false, nowhere(), context))).isEqualTo("p");
  }

  // --- geolocation (§8–10)

  private final List<ResourceRecordSet> geoGroup = List.of(
      record("wa", new RoutingPolicy.Geolocation(GeoLocation.subdivision("US", "WA")), "192.0.2.1"),
      record("us", new RoutingPolicy.Geolocation(GeoLocation.country("US")), "192.0.2.2"),
      record("na", new RoutingPolicy.Geolocation(GeoLocation.continent("NA")), "192.0.2.3"),
      record("eu", new RoutingPolicy.Geolocation(GeoLocation.continent("EU")), "192.0.2.4"),
      record("default", new RoutingPolicy.Geolocation(GeoLocation.defaultLocation()), "192.0.2.5"));

  @Test
  @DisplayName("§8 geolocation: the smallest matching region wins")
  void geolocation_smallestRegionWins() throws Exception {
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, in("Seattle"), context))).isEqualTo("wa");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, in("Chicago"), context))).isEqualTo("us");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, in("Toronto"), context))).isEqualTo("na");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, in("Istanbul"), context))).isEqualTo("eu");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, in("Tokyo"), context))).isEqualTo("default");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> true, nowhere(), context))).isEqualTo("default");
  }

  @Test
  @DisplayName("§10 geolocation: unhealthy → walk up state, country, continent, default")
  void geolocation_unhealthy_walksUp() throws Exception {
    assertThat(chosenId(RecordSelection.select(geoGroup, unhealthy("wa", "us"), in("Seattle"), context)))
        .isEqualTo("na");
    assertThat(chosenId(RecordSelection.select(geoGroup, r -> false, in("Seattle"), context))).isEqualTo("wa");
  }

  @Test
  @DisplayName("§9 geolocation: no match and no default → no answer")
  void geolocation_noMatchNoDefault_empty() throws Exception {
    SelectionDecision d = RecordSelection.select(geoGroup.subList(0, 4), r -> true, in("Tokyo"), context);
    assertThat(d.chosen()).isEmpty();
  }

  // --- geoproximity (§11)

  @Test
  @DisplayName("§11 geoproximity: positive bias pulls clients in, negative pushes them away")
  void geoproximity_biasMovesBoundary() throws Exception {
    var plain = List.of(
        record("dub", new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.of("eu-west-1"),
            Optional.empty(), Optional.empty(), Optional.empty())), "192.0.2.1"),
        record("fra", new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.of("eu-central-1"),
            Optional.empty(), Optional.empty(), Optional.empty())), "192.0.2.2"));
    assertThat(chosenId(RecordSelection.select(plain, r -> true, in("Paris"), context))).isEqualTo("fra");
    var biased = List.of(plain.get(0),
        record("fra", new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.of("eu-central-1"),
            Optional.empty(), Optional.empty(), Optional.of(-50))), "192.0.2.2"));
    assertThat(chosenId(RecordSelection.select(biased, r -> true, in("Paris"), context))).isEqualTo("dub");
    var coords = List.of(plain.get(1),
        record("syd", new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.empty(), Optional.empty(),
            Optional.of(new GeoproximityLocation.Coordinates("-33.87", "151.21")), Optional.of(99))), "192.0.2.3"));
    assertThat(chosenId(RecordSelection.select(coords, r -> true, in("Tokyo"), context))).isEqualTo("syd");
  }

  // --- multivalue (§13)

  @Test
  @DisplayName("§13 multivalue: at most 8 healthy; all unhealthy → up to 8 unhealthy")
  void multiValue_upToEightHealthy() throws Exception {
    List<ResourceRecordSet> group = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      group.add(record("r" + i, new RoutingPolicy.MultiValue(), "192.0.2." + i));
    }
    SelectionDecision d = RecordSelection.select(group, unhealthy("r0", "r1", "r2", "r3", "r4", "r5"), nowhere(), context);
    assertThat(d.chosen()).hasSize(6).allMatch(r -> Integer.parseInt(r.setIdentifier().get().substring(1)) >= 6);
    assertThat(RecordSelection.select(group, r -> true, nowhere(), context).chosen()).hasSize(8);
    assertThat(RecordSelection.select(group, r -> false, nowhere(), context).chosen()).hasSize(8);
  }

  // --- IP-based (§14)

  private final List<ResourceRecordSet> cidrGroup = List.of(
      record("office", new RoutingPolicy.CidrRouting("coll", "office"), "192.0.2.1"),
      record("campus", new RoutingPolicy.CidrRouting("coll", "campus"), "192.0.2.2"),
      record("star", new RoutingPolicy.CidrRouting("coll", "*"), "192.0.2.3"));

  @Test
  @DisplayName("§14 IP-based: longest containing block wins; shorter client prefix falls to '*'")
  void cidr_longestBlock_thenDefault() throws Exception {
    DnsClient office = new DnsClient(InetAddress.getByName("203.0.113.7"), 32, Optional.empty());
    DnsClient campus = new DnsClient(InetAddress.getByName("203.0.5.0"), 24, Optional.empty());
    DnsClient wide = new DnsClient(InetAddress.getByName("203.0.113.0"), 8, Optional.empty());
    DnsClient other = new DnsClient(InetAddress.getByName("198.51.100.1"), 32, Optional.empty());
    assertThat(chosenId(RecordSelection.select(cidrGroup, r -> true, office, context))).isEqualTo("office");
    assertThat(chosenId(RecordSelection.select(cidrGroup, r -> true, campus, context))).isEqualTo("campus");
    assertThat(chosenId(RecordSelection.select(cidrGroup, r -> true, wide, context))).isEqualTo("star");
    assertThat(chosenId(RecordSelection.select(cidrGroup, r -> true, other, context))).isEqualTo("star");
    assertThat(chosenId(RecordSelection.select(cidrGroup, unhealthy("office"), office, context))).isEqualTo("star");
  }

  @Test
  void simple_singleRecord_answered() throws Exception {
    var simple = ResourceRecordSet.simple("www.example.com.", RrType.A, 300, List.of("192.0.2.1", "192.0.2.2"));
    SelectionDecision d = RecordSelection.select(List.of(simple), r -> false, nowhere(), context);
    assertThat(d.chosen()).containsExactly(simple);
    assertThat(d.clientSpecific()).isFalse();
  }

  @Test
  void emptyGroup_noAnswer() throws Exception {
    assertThat(RecordSelection.select(List.of(), r -> true, nowhere(), context).chosen()).isEmpty();
    assertThat(GeoTables.standard().region("eu-west-1")).isPresent();
  }
}
