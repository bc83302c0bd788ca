package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * DescribeAvailabilityZones as AWS answers it today, in every Region Stratus serves: zone group
 * {@code <region>-zg-1} named "<Region long name> 1", network border group the Region, zone type,
 * opt-in status, empty messages, zone ids; the all-availability-zones flag and every documented
 * filter (API_DescribeAvailabilityZones).
 */
class AvailabilityZonesIT {
  private static ApiTestServer server;

  @BeforeAll
  static void start() { server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module()); }

  @AfterAll
  static void stop() { server.close(); }

  private static List<AvailabilityZone> zones(Ec2Client ec2, DescribeAvailabilityZonesRequest req) {
    return ec2.describeAvailabilityZones(req).availabilityZones();
  }

  @Test
  void everyRegion_zonesWithGroupBorderGroupTypeAndOptIn() {
    for (RegionCatalog.Region region : RegionCatalog.REGIONS) {
      try (Ec2Client ec2 = server.client(Ec2Client.builder(), Region.of(region.name()))) {
        List<AvailabilityZone> zones = zones(ec2, DescribeAvailabilityZonesRequest.builder().build());
        assertThat(zones).as(region.name()).hasSize(region.letters().length());
        for (AvailabilityZone z : zones) {
          assertThat(z.regionName()).isEqualTo(region.name());
          assertThat(z.zoneName()).startsWith(region.name());
          assertThat(z.zoneId()).startsWith(region.zoneIdPrefix() + "-az");
          assertThat(z.stateAsString()).isEqualTo("available");
          assertThat(z.optInStatusAsString()).isEqualTo("opt-in-not-required");
          assertThat(z.groupName()).isEqualTo(region.name() + "-zg-1");
          assertThat(z.groupLongName()).isEqualTo(region.longName() + " 1");
          assertThat(z.networkBorderGroup()).isEqualTo(region.name());
          assertThat(z.zoneType()).isEqualTo("availability-zone");
          assertThat(z.messages()).isEmpty();
          assertThat(z.parentZoneId()).isNull();
        }
      }
    }
  }

  @Test
  void usEast1_asTheApiReferenceShowsIt() {
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      AvailabilityZone a = zones(ec2, DescribeAvailabilityZonesRequest.builder().zoneNames("us-east-1a").build()).getFirst();
      assertThat(a.zoneId()).isEqualTo("use1-az6");
      assertThat(a.groupName()).isEqualTo("us-east-1-zg-1");
      assertThat(a.groupLongName()).isEqualTo("US East (N. Virginia) 1");
      assertThat(a.networkBorderGroup()).isEqualTo("us-east-1");
    }
  }

  @Test
  void allAvailabilityZones_sameZonesSinceStratusHasNoLocalZones() {
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      assertThat(zones(ec2, DescribeAvailabilityZonesRequest.builder().allAvailabilityZones(true).build()))
          .isEqualTo(zones(ec2, DescribeAvailabilityZonesRequest.builder().build()));
    }
  }

  @Test
  void everyDocumentedFilter_selectsAsAws() {
    record Case(String filter, String value, int expected) {}
    List<Case> cases = List.of(
        new Case("group-name", "us-east-1-zg-1", 6), new Case("group-name", "us-east-1", 0),
        new Case("group-long-name", "US East (N. Virginia) 1", 6),
        new Case("message", "anything", 0),
        new Case("network-border-group", "us-east-1", 6),
        new Case("opt-in-status", "opt-in-not-required", 6), new Case("opt-in-status", "opted-in", 0),
        new Case("parent-zone-id", "use1-az1", 0), new Case("parent-zone-name", "us-east-1a", 0),
        new Case("region-name", "us-east-1", 6), new Case("state", "available", 6),
        new Case("zone-id", "use1-az1", 1), new Case("zone-name", "us-east-1b", 1),
        new Case("zone-type", "availability-zone", 6), new Case("zone-type", "local-zone", 0),
        new Case("zone-name", "us-east-1*", 6));
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      for (Case c : cases) {
        var req = DescribeAvailabilityZonesRequest.builder()
            .filters(Filter.builder().name(c.filter()).values(c.value()).build()).build();
        assertThat(zones(ec2, req)).as(c.filter() + "=" + c.value()).hasSize(c.expected());
      }
    }
  }
}
