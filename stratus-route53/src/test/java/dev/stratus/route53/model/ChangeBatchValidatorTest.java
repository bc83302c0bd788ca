package dev.stratus.route53.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.route53.model.ChangeBatchValidator.Action;
import dev.stratus.route53.model.ChangeBatchValidator.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per change-batch rule of route53.md §2–21, §32–38. */
class ChangeBatchValidatorTest {
  static final HostedZone ZONE = zone(false);
  static final HostedZone PRIVATE = zone(true);

  static HostedZone zone(boolean privateZone) {
    return new HostedZone("ZTEST", "000000000000", "example.com.", "ref", Optional.empty(), privateZone,
        privateZone ? List.of(new HostedZone.Vpc("vpc-1", "us-east-1")) : List.of(), Optional.empty(),
        List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net", "ns-3.awsdns-03.org", "ns-4.awsdns-04.co.uk"), Instant.EPOCH);
  }

  static List<ResourceRecordSet> apex() { return ZoneApex.records("example.com.", ZONE.nameServers()); }

  static ResourceRecordSet a(String name, String... values) {
    return ResourceRecordSet.simple(name, RrType.A, 300, List.of(values));
  }

  static ResourceRecordSet rr(String name, RrType type, String... values) {
    return ResourceRecordSet.simple(name, type, 300, List.of(values));
  }

  static ResourceRecordSet policy(String name, String setId, RoutingPolicy policy, long ttl, String value) {
    return new ResourceRecordSet(DnsName.normalize(name), RrType.A, Optional.of(setId), policy, Optional.of(ttl),
        List.of(value), Optional.empty(), Optional.empty());
  }

  static ResourceRecordSet alias(String name, RoutingPolicy policy, String setId, AliasTarget target) {
    return new ResourceRecordSet(DnsName.normalize(name), RrType.A, Optional.ofNullable(setId), policy, Optional.empty(),
        List.of(), Optional.of(target), Optional.empty());
  }

  static Change create(ResourceRecordSet r) { return new Change(Action.CREATE, r); }

  static Change delete(ResourceRecordSet r) { return new Change(Action.DELETE, r); }

  static Change upsert(ResourceRecordSet r) { return new Change(Action.UPSERT, r); }

  static ChangeBatchValidator.Result run(List<ResourceRecordSet> current, Change... changes) {
    var all = new ArrayList<>(apex());
    all.addAll(current);
    return ChangeBatchValidator.validate(ZONE, all, List.of(changes));
  }

  @Test
  @DisplayName("§33 CREATE of a new record set succeeds")
  void validate_createNew_addsRecord() {
    var result = run(List.of(), create(a("www.example.com", "192.0.2.1")));
    assertThat(result.errors()).isEmpty();
    assertThat(result.after()).containsKey("www.example.com. A");
  }

  @Test
  @DisplayName("§33 CREATE of an existing set: 'already exists'")
  void validate_createExisting_alreadyExists() {
    var result = run(List.of(a("www.example.com", "192.0.2.1")), create(a("www.example.com", "192.0.2.2")));
    assertThat(result.errors()).containsExactly(
        "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists");
  }

  @Test
  @DisplayName("§33 CREATE of an existing set with SetIdentifier names it in the brackets")
  void validate_createExistingWithSetIdentifier_namesSetIdentifier() {
    var blue = policy("www.example.com", "blue", new RoutingPolicy.Weighted(1), 60, "192.0.2.1");
    assertThat(run(List.of(blue), create(blue)).errors()).containsExactly(
        "Tried to create resource record set [name='www.example.com.', type='A', set-identifier='blue'] but it already exists");
  }

  @Test
  @DisplayName("§33 DELETE of a missing set: 'not found'")
  void validate_deleteMissing_notFound() {
    assertThat(run(List.of(), delete(a("www.example.com", "192.0.2.1"))).errors()).containsExactly(
        "Tried to delete resource record set [name='www.example.com.', type='A'] but it was not found");
  }

  @Test
  @DisplayName("§33 DELETE must repeat the values exactly")
  void validate_deleteWithOtherValues_mismatch() {
    assertThat(run(List.of(a("www.example.com", "192.0.2.1")), delete(a("www.example.com", "192.0.2.9"))).errors())
        .containsExactly("Tried to delete resource record set [name='www.example.com.', type='A'] but the values"
            + " provided do not match the current values");
  }

  @Test
  @DisplayName("§33 DELETE with the same values in another order succeeds")
  void validate_deleteValuesReordered_succeeds() {
    var result = run(List.of(a("www.example.com", "192.0.2.1", "192.0.2.2")),
        delete(a("www.example.com", "192.0.2.2", "192.0.2.1")));
    assertThat(result.errors()).isEmpty();
    assertThat(result.after()).doesNotContainKey("www.example.com. A");
  }

  @Test
  @DisplayName("§32 deleting the same set twice in one batch fails the second time")
  void validate_deleteTwice_secondNotFound() {
    var r = a("www.example.com", "192.0.2.1");
    assertThat(run(List.of(r), delete(r), delete(r)).errors()).hasSize(1).first().asString().contains("was not found");
  }

  @Test
  @DisplayName("§33 UPSERT identical to the stored set is a no-op success")
  void validate_upsertIdentical_noChange() {
    var r = a("www.example.com", "192.0.2.1");
    var result = run(List.of(r), upsert(r));
    assertThat(result.errors()).isEmpty();
    assertThat(result.after().get("www.example.com. A")).isEqualTo(r);
  }

  @Test
  @DisplayName("§32 DELETE A then CREATE CNAME at the same name succeeds")
  void validate_deleteAThenCreateCname_succeeds() {
    var r = a("x.example.com", "192.0.2.1");
    assertThat(run(List.of(r), delete(r), create(rr("x.example.com", RrType.CNAME, "y.example.com"))).errors()).isEmpty();
  }

  @Test
  @DisplayName("§32/§34 CREATE CNAME then DELETE A fails: the batch is order-sensitive")
  void validate_createCnameThenDeleteA_fails() {
    var r = a("x.example.com", "192.0.2.1");
    var result = run(List.of(r), create(rr("x.example.com", RrType.CNAME, "y.example.com")), delete(r));
    assertThat(result.errors()).containsExactly("RRSet of type CNAME with DNS name x.example.com. is not permitted as it"
        + " conflicts with other records with the same DNS name in zone example.com.");
  }

  @Test
  @DisplayName("§34 another type beside a CNAME: AWS's text with two spaces")
  void validate_aBesideCname_conflict() {
    var result = run(List.of(rr("x.example.com", RrType.CNAME, "y.example.com")), create(rr("x.example.com", RrType.TXT, "\"t\"")));
    assertThat(result.errors()).containsExactly("RRSet of type TXT with DNS name x.example.com. is not permitted because a"
        + " conflicting RRSet of type  CNAME with the same DNS name already exists in zone example.com.");
  }

  @Test
  @DisplayName("§34 CNAME at the apex is refused")
  void validate_cnameAtApex_refused() {
    assertThat(run(List.of(), create(rr("example.com", RrType.CNAME, "y.example.net"))).errors())
        .containsExactly("RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.");
  }

  @Test
  @DisplayName("§34 a CNAME holds exactly one value")
  void validate_cnameTwoValues_refused() {
    assertThat(run(List.of(), create(rr("x.example.com", RrType.CNAME, "a.example.com", "b.example.com"))).errors())
        .containsExactly("RRSet of type CNAME with DNS name x.example.com. contains more than one value");
  }

  @Test
  @DisplayName("§35 a name outside the zone is refused")
  void validate_nameOutsideZone_refused() {
    assertThat(run(List.of(), create(a("x.other.com", "192.0.2.1"))).errors())
        .containsExactly("RRSet with DNS name x.other.com. is not permitted in zone example.com.");
  }

  @Test
  @DisplayName("§35 a name that merely ends with the zone's text is outside it")
  void validate_suffixWithoutDot_outsideZone() {
    assertThat(run(List.of(), create(a("badexample.com", "192.0.2.1"))).errors()).hasSize(1);
  }

  @Test
  @DisplayName("§2 a weighted record beside a simple one: 'non-weighted set exists'")
  void validate_weightedBesideSimple_mixedPolicy() {
    var result = run(List.of(a("www.example.com", "192.0.2.1")),
        create(policy("www.example.com", "blue", new RoutingPolicy.Weighted(10), 60, "192.0.2.2")));
    assertThat(result.errors()).containsExactly("RRSet with DNS name www.example.com., type A, SetIdentifier blue cannot"
        + " be created as a non-weighted set exists with the same name and type.");
  }

  @Test
  @DisplayName("§2 a simple record beside weighted ones is refused")
  void validate_simpleBesideWeighted_refused() {
    var result = run(List.of(policy("www.example.com", "blue", new RoutingPolicy.Weighted(10), 60, "192.0.2.2")),
        create(a("www.example.com", "192.0.2.1")));
    assertThat(result.errors()).containsExactly(
        "RRSet with DNS name www.example.com., type A cannot be created as other RRSets exist with the same name and type.");
  }

  @Test
  @DisplayName("§2 a latency record beside a failover group: 'non-latency set exists'")
  void validate_latencyBesideFailover_mixedPolicy() {
    var primary = policy("api.example.com", "p", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY), 60, "192.0.2.1");
    var result = run(List.of(primary), create(policy("api.example.com", "eu", new RoutingPolicy.Latency("eu-west-1"), 60, "192.0.2.2")));
    assertThat(result.errors()).singleElement().asString().contains("cannot be created as a non-latency set exists");
  }

