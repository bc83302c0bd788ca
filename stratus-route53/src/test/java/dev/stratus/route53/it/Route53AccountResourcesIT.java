package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CidrCollectionChange;
import software.amazon.awssdk.services.route53.model.Tag;

/** CIDR collections, reusable delegation sets, tags, geolocations and limits through Route53Client. */
class Route53AccountResourcesIT extends Route53ItSupport {

  @Test
  void cidrCollections_lifecycleAndRefusals() {
    var created = r53.createCidrCollection(b -> b.name("offices").callerReference("c1")).collection();
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.arn()).isEqualTo("arn:aws:route53:::cidrcollection/" + created.id());
    assertThat(r53.createCidrCollection(b -> b.name("offices").callerReference("c1")).collection().id()).isEqualTo(created.id());
    assertAwsError(() -> r53.createCidrCollection(b -> b.name("offices").callerReference("other")),
        "CidrCollectionAlreadyExistsException", 400);
    r53.changeCidrCollection(b -> b.id(created.id()).collectionVersion(1L).changes(CidrCollectionChange.builder()
        .action("PUT").locationName("eu").cidrList("192.0.2.0/24").build()));
    assertAwsError(() -> r53.changeCidrCollection(b -> b.id(created.id()).collectionVersion(1L).changes(
        CidrCollectionChange.builder().action("PUT").locationName("us").cidrList("198.51.100.0/24").build())),
        "CidrCollectionVersionMismatchException", 409);
    assertAwsError(() -> r53.changeCidrCollection(b -> b.id(created.id()).changes(CidrCollectionChange.builder()
        .action("PUT").locationName("us").cidrList("192.0.2.0/24").build())), "CidrBlockInUseException", 400);
    assertThat(r53.listCidrCollections(b -> { }).cidrCollections()).extracting(c -> c.version()).containsExactly(2L);
    assertThat(r53.listCidrLocations(b -> b.collectionId(created.id())).cidrLocations()).extracting(l -> l.locationName())
        .containsExactly("eu");
    assertThat(r53.listCidrBlocks(b -> b.collectionId(created.id())).cidrBlocks()).extracting(c -> c.cidrBlock())
        .containsExactly("192.0.2.0/24");
    assertAwsError(() -> r53.listCidrBlocks(b -> b.collectionId(created.id()).locationName("mars")), "NoSuchCidrLocationException", 404);
    String zone = zone("example.com");
    change(zone, change(ChangeAction.CREATE, a("ip.example.com", 60, "192.0.2.1").setIdentifier("eu")
        .cidrRoutingConfig(c -> c.collectionId(created.id()).locationName("eu")).build()));
    assertAwsError(() -> r53.deleteCidrCollection(b -> b.id(created.id())), "CidrCollectionInUseException", 400);
    change(zone, change(ChangeAction.DELETE, a("ip.example.com", 60, "192.0.2.1").setIdentifier("eu")
        .cidrRoutingConfig(c -> c.collectionId(created.id()).locationName("eu")).build()));
    r53.changeCidrCollection(b -> b.id(created.id()).changes(CidrCollectionChange.builder()
        .action("DELETE_IF_EXISTS").locationName("eu").cidrList("192.0.2.0/24").build()));
    r53.deleteCidrCollection(b -> b.id(created.id()));
    assertAwsError(() -> r53.deleteCidrCollection(b -> b.id(created.id())), "NoSuchCidrCollectionException", 404);
    for (int i = 0; i < 5; i++) {
      int n = i;
      r53.createCidrCollection(b -> b.name("c" + n).callerReference("c" + n));
    }
    assertAwsError(() -> r53.createCidrCollection(b -> b.name("c5").callerReference("c5")), "LimitsExceeded", 400);
  }

  @Test
  void reusableDelegationSets_lifecycle() {
    var set = r53.createReusableDelegationSet(b -> b.callerReference("ds")).delegationSet();
    assertThat(set.nameServers()).hasSize(4);
    assertAwsError(() -> r53.createReusableDelegationSet(b -> b.callerReference("ds")), "DelegationSetAlreadyCreated", 400);
    assertThat(r53.getReusableDelegationSet(b -> b.id(set.id())).delegationSet().nameServers()).isEqualTo(set.nameServers());
    assertThat(r53.listReusableDelegationSets().delegationSets()).hasSize(1);
    var zone = r53.createHostedZone(b -> b.name("example.com").callerReference("z").delegationSetId(set.id()));
    assertThat(zone.delegationSet().nameServers()).isEqualTo(set.nameServers());
    assertThat(r53.listHostedZones(b -> b.delegationSetId(set.id())).hostedZones()).hasSize(1);
    assertThat(r53.getReusableDelegationSetLimit(b -> b.delegationSetId(set.id()).type("MAX_ZONES_BY_REUSABLE_DELEGATION_SET"))
        .count()).isEqualTo(1);
    assertAwsError(() -> r53.deleteReusableDelegationSet(b -> b.id(set.id())), "DelegationSetInUse", 400);
    r53.deleteHostedZone(b -> b.id(zone.hostedZone().id()));
    r53.deleteReusableDelegationSet(b -> b.id(set.id()));
    assertAwsError(() -> r53.getReusableDelegationSet(b -> b.id(set.id())), "NoSuchDelegationSet", 400);
  }

  @Test
  void tags_hostedZoneAndHealthCheck() {
    String zone = zone("example.com");
    String hc = r53.createHealthCheck(b -> b.callerReference("h").healthCheckConfig(c -> c.type("TCP").ipAddress("127.0.0.1")
        .port(22))).healthCheck().id();
    r53.changeTagsForResource(b -> b.resourceType("hostedzone").resourceId(zone).addTags(Tag.builder().key("env").value("prod").build()));
    r53.changeTagsForResource(b -> b.resourceType("healthcheck").resourceId(hc).addTags(Tag.builder().key("team").value("net").build()));
    assertThat(r53.listTagsForResource(b -> b.resourceType("hostedzone").resourceId(zone)).resourceTagSet().tags())
        .containsExactly(Tag.builder().key("env").value("prod").build());
    assertThat(r53.listTagsForResources(b -> b.resourceType("healthcheck").resourceIds(hc)).resourceTagSets().getFirst().tags())
        .extracting(Tag::key).containsExactly("team");
    r53.changeTagsForResource(b -> b.resourceType("hostedzone").resourceId(zone).removeTagKeys("env"));
    assertThat(r53.listTagsForResource(b -> b.resourceType("hostedzone").resourceId(zone)).resourceTagSet().tags()).isEmpty();
    assertAwsError(() -> r53.listTagsForResource(b -> b.resourceType("hostedzone").resourceId("ZNOPE")), "NoSuchHostedZone", 404);
  }

  @Test
  void geoLocations_getAndList() {
    assertThat(r53.getGeoLocation(b -> b.continentCode("EU")).geoLocationDetails().continentName()).isEqualTo("Europe");
    assertThat(r53.getGeoLocation(b -> b.countryCode("US").subdivisionCode("CA")).geoLocationDetails().subdivisionName())
        .isEqualTo("California");
    assertAwsError(() -> r53.getGeoLocation(b -> b.countryCode("ZZ")), "NoSuchGeoLocation", 404);
    var all = r53.listGeoLocations(b -> b.maxItems("100"));
    assertThat(all.isTruncated()).isTrue();
    int total = all.geoLocationDetailsList().size();
    var next = all;
    while (next.isTruncated()) {
      var prev = next;
      next = r53.listGeoLocations(b -> b.startCountryCode(prev.nextCountryCode()).startSubdivisionCode(prev.nextSubdivisionCode())
          .startContinentCode(prev.nextContinentCode()));
      total += next.geoLocationDetailsList().size();
    }
    assertThat(next.geoLocationDetailsList().getLast().continentCode()).isEqualTo("SA");
    assertThat(total).isGreaterThan(250);
  }

  @Test
  void limits() {
    String zone = zone("example.com");
    assertThat(r53.getAccountLimit(b -> b.type("MAX_HEALTH_CHECKS_BY_OWNER")).limit().value()).isEqualTo(200);
    assertThat(r53.getAccountLimit(b -> b.type("MAX_HOSTED_ZONES_BY_OWNER")).count()).isEqualTo(1);
    assertThat(r53.getHostedZoneLimit(b -> b.hostedZoneId(zone).type("MAX_RRSETS_BY_ZONE")).limit().value()).isEqualTo(10_000);
    assertAwsError(() -> r53.getHostedZoneLimit(b -> b.hostedZoneId(zone).type("MAX_VPCS_ASSOCIATED_BY_ZONE")),
        "HostedZoneNotPrivate", 400);
  }
}
