package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.route53.model.ChangeInfo;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** ChangeResourceRecordSets, ListResourceRecordSets and GetChange through Route53Client, with seed 001. */
class Route53RecordsIT extends Route53ItSupport {

  String healthCheck() {
    return r53.createHealthCheck(b -> b.callerReference("hc").healthCheckConfig(c -> c.type("HTTP").ipAddress("127.0.0.1")
        .port(80).resourcePath("/health"))).healthCheck().id();
  }

  /**
   * Seed 001 ("Route 53 — Advanced Routing"): a latency pair and a failover pair for
   * api.myapp.com, with plain A records instead of the seed's placeholder ALB aliases. The
   * failover pair cannot share the name with the latency pair (one routing policy per name and
   * type, route53.md §2), so it is refused there and accepted on its own name.
   */
  @Test
  @DisplayName("seed 001: latency and failover records through boto3-shaped batches")
  void seed001_latencyAndFailover() {
    String zone = zone("myapp.com");
    String hc = healthCheck();
    var latency = change(zone,
        change(ChangeAction.CREATE, a("api.myapp.com", 60, "192.0.2.10").setIdentifier("eu-west-1").region("eu-west-1").build()),
        change(ChangeAction.CREATE, a("api.myapp.com", 60, "192.0.2.20").setIdentifier("us-east-1").region("us-east-1").build()));
    assertThat(latency.changeInfo().statusAsString()).isEqualTo("PENDING");
    var failover = List.of(
        change(ChangeAction.CREATE, a("api.myapp.com", 60, "192.0.2.30").setIdentifier("primary").failover("PRIMARY")
            .healthCheckId(hc).build()),
        change(ChangeAction.CREATE, a("api.myapp.com", 60, "192.0.2.40").setIdentifier("secondary").failover("SECONDARY").build()));
    String refused = message(() -> change(zone, failover.toArray(software.amazon.awssdk.services.route53.model.Change[]::new)));
    assertThat(refused).isEqualTo("[RRSet with DNS name api.myapp.com., type A, SetIdentifier primary cannot be created as a"
        + " non-failover set exists with the same name and type., RRSet with DNS name api.myapp.com., type A, SetIdentifier"
        + " secondary cannot be created as a non-failover set exists with the same name and type.]");
    var accepted = change(zone,
        change(ChangeAction.CREATE, a("failover.myapp.com", 60, "192.0.2.30").setIdentifier("primary").failover("PRIMARY")
            .healthCheckId(hc).build()),
        change(ChangeAction.CREATE, a("failover.myapp.com", 60, "192.0.2.40").setIdentifier("secondary").failover("SECONDARY").build()));
    clock.advance(ChangeInfo.PROPAGATION_DELAY);
    assertThat(r53.getChange(b -> b.id(accepted.changeInfo().id())).changeInfo().statusAsString()).isEqualTo("INSYNC");
    var listed = r53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets();
    assertThat(listed).extracting(r -> r.name() + " " + r.typeAsString() + " " + r.setIdentifier()).containsExactly(
        "myapp.com. NS null", "myapp.com. SOA null", "api.myapp.com. A eu-west-1", "api.myapp.com. A us-east-1",
        "failover.myapp.com. A primary", "failover.myapp.com. A secondary");
    assertThat(listed.get(2).regionAsString()).isEqualTo("eu-west-1");
    assertThat(listed.get(4).failoverAsString()).isEqualTo("PRIMARY");
    assertThat(listed.get(4).healthCheckId()).isEqualTo(hc);
  }

  @Test
  void getChange_pendingThenInsync_andUnknown() {
    String zone = zone("example.com");
    String id = change(zone, change(ChangeAction.UPSERT, a("www.example.com", 60, "192.0.2.1").build())).changeInfo().id();
    assertThat(r53.getChange(b -> b.id(id)).changeInfo().statusAsString()).isEqualTo("PENDING");
    clock.advance(ChangeInfo.PROPAGATION_DELAY);
    assertThat(r53.getChange(b -> b.id(id)).changeInfo().statusAsString()).isEqualTo("INSYNC");
    assertAwsError(() -> r53.getChange(b -> b.id("CNOSUCHCHANGE")), "NoSuchChange", 404);
  }

