package dev.stratus.route53;

import static dev.stratus.route53.Route53TestBed.a;
import static dev.stratus.route53.Route53TestBed.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.route53.model.ChangeInfo;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GeoLocation;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** ChangeResourceRecordSets, ListResourceRecordSets and GetChange through the handler class. */
class RecordSetOperationsTest {
  final Route53TestBed bed = new Route53TestBed();
  final String zone = bed.zone("example.com");

  static String code(Throwable e) { return ((AwsException) e).code(); }

  @Test
  @DisplayName("§37 a change is PENDING, then INSYNC once the clock passes the propagation delay")
  void getChange_afterDelay_insync() {
    var info = bed.change(zone, change(ChangeAction.CREATE, a("www.example.com", 60, "192.0.2.1").build())).changeInfo();
    assertThat(info.statusAsString()).isEqualTo("PENDING");
    assertThat(info.id()).matches("/change/C[A-Z0-9]+");
    var req = GetChangeRequest.builder().id(info.id()).build();
    assertThat(bed.records.getChange(bed.ctx, req).changeInfo().statusAsString()).isEqualTo("PENDING");
    bed.clock.advance(ChangeInfo.PROPAGATION_DELAY);
    assertThat(bed.records.getChange(bed.ctx, req).changeInfo().statusAsString()).isEqualTo("INSYNC");
  }

  @Test
  void getChange_unknown_noSuchChange() {
    assertThatThrownBy(() -> bed.records.getChange(bed.ctx, GetChangeRequest.builder().id("/change/CNOPE").build()))
        .extracting(RecordSetOperationsTest::code).isEqualTo("NoSuchChange");
  }

  @Test
  @DisplayName("§32 a failing batch applies nothing and lists every message")
  void changeResourceRecordSets_badBatch_nothingApplied() {
    assertThatThrownBy(() -> bed.change(zone,
        change(ChangeAction.CREATE, a("ok.example.com", 60, "192.0.2.1").build()),
        change(ChangeAction.CREATE, a("x.other.com", 60, "192.0.2.1").build())))
        .isInstanceOf(Route53Errors.InvalidChangeBatchException.class)
        .hasMessage("[RRSet with DNS name x.other.com. is not permitted in zone example.com.]");
    assertThat(list()).hasSize(2);
  }

  @Test
  void changeResourceRecordSets_unknownZone_noSuchHostedZone() {
    assertThatThrownBy(() -> bed.change("/hostedzone/ZNOPE", change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").build())))
        .extracting(RecordSetOperationsTest::code).isEqualTo("NoSuchHostedZone");
  }

  @Test
  void changeResourceRecordSets_ttlWithoutValues_invalidInput() {
    var rrs = ResourceRecordSet.builder().name("a.example.com").type("A").ttl(60L).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).extracting(RecordSetOperationsTest::code)
        .isEqualTo("InvalidInput");
  }

  @Test
  void changeResourceRecordSets_weightOutOfRange_invalidInput() {
    var rrs = a("w.example.com", 60, "192.0.2.1").setIdentifier("s").weight(256L).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).hasMessage("1 validation error detected:"
        + " Value '256' at 'changeBatch.changes.1.member.resourceRecordSet.weight' failed to satisfy constraint: Member"
        + " must have value less than or equal to 255");
  }

