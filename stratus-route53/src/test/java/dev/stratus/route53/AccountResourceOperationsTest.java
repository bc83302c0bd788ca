package dev.stratus.route53;

import static dev.stratus.route53.Route53TestBed.a;
import static dev.stratus.route53.Route53TestBed.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.ChangeTagsForResourceRequest;
import software.amazon.awssdk.services.route53.model.CidrCollectionChange;
import software.amazon.awssdk.services.route53.model.CidrRoutingConfig;
import software.amazon.awssdk.services.route53.model.CreateCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.CreateReusableDelegationSetRequest;
import software.amazon.awssdk.services.route53.model.DeleteCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.DeleteReusableDelegationSetRequest;
import software.amazon.awssdk.services.route53.model.GetAccountLimitRequest;
import software.amazon.awssdk.services.route53.model.GetGeoLocationRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitRequest;
import software.amazon.awssdk.services.route53.model.GetReusableDelegationSetLimitRequest;
import software.amazon.awssdk.services.route53.model.ListCidrBlocksRequest;
import software.amazon.awssdk.services.route53.model.ListCidrCollectionsRequest;
import software.amazon.awssdk.services.route53.model.ListCidrLocationsRequest;
import software.amazon.awssdk.services.route53.model.ListGeoLocationsRequest;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.route53.model.ListTagsForResourcesRequest;
import software.amazon.awssdk.services.route53.model.Tag;

/** CIDR collections, delegation sets, tags, geolocations and limits through the handler classes. */
class AccountResourceOperationsTest {
  final Route53TestBed bed = new Route53TestBed();

  static String code(Throwable e) { return ((AwsException) e).code(); }

  String collection(String name) {
    return bed.cidr.createCidrCollection(bed.ctx, CreateCidrCollectionRequest.builder().name(name).callerReference(name)
        .build()).collection().id();
  }

  void put(String id, String location, String... blocks) {
    bed.cidr.changeCidrCollection(bed.ctx, ChangeCidrCollectionRequest.builder().id(id).changes(CidrCollectionChange.builder()
        .action("PUT").locationName(location).cidrList(blocks).build()).build());
  }

  @Test
  @DisplayName("§14 CIDR collections: PUT blocks, list locations and blocks, version bumps")
  void changeCidrCollection_put_listed() {
    String id = collection("offices");
    put(id, "eu", "192.0.2.0/24", "2001:db8::/48");
    put(id, "us", "198.51.100.7/24");
    assertThat(bed.cidr.listCidrLocations(bed.ctx, ListCidrLocationsRequest.builder().collectionId(id).build())
        .cidrLocations()).extracting(l -> l.locationName()).containsExactly("eu", "us");
    assertThat(bed.cidr.listCidrBlocks(bed.ctx, ListCidrBlocksRequest.builder().collectionId(id).locationName("us").build())
        .cidrBlocks()).extracting(b -> b.cidrBlock()).containsExactly("198.51.100.0/24");
    assertThat(bed.cidr.listCidrCollections(bed.ctx, ListCidrCollectionsRequest.builder().build()).cidrCollections().getFirst()
        .version()).isEqualTo(3);
  }

  @Test
  @DisplayName("§14 IPv4 blocks longer than /24 are refused")
  void changeCidrCollection_slash25_invalidInput() {
    String id = collection("c");
    assertThatThrownBy(() -> put(id, "eu", "192.0.2.0/25")).extracting(AccountResourceOperationsTest::code).isEqualTo("InvalidInput");
  }

  @Test
  void changeCidrCollection_staleVersion_mismatch() {
    String id = collection("c");
    put(id, "eu", "192.0.2.0/24");
    assertThatThrownBy(() -> bed.cidr.changeCidrCollection(bed.ctx, ChangeCidrCollectionRequest.builder().id(id).collectionVersion(1L)
        .changes(CidrCollectionChange.builder().action("PUT").locationName("x").cidrList("198.51.100.0/24").build()).build()))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("CidrCollectionVersionMismatchException");
  }

  @Test
  @DisplayName("§14 IP-based records need an existing collection location; used collections cannot be deleted")
  void cidrRecords_referenceCollection() {
    String id = collection("c");
    put(id, "eu", "192.0.2.0/24");
    String zone = bed.zone("example.com");
    assertThatThrownBy(() -> bed.change(zone, change(ChangeAction.CREATE, a("ip.example.com", 60, "192.0.2.1").setIdentifier("x")
        .cidrRoutingConfig(CidrRoutingConfig.builder().collectionId(id).locationName("nowhere").build()).build())))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("NoSuchCidrLocationException");
    bed.change(zone, change(ChangeAction.CREATE, a("ip.example.com", 60, "192.0.2.1").setIdentifier("eu")
        .cidrRoutingConfig(CidrRoutingConfig.builder().collectionId(id).locationName("eu").build()).build()));
    assertThatThrownBy(() -> bed.cidr.changeCidrCollection(bed.ctx, ChangeCidrCollectionRequest.builder().id(id).changes(
        CidrCollectionChange.builder().action("DELETE_IF_EXISTS").locationName("eu").cidrList("192.0.2.0/24").build()).build()))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("CidrBlockInUseException");
    assertThatThrownBy(() -> bed.cidr.deleteCidrCollection(bed.ctx, DeleteCidrCollectionRequest.builder().id(id).build()))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("CidrCollectionInUseException");
  }