  @Test
  @DisplayName("§32–35 InvalidChangeBatch texts reach the client")
  void changeResourceRecordSets_invalidChangeBatch_refusals() {
    String zone = zone("example.com");
    change(zone, change(ChangeAction.CREATE, a("x.example.com", 60, "192.0.2.1").build()));
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, a("x.example.com", 60, "192.0.2.2").build()))))
        .isEqualTo("[Tried to create resource record set [name='x.example.com.', type='A'] but it already exists]");
    assertThat(message(() -> change(zone, change(ChangeAction.DELETE, a("y.example.com", 60, "192.0.2.2").build()))))
        .isEqualTo("[Tried to delete resource record set [name='y.example.com.', type='A'] but it was not found]");
    assertThat(message(() -> change(zone, change(ChangeAction.DELETE, a("x.example.com", 300, "192.0.2.1").build()))))
        .contains("but the values provided do not match the current values");
    var cname = ResourceRecordSet.builder().name("x.example.com").type("CNAME").ttl(60L).resourceRecords(r -> r.value("y.example.com")).build();
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, cname))))
        .isEqualTo("[RRSet of type CNAME with DNS name x.example.com. is not permitted as it conflicts with other records"
            + " with the same DNS name in zone example.com.]");
    var apex = cname.toBuilder().name("example.com").build();
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, apex))))
        .isEqualTo("[RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.]");
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, a("x.other.com", 60, "192.0.2.1").build()))))
        .isEqualTo("[RRSet with DNS name x.other.com. is not permitted in zone example.com.]");
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, a("bad.example.com", 60, "1.2.3").build()))))
        .isEqualTo("[Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)"
            + " encountered with '1.2.3'']");
    var txt = ResourceRecordSet.builder().name("t.example.com").type("TXT").ttl(60L).resourceRecords(r -> r.value("hello")).build();
    assertThat(message(() -> change(zone, change(ChangeAction.CREATE, txt)))).contains("InvalidCharacterString");
    try {
      change(zone, change(ChangeAction.CREATE, a("x.example.com", 60, "192.0.2.2").build()));
    } catch (InvalidChangeBatchException e) {
      assertThat(e.statusCode()).isEqualTo(400);
    }
  }

  @Test
  @DisplayName("InvalidInput refusals: TTL range, Weight range, missing SetIdentifier, two policies, unknown health check")
  void changeResourceRecordSets_invalidInput_refusals() {
    String zone = zone("example.com");
    assertAwsError(() -> change(zone, change(ChangeAction.CREATE, a("a.example.com", -1, "192.0.2.1").build())), "InvalidInput", 400);
    assertAwsError(() -> change(zone, change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").setIdentifier("s")
        .weight(300L).build())), "InvalidInput", 400);
    assertAwsError(() -> change(zone, change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").weight(1L).build())),
        "InvalidInput", 400);
    assertAwsError(() -> change(zone, change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").setIdentifier("s")
        .weight(1L).failover("PRIMARY").build())), "InvalidInput", 400);
    assertAwsError(() -> change(zone, change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").setIdentifier("s")
        .failover("PRIMARY").healthCheckId("hc-12345").build())), "NoSuchHealthCheck", 404);
    assertAwsError(() -> change("ZNOSUCHZONE", change(ChangeAction.CREATE, a("a.example.com", 60, "192.0.2.1").build())),
        "NoSuchHostedZone", 404);
  }

  @Test
  void listResourceRecordSets_paginatesWithNextRecord() {
    String zone = zone("example.com");
    for (int i = 0; i < 5; i++) {
      change(zone, change(ChangeAction.CREATE, a("w.example.com", 60, "192.0.2." + i).setIdentifier("s" + i).weight(1L).build()));
    }
    var page = r53.listResourceRecordSets(b -> b.hostedZoneId(zone).maxItems("3"));
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.nextRecordName()).isEqualTo("w.example.com.");
    assertThat(page.nextRecordIdentifier()).isEqualTo("s1");
    var rest = r53.listResourceRecordSets(b -> b.hostedZoneId(zone).startRecordName(page.nextRecordName())
        .startRecordType(page.nextRecordType()).startRecordIdentifier(page.nextRecordIdentifier()));
    assertThat(rest.resourceRecordSets()).extracting(r -> r.setIdentifier()).containsExactly("s1", "s2", "s3", "s4");
    assertThat(r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zone).maxItems("2")).resourceRecordSets().stream()
        .count()).isEqualTo(7);
  }

  @Test
  @DisplayName("§16–19 an apex alias to a record of the same zone round-trips")
  void alias_sameZone_roundTrips() {
    String zone = zone("example.com");
    change(zone, change(ChangeAction.CREATE, a("www.example.com", 60, "192.0.2.1").build()));
    change(zone, change(ChangeAction.CREATE, ResourceRecordSet.builder().name("example.com").type("A")
        .aliasTarget(t -> t.hostedZoneId(zone).dnsName("www.example.com").evaluateTargetHealth(false)).build()));
    var apexAlias = r53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().get(0);
    assertThat(apexAlias.typeAsString()).isEqualTo("A");
    assertThat(apexAlias.aliasTarget().dnsName()).isEqualTo("www.example.com.");
    assertThat(apexAlias.ttl()).isNull();
  }
}
