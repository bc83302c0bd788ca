package dev.stratus.route53.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.store.StoreJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stored Route 53 record survives the store's JSON mapping unchanged. */
class ModelJsonTest {

  static List<RoutingPolicy> policies() {
    return List.of(new RoutingPolicy.Simple(), new RoutingPolicy.Weighted(7), new RoutingPolicy.Latency("eu-west-1"),
        new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.SECONDARY),
        new RoutingPolicy.Geolocation(GeoLocation.subdivision("US", "WA")),
        new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.empty(), Optional.empty(),
            Optional.of(new GeoproximityLocation.Coordinates("49.22", "-74.01")), Optional.of(-20))),
        new RoutingPolicy.MultiValue(), new RoutingPolicy.CidrRouting("c0ffee", "*"));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void resourceRecordSet_everyPolicy_roundTrips(RoutingPolicy policy) {
    var sid = policy instanceof RoutingPolicy.Simple ? Optional.<String>empty() : Optional.of("blue");
    var rrs = new ResourceRecordSet("www.example.com.", RrType.A, sid, policy, Optional.of(60L), List.of("192.0.2.1"),
        Optional.empty(), Optional.of("hc-1"));
    assertThat(roundTrip(rrs, ResourceRecordSet.class)).isEqualTo(rrs);
  }

  @Test
  void resourceRecordSet_alias_roundTrips() {
    var rrs = new ResourceRecordSet("example.com.", RrType.A, Optional.empty(), new RoutingPolicy.Simple(),
        Optional.empty(), List.of(), Optional.of(new AliasTarget("Z1", "www.example.com.", true)), Optional.empty());
    assertThat(roundTrip(rrs, ResourceRecordSet.class)).isEqualTo(rrs);
  }

  @Test
  void otherRecords_roundTrip() {
    var zone = new HostedZone("Z123", "000000000000", "example.com.", "ref", Optional.of("c"), true,
        List.of(new HostedZone.Vpc("vpc-1", "us-east-1")), Optional.empty(), List.of("ns-1.awsdns-01.com"), Instant.EPOCH);
    assertThat(roundTrip(zone, HostedZone.class)).isEqualTo(zone);
    var config = new HealthCheckConfig(HealthCheckType.CLOUDWATCH_METRIC, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 30, 3, false, false, false, Optional.empty(),
        Optional.empty(), List.of(), List.of(), Optional.of(new HealthCheckConfig.Alarm("us-east-1", "a")),
        Optional.of(HealthCheckConfig.InsufficientDataHealthStatus.LAST_KNOWN_STATUS), Optional.empty());
    var hc = new HealthCheck("u-1", "000000000000", "r", config, 1, Instant.EPOCH);
    assertThat(roundTrip(hc, HealthCheck.class)).isEqualTo(hc);
    var cidr = new CidrCollection("id", "000000000000", "n", "r", 2, Map.of("eu", List.of("10.0.0.0/24")));
    assertThat(roundTrip(cidr, CidrCollection.class)).isEqualTo(cidr);
    var change = new ChangeInfo("C1", Instant.EPOCH, Optional.of("x"));
    assertThat(roundTrip(change, ChangeInfo.class)).isEqualTo(change);
    var tags = new ResourceTags("hostedzone", "Z1", Map.of("k", "v"));
    assertThat(roundTrip(tags, ResourceTags.class)).isEqualTo(tags);
    var ds = new DelegationSet("N1", "000000000000", "r", List.of("ns"), Optional.empty());
    assertThat(roundTrip(ds, DelegationSet.class)).isEqualTo(ds);
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    return StoreJson.read(StoreJson.write(value), type);
  }
}
