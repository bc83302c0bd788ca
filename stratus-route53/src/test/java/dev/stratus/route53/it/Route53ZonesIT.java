package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.VPC;

/** Hosted zones, VPC associations and zone listings through Route53Client. */
class Route53ZonesIT extends Route53ItSupport {
  static final VPC VPC_A = VPC.builder().vpcId("vpc-a").vpcRegion("us-east-1").build();
  static final VPC VPC_B = VPC.builder().vpcId("vpc-b").vpcRegion("eu-west-1").build();

  @Test
  void createGetUpdateDeleteHostedZone_roundTrip() {
    var created = r53.createHostedZone(b -> b.name("example.com").callerReference("r1").hostedZoneConfig(c -> c.comment("c1")));
    String id = created.hostedZone().id();
    assertThat(id).matches("Z[A-Z0-9]{13,21}"); // the SDK strips /hostedzone/
    assertThat(created.location()).endsWith(id);
    assertThat(created.changeInfo().statusAsString()).isEqualTo("PENDING");
    assertThat(created.delegationSet().nameServers()).hasSize(4);
    var got = r53.getHostedZone(b -> b.id(id));
    assertThat(got.hostedZone().name()).isEqualTo("example.com.");
    assertThat(got.hostedZone().config().comment()).isEqualTo("c1");
    assertThat(got.hostedZone().resourceRecordSetCount()).isEqualTo(2);
    assertThat(got.delegationSet().nameServers()).isEqualTo(created.delegationSet().nameServers());
    assertThat(r53.updateHostedZoneComment(b -> b.id(id).comment("c2")).hostedZone().config().comment()).isEqualTo("c2");
    assertThat(r53.getHostedZoneCount().hostedZoneCount()).isEqualTo(1);
    assertThat(r53.deleteHostedZone(b -> b.id(id)).changeInfo().statusAsString()).isEqualTo("PENDING");
    assertAwsError(() -> r53.getHostedZone(b -> b.id(id)), "NoSuchHostedZone", 404);
  }

  @Test
  void zoneOnReusableDelegationSet_answersTheWholeSet() {
    var set = r53.createReusableDelegationSet(b -> b.callerReference("set-ref")).delegationSet();
    var created = r53.createHostedZone(b -> b.name("example.com").callerReference("r1").delegationSetId(set.id()));
    var got = r53.getHostedZone(b -> b.id(created.hostedZone().id())).delegationSet();
    // the reference's GetHostedZone example (reusable delegation set) shows the set's Id and CallerReference
    for (var answered : java.util.List.of(created.delegationSet(), got)) {
      assertThat(answered.id()).isEqualTo(set.id());
      assertThat(answered.callerReference()).isEqualTo("set-ref");
      assertThat(answered.nameServers()).isEqualTo(set.nameServers());
    }
  }

  @Test
  void createHostedZone_refusals() {
    r53.createHostedZone(b -> b.name("example.com").callerReference("dup"));
    assertAwsError(() -> r53.createHostedZone(b -> b.name("example.org").callerReference("dup")), "HostedZoneAlreadyExists", 409);
    assertAwsError(() -> r53.createHostedZone(b -> b.name("a..b").callerReference("x")), "InvalidDomainName", 400);
    assertAwsError(() -> r53.createHostedZone(b -> b.name("p.example").callerReference("y")
        .hostedZoneConfig(c -> c.privateZone(true))), "InvalidInput", 400);
    assertAwsError(() -> r53.createHostedZone(b -> b.name("q.example").callerReference("z").delegationSetId("NNOPE")),
        "NoSuchDelegationSet", 400);
  }

  @Test
  void getHostedZone_unknown_noSuchHostedZoneException() {
    try {
      r53.getHostedZone(b -> b.id("ZDOESNOTEXIST"));
    } catch (NoSuchHostedZoneException e) {
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No hosted zone found with ID: ZDOESNOTEXIST");
      return;
    }
    throw new AssertionError("expected NoSuchHostedZoneException");
  }