  @Test
  void changeResourceRecordSets_weightedWithoutSetIdentifier_invalidInput() {
    var rrs = a("w.example.com", 60, "192.0.2.1").weight(5L).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).hasMessage("Invalid request: Missing field"
        + " 'SetIdentifier' in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=null]");
  }

  @Test
  void changeResourceRecordSets_twoPolicies_invalidInput() {
    var rrs = a("w.example.com", 60, "192.0.2.1").setIdentifier("s").weight(5L).region("eu-west-1").build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).extracting(RecordSetOperationsTest::code)
        .isEqualTo("InvalidInput");
  }

  @Test
  @DisplayName("§8 ContinentCode together with CountryCode is InvalidInput")
  void changeResourceRecordSets_continentAndCountry_invalidInput() {
    var rrs = a("g.example.com", 60, "192.0.2.1").setIdentifier("s")
        .geoLocation(GeoLocation.builder().continentCode("EU").countryCode("FR").build()).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).extracting(RecordSetOperationsTest::code)
        .isEqualTo("InvalidInput");
  }

  @Test
  void changeResourceRecordSets_unknownType_invalidInput() {
    var rrs = ResourceRecordSet.builder().name("a.example.com").type("BOGUS").ttl(60L).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).extracting(RecordSetOperationsTest::code)
        .isEqualTo("InvalidInput");
  }

  @Test
  void changeResourceRecordSets_unknownHealthCheck_noSuchHealthCheck() {
    var rrs = a("f.example.com", 60, "192.0.2.1").setIdentifier("p").failover("PRIMARY").healthCheckId("hc-12345").build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, rrs))).extracting(RecordSetOperationsTest::code)
        .isEqualTo("NoSuchHealthCheck");
  }

  @Test
  void changeResourceRecordSets_failoverWithHealthCheck_stored() {
    String hc = bed.healthChecks.createHealthCheck(bed.ctx, CreateHealthCheckRequest.builder().callerReference("h")
        .healthCheckConfig(HealthCheckConfig.builder().type("HTTP").ipAddress("127.0.0.1").port(8080).build()).build())
        .healthCheck().id();
    bed.change(zone,
        change(ChangeAction.CREATE, a("f.example.com", 60, "192.0.2.1").setIdentifier("primary").failover("PRIMARY").healthCheckId(hc).build()),
        change(ChangeAction.CREATE, a("f.example.com", 60, "192.0.2.2").setIdentifier("secondary").failover("SECONDARY").build()));
    assertThat(list()).extracting(r -> r.setIdentifier()).containsExactly(null, null, "primary", "secondary");
    assertThat(list().get(2).healthCheckId()).isEqualTo(hc);
  }

  @Test
  @DisplayName("§35 ListResourceRecordSets: labels reversed, then type, then SetIdentifier, with pagination")
  void listResourceRecordSets_order_andPagination() {
    bed.change(zone,
        change(ChangeAction.CREATE, a("b.example.com", 60, "192.0.2.1").build()),
        change(ChangeAction.CREATE, ResourceRecordSet.builder().name("a.example.com").type("TXT").ttl(60L)
            .resourceRecords(r -> r.value("\"t\"")).build()),
        change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").build()),
        change(ChangeAction.CREATE, a("x.a.example.com", 60, "192.0.2.1").build()),
        change(ChangeAction.CREATE, a("*.example.com", 60, "192.0.2.1").build()));
    assertThat(list()).extracting(r -> r.name() + " " + r.typeAsString()).containsExactly("example.com. NS",
        "example.com. SOA", "\\052.example.com. A", "a.example.com. A", "a.example.com. TXT", "x.a.example.com. A",
        "b.example.com. A");
    var page = bed.records.listResourceRecordSets(bed.ctx, ListResourceRecordSetsRequest.builder().hostedZoneId(zone)
        .startRecordName("a.example.com").startRecordType("TXT").maxItems("2").build());
    assertThat(page.resourceRecordSets()).extracting(r -> r.name() + " " + r.typeAsString())
        .containsExactly("a.example.com. TXT", "x.a.example.com. A");
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.nextRecordName()).isEqualTo("b.example.com.");
    assertThat(page.nextRecordTypeAsString()).isEqualTo("A");
  }

  @Test
  @DisplayName("§33 UPSERT replaces, then an identical UPSERT is a no-op")
  void changeResourceRecordSets_upsert_replaces() {
    bed.change(zone, change(ChangeAction.UPSERT, a("u.example.com", 60, "192.0.2.1").build()));
    bed.change(zone, change(ChangeAction.UPSERT, a("u.example.com", 120, "192.0.2.2").build()));
    bed.change(zone, change(ChangeAction.UPSERT, a("u.example.com", 120, "192.0.2.2").build()));
    assertThat(list().get(2).ttl()).isEqualTo(120L);
    assertThat(list().get(2).resourceRecords().getFirst().value()).isEqualTo("192.0.2.2");
  }

  @Test
  void changeResourceRecordSets_emptyBatch_invalidInput() {
    assertThatThrownBy(() -> bed.change(zone)).extracting(RecordSetOperationsTest::code).isEqualTo("InvalidInput");
  }

  @Test
  void getChange_clockBeforeDelay_pending() {
    var info = bed.change(zone, change(ChangeAction.CREATE, a("p.example.com", 60, "192.0.2.1").build())).changeInfo();
    bed.clock.advance(ChangeInfo.PROPAGATION_DELAY.minus(Duration.ofMillis(1)));
    assertThat(bed.records.getChange(bed.ctx, GetChangeRequest.builder().id(info.id()).build()).changeInfo().statusAsString())
        .isEqualTo("PENDING");
  }

  @Test
  @DisplayName("§16 an alias naming another of the account's zones must target a record there")
  void changeResourceRecordSets_aliasToOtherZone_checked() {
    String other = bed.zone("example.org");
    var alias = ResourceRecordSet.builder().name("x.example.com").type("A")
        .aliasTarget(t -> t.hostedZoneId(other).dnsName("lb.elb.amazonaws.com").evaluateTargetHealth(false)).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, alias))).hasMessageContaining(
        "but the alias target name does not lie within the target zone");
    var missing = alias.toBuilder().aliasTarget(t -> t.hostedZoneId(other).dnsName("www.example.org")
        .evaluateTargetHealth(false)).build();
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, missing))).hasMessageContaining(
        "but that target was not found");
    bed.change(other, change(ChangeAction.CREATE, a("www.example.org", 60, "192.0.2.1").build()));
    bed.change(zone, change(ChangeAction.CREATE, missing));
    assertThat(list()).hasSize(3);
  }

  private java.util.List<ResourceRecordSet> list() {
    return bed.records.listResourceRecordSets(bed.ctx, ListResourceRecordSetsRequest.builder().hostedZoneId(zone).build())
        .resourceRecordSets();
  }
}