  @Test
  @DisplayName("§5 weighted records with different TTLs all take the last TTL written")
  void validate_weightedDifferentTtl_lastTtlWins() {
    var blue = policy("www.example.com", "blue", new RoutingPolicy.Weighted(1), 60, "192.0.2.1");
    var green = policy("www.example.com", "green", new RoutingPolicy.Weighted(1), 300, "192.0.2.2");
    var result = run(List.of(blue), create(green));
    assertThat(result.errors()).isEmpty();
    assertThat(result.after().get("www.example.com. A blue").ttl()).contains(300L);
  }

  @Test
  @DisplayName("§7 two PRIMARY failover records are refused")
  void validate_twoPrimaries_refused() {
    var role = new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY);
    var result = run(List.of(policy("api.example.com", "a", role, 60, "192.0.2.1")),
        create(policy("api.example.com", "b", role, 60, "192.0.2.2")));
    assertThat(result.errors()).singleElement().asString().contains("same Failover value PRIMARY");
  }

  @Test
  @DisplayName("§6 two latency records for one Region are refused")
  void validate_sameLatencyRegion_refused() {
    var region = new RoutingPolicy.Latency("eu-west-1");
    var result = run(List.of(policy("api.example.com", "a", region, 60, "192.0.2.1")),
        create(policy("api.example.com", "b", region, 60, "192.0.2.2")));
    assertThat(result.errors()).singleElement().asString().contains("same Region eu-west-1");
  }

  @Test
  @DisplayName("§8 two geolocation records for one location are refused")
  void validate_sameGeoLocation_refused() {
    var fr = new RoutingPolicy.Geolocation(GeoLocation.country("FR"));
    var result = run(List.of(policy("geo.example.com", "a", fr, 60, "192.0.2.1")),
        create(policy("geo.example.com", "b", fr, 60, "192.0.2.2")));
    assertThat(result.errors()).singleElement().asString().contains("same GeoLocation");
  }

  @Test
  @DisplayName("§15 more than 100 weighted records per name and type are refused")
  void validate_101Weighted_refused() {
    var changes = new ArrayList<Change>();
    for (int i = 0; i < 101; i++) {
      changes.add(create(policy("w.example.com", "s" + i, new RoutingPolicy.Weighted(1), 60, "192.0.2.1")));
    }
    var result = ChangeBatchValidator.validate(ZONE, apex(), changes);
    assertThat(result.errors()).contains(ChangeBatchMessages.tooManyInGroup("w.example.com.", RrType.A, 100));
  }

  @Test
  @DisplayName("§36 more than 1,000 ResourceRecord elements per request are refused (UPSERT counts twice)")
  void validate_tooManyResourceRecords_refused() {
    var values = new ArrayList<String>();
    for (int i = 0; i < 300; i++) values.add("192.0.2." + (i % 250));
    var changes = new ArrayList<Change>();
    for (int i = 0; i < 2; i++) changes.add(upsert(ResourceRecordSet.simple("n" + i + ".example.com", RrType.A, 60, values)));
    assertThat(ChangeBatchValidator.validate(ZONE, apex(), changes).errors())
        .contains("Number of records limit of 1000 exceeded.");
  }

  @Test
  @DisplayName("§15 more than 400 values in one record set are refused")
  void validate_401Values_refused() {
    var values = new ArrayList<String>();
    for (int i = 0; i < 401; i++) values.add("\"v" + i + "\"");
    assertThat(run(List.of(), create(ResourceRecordSet.simple("t.example.com", RrType.TXT, 60, values))).errors())
        .contains(ChangeBatchMessages.tooManyValues("t.example.com.", 400));
  }

  @Test
  @DisplayName("§16 an alias to a record of the same zone needs that record")
  void validate_aliasToMissingRecord_refused() {
    var result = run(List.of(), create(alias("example.com", new RoutingPolicy.Simple(), null,
        new AliasTarget("ZTEST", "www.example.com.", false))));
    assertThat(result.errors()).containsExactly(
        "Tried to create an alias that targets www.example.com., type A in zone ZTEST, but that target was not found");
  }

  @Test
  @DisplayName("§16 a same-zone alias whose target name lies outside the zone")
  void validate_aliasTargetOutsideZone_refused() {
    var result = run(List.of(), create(alias("a.example.com", new RoutingPolicy.Simple(), null,
        new AliasTarget("ZTEST", "lb.elb.amazonaws.com.", false))));
    assertThat(result.errors()).containsExactly("Tried to create an alias that targets lb.elb.amazonaws.com., type A in"
        + " zone ZTEST, but the alias target name does not lie within the target zone");
  }

  @Test
  @DisplayName("§19 an apex alias to an existing same-type record succeeds")
  void validate_apexAliasToRecord_succeeds() {
    var result = run(List.of(a("www.example.com", "192.0.2.1")), create(alias("example.com", new RoutingPolicy.Simple(),
        null, new AliasTarget("ZTEST", "www.example.com.", true))));
    assertThat(result.errors()).isEmpty();
  }

  @Test
  @DisplayName("§21 CloudFront aliases are refused in private zones")
  void validate_cloudFrontAliasInPrivateZone_refused() {
    var r = alias("cdn.example.com", new RoutingPolicy.Simple(), null,
        new AliasTarget(AliasTarget.CLOUDFRONT_ZONE_ID, "d111.cloudfront.net.", false));
    var result = ChangeBatchValidator.validate(PRIVATE, apex(), List.of(create(r)));
    assertThat(result.errors()).containsExactly(ChangeBatchMessages.cloudFrontInPrivateZone("cdn.example.com.", "example.com."));
  }

  @Test
  @DisplayName("§20 CloudFront aliases cannot evaluate target health")
  void validate_cloudFrontEvaluateTargetHealth_refused() {
    var r = alias("cdn.example.com", new RoutingPolicy.Simple(), null,
        new AliasTarget(AliasTarget.CLOUDFRONT_ZONE_ID, "d111.cloudfront.net.", true));
    assertThat(run(List.of(), create(r)).errors()).containsExactly(ChangeBatchMessages.cloudFrontEvaluateTargetHealth("cdn.example.com."));
  }

  @Test
  @DisplayName("§7 a PRIMARY failover alias without target health or health check is refused")
  void validate_primaryFailoverAliasWithoutHealth_refused() {
    var r = alias("api.example.com", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY), "p",
        new AliasTarget("Z35SXDOTRQ7X7K", "lb.elb.amazonaws.com.", false));
    assertThat(run(List.of(), create(r)).errors()).containsExactly(ChangeBatchMessages.failoverAliasNeedsHealth("api.example.com."));
  }

  @Test
  @DisplayName("§13 multivalue alias records and multivalue CNAMEs are refused")
  void validate_multiValueAliasOrCname_refused() {
    var aliasRecord = alias("m.example.com", new RoutingPolicy.MultiValue(), "a", new AliasTarget("Z1", "x.example.net.", false));
    assertThat(run(List.of(), create(aliasRecord)).errors()).containsExactly(ChangeBatchMessages.multiValueAlias("m.example.com."));
  }

  @Test
  @DisplayName("§11 geoproximity records are refused in private zones")
  void validate_geoproximityInPrivateZone_refused() {
    var r = policy("g.example.com", "a", new RoutingPolicy.Geoproximity(new GeoproximityLocation(Optional.of("eu-west-1"),
        Optional.empty(), Optional.empty(), Optional.empty())), 60, "192.0.2.1");
    assertThat(ChangeBatchValidator.validate(PRIVATE, apex(), List.of(create(r))).errors()).singleElement()
        .asString().contains("not permitted in private zone");
  }

  @Test
  @DisplayName("§14 IP-based records of one group must share a CIDR collection")
  void validate_cidrDifferentCollections_refused() {
    var result = run(List.of(policy("c.example.com", "a", new RoutingPolicy.CidrRouting("c1", "eu"), 60, "192.0.2.1")),
        create(policy("c.example.com", "b", new RoutingPolicy.CidrRouting("c2", "us"), 60, "192.0.2.2")));
    assertThat(result.errors()).containsExactly(ChangeBatchMessages.mixedCidrCollections(
        policy("c.example.com", "b", new RoutingPolicy.CidrRouting("c2", "us"), 60, "192.0.2.2")));
  }

  @Test
  @DisplayName("§38 the apex SOA cannot be deleted, only UPSERTed")
  void validate_deleteApexSoa_refused() {
    var soa = apex().get(1);
    assertThat(run(List.of(), delete(soa)).errors()).containsExactly("A HostedZone must contain exactly one SOA record.");
    var edited = ResourceRecordSet.simple("example.com", RrType.SOA, 900,
        List.of("ns-2.awsdns-02.net. hostmaster.example.com. 2 7200 900 1209600 86400"));
    assertThat(run(List.of(), upsert(edited)).errors()).isEmpty();
  }

  @Test
  @DisplayName("§38 the apex NS record cannot be deleted")
  void validate_deleteApexNs_refused() {
    assertThat(run(List.of(), delete(apex().getFirst())).errors())
        .containsExactly("A HostedZone must contain at least one NS record for the zone itself.");
  }

  @Test
  @DisplayName("§35 wildcard NS records are refused")
  void validate_wildcardNs_refused() {
    assertThat(run(List.of(), create(rr("*.example.com", RrType.NS, "ns1.example.net"))).errors())
        .containsExactly(ChangeBatchMessages.wildcardNs("*.example.com."));
  }

  @Test
  @DisplayName("§32 every bad change of a batch is reported, and nothing applies")
  void validate_severalBadChanges_allReported() {
    var result = run(List.of(), create(a("x.other.com", "192.0.2.1")), create(a("y.example.com", "1.2.3")));
    assertThat(result.errors()).hasSize(2);
    assertThat(result.valid()).isFalse();
  }
}