  @Test
  void deleteHostedZone_withRecords_hostedZoneNotEmpty() {
    String id = zone("example.com");
    change(id, change(ChangeAction.CREATE, a("www.example.com", 60, "192.0.2.1").build()));
    try {
      r53.deleteHostedZone(b -> b.id(id));
      throw new AssertionError("expected HostedZoneNotEmptyException");
    } catch (HostedZoneNotEmptyException e) {
      assertThat(e.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void privateZone_vpcAssociations() {
    String id = r53.createHostedZone(b -> b.name("internal.example").callerReference("p").vpc(VPC_A)).hostedZone().id();
    assertThat(r53.getHostedZone(b -> b.id(id)).vpCs()).containsExactly(VPC_A);
    assertThat(r53.associateVPCWithHostedZone(b -> b.hostedZoneId(id).vpc(VPC_B)).changeInfo().id()).matches("(/change/)?C[A-Z0-9]+");
    assertThat(r53.listHostedZonesByVPC(b -> b.vpcId("vpc-b").vpcRegion("eu-west-1")).hostedZoneSummaries())
        .extracting(s -> s.name()).containsExactly("internal.example.");
    assertAwsError(() -> r53.associateVPCWithHostedZone(b -> b.hostedZoneId(id).vpc(VPC_B)), "InvalidVPCId", 400);
    r53.disassociateVPCFromHostedZone(b -> b.hostedZoneId(id).vpc(VPC_A));
    assertAwsError(() -> r53.disassociateVPCFromHostedZone(b -> b.hostedZoneId(id).vpc(VPC_A)), "VPCAssociationNotFound", 404);
    assertAwsError(() -> r53.disassociateVPCFromHostedZone(b -> b.hostedZoneId(id).vpc(VPC_B)), "LastVPCAssociation", 400);
    String pub = zone("public.example");
    assertAwsError(() -> r53.associateVPCWithHostedZone(b -> b.hostedZoneId(pub).vpc(VPC_A)), "PublicZoneVPCAssociation", 400);
    assertAwsError(() -> r53.createHostedZone(b -> b.name("internal.example").callerReference("p2").vpc(VPC_B)),
        "ConflictingDomainExists", 400);
  }

  @Test
  void listHostedZones_paginates() {
    for (int i = 0; i < 5; i++) {
      zone("z" + i + ".example");
      clock.advance(java.time.Duration.ofSeconds(1));
    }
    var first = r53.listHostedZones(b -> b.maxItems("3"));
    assertThat(first.hostedZones()).hasSize(3);
    assertThat(first.isTruncated()).isTrue();
    var second = r53.listHostedZones(b -> b.maxItems("3").marker(first.nextMarker()));
    assertThat(second.hostedZones()).extracting(z -> z.name()).containsExactly("z3.example.", "z4.example.");
    assertThat(second.isTruncated()).isFalse();
    var all = r53.listHostedZonesPaginator(b -> b.maxItems("2")).hostedZones().stream().toList();
    assertThat(all).hasSize(5);
  }

  @Test
  void listHostedZonesByName_order() {
    zone("b.example.com");
    zone("example.org");
    zone("example.com");
    var resp = r53.listHostedZonesByName(b -> b.maxItems("2"));
    assertThat(resp.hostedZones()).extracting(z -> z.name()).containsExactly("example.com.", "b.example.com.");
    assertThat(resp.nextDNSName()).isEqualTo("example.org.");
    var rest = r53.listHostedZonesByName(b -> b.dnsName(resp.nextDNSName()).hostedZoneId(resp.nextHostedZoneId()));
    assertThat(rest.hostedZones()).extracting(z -> z.name()).containsExactly("example.org.");
    assertAwsError(() -> r53.listHostedZonesByName(b -> b.hostedZoneId("Z1")), "InvalidInput", 400);
  }
}