  @Test
  @DisplayName("§42 the sixth CIDR collection is refused with LimitsExceeded")
  void createCidrCollection_sixth_limitsExceeded() {
    for (int i = 0; i < 5; i++) collection("c" + i);
    assertThatThrownBy(() -> collection("c5")).extracting(AccountResourceOperationsTest::code).isEqualTo("LimitsExceeded");
  }

  @Test
  void deleteCidrCollection_empty_deleted() {
    String id = collection("c");
    bed.cidr.deleteCidrCollection(bed.ctx, DeleteCidrCollectionRequest.builder().id(id).build());
    assertThat(bed.cidr.listCidrCollections(bed.ctx, ListCidrCollectionsRequest.builder().build()).cidrCollections()).isEmpty();
  }

  @Test
  void reusableDelegationSet_sharedByZones_inUseUntilZonesGone() {
    var set = bed.delegationSets.createReusableDelegationSet(bed.ctx, CreateReusableDelegationSetRequest.builder()
        .callerReference("ds").build()).delegationSet();
    var zone = bed.zones.createHostedZone(bed.ctx, CreateHostedZoneRequest.builder().name("example.com").callerReference("z")
        .delegationSetId(set.id()).build());
    assertThat(zone.delegationSet().nameServers()).isEqualTo(set.nameServers());
    assertThat(bed.delegationSets.getReusableDelegationSetLimit(bed.ctx, GetReusableDelegationSetLimitRequest.builder()
        .delegationSetId(set.id()).type("MAX_ZONES_BY_REUSABLE_DELEGATION_SET").build()).count()).isEqualTo(1);
    assertThatThrownBy(() -> bed.delegationSets.deleteReusableDelegationSet(bed.ctx,
        DeleteReusableDelegationSetRequest.builder().id(set.id()).build()))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("DelegationSetInUse");
  }

  @Test
  void tags_addRemoveList() {
    String zone = bed.zone("example.com").substring("/hostedzone/".length());
    bed.tags.changeTagsForResource(bed.ctx, ChangeTagsForResourceRequest.builder().resourceType("hostedzone").resourceId(zone)
        .addTags(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("net").build()).build());
    bed.tags.changeTagsForResource(bed.ctx, ChangeTagsForResourceRequest.builder().resourceType("hostedzone").resourceId(zone)
        .removeTagKeys("team").build());
    assertThat(bed.tags.listTagsForResource(bed.ctx, ListTagsForResourceRequest.builder().resourceType("hostedzone")
        .resourceId(zone).build()).resourceTagSet().tags()).containsExactly(Tag.builder().key("env").value("prod").build());
    assertThat(bed.tags.listTagsForResources(bed.ctx, ListTagsForResourcesRequest.builder().resourceType("hostedzone")
        .resourceIds(zone).build()).resourceTagSets()).hasSize(1);
    assertThatThrownBy(() -> bed.tags.listTagsForResource(bed.ctx, ListTagsForResourceRequest.builder()
        .resourceType("healthcheck").resourceId("nope").build())).extracting(AccountResourceOperationsTest::code)
        .isEqualTo("NoSuchHealthCheck");
  }

  @Test
  void geoLocations_getAndList() {
    var fr = bed.geo.getGeoLocation(bed.ctx, GetGeoLocationRequest.builder().countryCode("FR").build()).geoLocationDetails();
    assertThat(fr.countryName()).isEqualTo("France");
    var wa = bed.geo.getGeoLocation(bed.ctx, GetGeoLocationRequest.builder().countryCode("US").subdivisionCode("WA").build());
    assertThat(wa.geoLocationDetails().subdivisionName()).isEqualTo("Washington");
    assertThatThrownBy(() -> bed.geo.getGeoLocation(bed.ctx, GetGeoLocationRequest.builder().countryCode("EH").build()))
        .extracting(AccountResourceOperationsTest::code).isEqualTo("NoSuchGeoLocation");
    var first = bed.geo.listGeoLocations(bed.ctx, ListGeoLocationsRequest.builder().maxItems("3").build());
    assertThat(first.geoLocationDetailsList().getFirst().countryCode()).isEqualTo("*");
    assertThat(first.isTruncated()).isTrue();
    var next = bed.geo.listGeoLocations(bed.ctx, ListGeoLocationsRequest.builder().startCountryCode(first.nextCountryCode()).build());
    assertThat(next.geoLocationDetailsList().getFirst().countryCode()).isEqualTo(first.nextCountryCode());
  }

  @Test
  void limits_accountAndZone() {
    String zone = bed.zone("example.com");
    var account = bed.limits.getAccountLimit(bed.ctx, GetAccountLimitRequest.builder().type("MAX_HOSTED_ZONES_BY_OWNER").build());
    assertThat(account.limit().value()).isEqualTo(500);
    assertThat(account.count()).isEqualTo(1);
    var rrsets = bed.limits.getHostedZoneLimit(bed.ctx, GetHostedZoneLimitRequest.builder().hostedZoneId(zone)
        .type("MAX_RRSETS_BY_ZONE").build());
    assertThat(rrsets.limit().value()).isEqualTo(10_000);
    assertThat(rrsets.count()).isEqualTo(2);
    assertThatThrownBy(() -> bed.limits.getHostedZoneLimit(bed.ctx, GetHostedZoneLimitRequest.builder().hostedZoneId(zone)
        .type("MAX_VPCS_ASSOCIATED_BY_ZONE").build())).extracting(AccountResourceOperationsTest::code).isEqualTo("HostedZoneNotPrivate");
  }
}
