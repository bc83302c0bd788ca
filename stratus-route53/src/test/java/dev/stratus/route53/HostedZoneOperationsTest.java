package dev.stratus.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AssociateVpcWithHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.DeleteHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.DisassociateVpcFromHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneCountRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByVpcRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.UpdateHostedZoneCommentRequest;
import software.amazon.awssdk.services.route53.model.VPC;

/** Hosted zones, VPC associations and zone listings through the handler classes. */
class HostedZoneOperationsTest {
  final Route53TestBed bed = new Route53TestBed();
  static final VPC VPC_A = VPC.builder().vpcId("vpc-a").vpcRegion("us-east-1").build();
  static final VPC VPC_B = VPC.builder().vpcId("vpc-b").vpcRegion("us-east-1").build();

  String privateZone(String name, String ref) {
    return bed.zones.createHostedZone(bed.ctx, CreateHostedZoneRequest.builder().name(name).callerReference(ref).vpc(VPC_A)
        .hostedZoneConfig(HostedZoneConfig.builder().privateZone(true).build()).build()).hostedZone().id();
  }

  @Test
  @DisplayName("§38 a new zone has an apex NS with four awsdns name servers and an SOA")
  void createHostedZone_public_apexNsAndSoa() {
    var resp = bed.zones.createHostedZone(bed.ctx, CreateHostedZoneRequest.builder().name("Example.COM")
        .callerReference("r1").build());
    assertThat(resp.hostedZone().id()).matches("/hostedzone/Z[A-Z0-9]{13,21}");
    assertThat(resp.hostedZone().name()).isEqualTo("example.com.");
    assertThat(resp.hostedZone().resourceRecordSetCount()).isEqualTo(2);
    assertThat(resp.changeInfo().statusAsString()).isEqualTo("PENDING");
    assertThat(resp.delegationSet().nameServers()).hasSize(4)
        .allMatch(ns -> ns.matches("ns-\\d+\\.awsdns-\\d\\d\\.(com|net|org|co\\.uk)"));
    var sets = bed.records.listResourceRecordSets(bed.ctx, ListResourceRecordSetsRequest.builder()
        .hostedZoneId(resp.hostedZone().id()).build()).resourceRecordSets();
    assertThat(sets).extracting(s -> s.typeAsString()).containsExactly("NS", "SOA");
    assertThat(sets.get(0).ttl()).isEqualTo(172800L);
    assertThat(sets.get(1).ttl()).isEqualTo(900L);
    assertThat(sets.get(1).resourceRecords().getFirst().value()).endsWith(" awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400");
  }

  @Test
  void createHostedZone_sameCallerReference_hostedZoneAlreadyExists() {
    bed.zones.createHostedZone(bed.ctx, CreateHostedZoneRequest.builder().name("a.com").callerReference("same").build());
    assertThatThrownBy(() -> bed.zones.createHostedZone(bed.ctx,
        CreateHostedZoneRequest.builder().name("b.com").callerReference("same").build()))
        .isInstanceOf(AwsException.class).extracting(e -> ((AwsException) e).code()).isEqualTo("HostedZoneAlreadyExists");
  }

  @Test
  @DisplayName("§42 the 501st zone is refused with TooManyHostedZones")
  void createHostedZone_over500_tooManyHostedZones() {
    for (int i = 0; i < 500; i++) bed.zone("z" + i + ".com");
    assertThatThrownBy(() -> bed.zone("last.com")).extracting(e -> ((AwsException) e).code()).isEqualTo("TooManyHostedZones");
  }

  @Test
  @DisplayName("§41 a private zone lists its VPCs and has no delegation set")
  void getHostedZone_private_vpcsNoDelegationSet() {
    String id = privateZone("internal.example", "p1");
    var resp = bed.zones.getHostedZone(bed.ctx, GetHostedZoneRequest.builder().id(id).build());
    assertThat(resp.hostedZone().config().privateZone()).isTrue();
    assertThat(resp.vpCs()).containsExactly(VPC_A);
    assertThat(resp.delegationSet()).isNull();
  }

  @Test
  void getHostedZone_bareOrPrefixedId_same() {
    String id = bed.zone("example.com");
    var bare = bed.zones.getHostedZone(bed.ctx, GetHostedZoneRequest.builder().id(id.substring("/hostedzone/".length())).build());
    assertThat(bare.hostedZone().id()).isEqualTo(id);
  }

  @Test
  void getHostedZone_unknown_noSuchHostedZone() {
    assertThatThrownBy(() -> bed.zones.getHostedZone(bed.ctx, GetHostedZoneRequest.builder().id("ZNOPE").build()))
        .hasMessage("No hosted zone found with ID: ZNOPE");
  }

  @Test
  void listHostedZones_marker_pagesInCreationOrder() {
    for (int i = 0; i < 5; i++) {
      bed.zone("z" + i + ".com");
      bed.clock.advance(java.time.Duration.ofSeconds(1));
    }
    var first = bed.zones.listHostedZones(bed.ctx, ListHostedZonesRequest.builder().maxItems("2").build());
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.hostedZones()).extracting(z -> z.name()).containsExactly("z0.com.", "z1.com.");
    var second = bed.zones.listHostedZones(bed.ctx, ListHostedZonesRequest.builder().maxItems("2").marker(first.nextMarker()).build());
    assertThat(second.hostedZones()).extracting(z -> z.name()).containsExactly("z2.com.", "z3.com.");
    assertThat(bed.zones.getHostedZoneCount(bed.ctx, GetHostedZoneCountRequest.builder().build()).hostedZoneCount()).isEqualTo(5);
  }

  @Test
  void listHostedZonesByName_sortedByReversedLabels() {
    bed.zone("b.example.com");
    bed.zone("example.org");
    bed.zone("example.com");
    var resp = bed.listings.listHostedZonesByName(bed.ctx, ListHostedZonesByNameRequest.builder().build());
    assertThat(resp.hostedZones()).extracting(z -> z.name()).containsExactly("example.com.", "b.example.com.", "example.org.");
    var from = bed.listings.listHostedZonesByName(bed.ctx, ListHostedZonesByNameRequest.builder().dnsName("example.org").build());
    assertThat(from.hostedZones()).extracting(z -> z.name()).containsExactly("example.org.");
  }

  @Test
  void listHostedZonesByVpc_privateZonesOfVpc() {
    String id = privateZone("internal.example", "p1");
    bed.zone("public.example");
    var resp = bed.listings.listHostedZonesByVPC(bed.ctx, ListHostedZonesByVpcRequest.builder().vpcId("vpc-a")
        .vpcRegion("us-east-1").build());
    assertThat(resp.hostedZoneSummaries()).extracting(s -> "/hostedzone/" + s.hostedZoneId()).containsExactly(id);
  }

  @Test
  void updateHostedZoneComment_changesComment() {
    String id = bed.zone("example.com");
    var resp = bed.zones.updateHostedZoneComment(bed.ctx, UpdateHostedZoneCommentRequest.builder().id(id).comment("hi").build());
    assertThat(resp.hostedZone().config().comment()).isEqualTo("hi");
  }

  @Test
  @DisplayName("§38 a zone with records besides SOA/NS cannot be deleted")
  void deleteHostedZone_withRecords_hostedZoneNotEmpty() {
    String id = bed.zone("example.com");
    bed.change(id, Route53TestBed.change(ChangeAction.CREATE, Route53TestBed.a("www.example.com", 60, "192.0.2.1").build()));
    assertThatThrownBy(() -> bed.zones.deleteHostedZone(bed.ctx, DeleteHostedZoneRequest.builder().id(id).build()))
        .hasMessage("The specified hosted zone contains non-required resource record sets and so cannot be deleted.");
    bed.change(id, Route53TestBed.change(ChangeAction.DELETE, Route53TestBed.a("www.example.com", 60, "192.0.2.1").build()));
    bed.zones.deleteHostedZone(bed.ctx, DeleteHostedZoneRequest.builder().id(id).build());
    assertThat(bed.zones.getHostedZoneCount(bed.ctx, GetHostedZoneCountRequest.builder().build()).hostedZoneCount()).isZero();
  }

  @Test
  @DisplayName("§41 VPCs can be added; the last one cannot be removed")
  void disassociateVpc_lastVpc_refused() {
    String id = privateZone("internal.example", "p1");
    bed.vpcs.associateVPCWithHostedZone(bed.ctx, AssociateVpcWithHostedZoneRequest.builder().hostedZoneId(id).vpc(VPC_B).build());
    bed.vpcs.disassociateVPCFromHostedZone(bed.ctx, DisassociateVpcFromHostedZoneRequest.builder().hostedZoneId(id).vpc(VPC_A).build());
    assertThatThrownBy(() -> bed.vpcs.disassociateVPCFromHostedZone(bed.ctx,
        DisassociateVpcFromHostedZoneRequest.builder().hostedZoneId(id).vpc(VPC_B).build()))
        .extracting(e -> ((AwsException) e).code()).isEqualTo("LastVPCAssociation");
  }

  @Test
  void associateVpc_publicZone_refused() {
    String id = bed.zone("example.com");
    assertThatThrownBy(() -> bed.vpcs.associateVPCWithHostedZone(bed.ctx,
        AssociateVpcWithHostedZoneRequest.builder().hostedZoneId(id).vpc(VPC_A).build()))
        .extracting(e -> ((AwsException) e).code()).isEqualTo("PublicZoneVPCAssociation");
  }

  @Test
  void disassociateVpc_notAssociated_vpcAssociationNotFound() {
    String id = privateZone("internal.example", "p1");
    assertThatThrownBy(() -> bed.vpcs.disassociateVPCFromHostedZone(bed.ctx,
        DisassociateVpcFromHostedZoneRequest.builder().hostedZoneId(id).vpc(VPC_B).build()))
        .extracting(e -> ((AwsException) e).code()).isEqualTo("VPCAssociationNotFound");
  }

  @Test
  void createHostedZone_privateSameNameSameVpc_conflictingDomainExists() {
    privateZone("internal.example", "p1");
    assertThatThrownBy(() -> privateZone("internal.example", "p2"))
        .extracting(e -> ((AwsException) e).code()).isEqualTo("ConflictingDomainExists");
  }

  @Test
  void createHostedZone_privateWithoutVpc_invalidInput() {
    assertThatThrownBy(() -> bed.zones.createHostedZone(bed.ctx, CreateHostedZoneRequest.builder().name("x.example")
        .callerReference("r").hostedZoneConfig(HostedZoneConfig.builder().privateZone(true).build()).build()))
        .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidInput");
  }

  @Test
  void listHostedZones_privateFilter_onlyPrivate() {
    privateZone("internal.example", "p1");
    bed.zone("public.example");
    var resp = bed.zones.listHostedZones(bed.ctx, ListHostedZonesRequest.builder().hostedZoneType("PrivateHostedZone").build());
    assertThat(resp.hostedZones()).extracting(z -> z.name()).isEqualTo(List.of("internal.example."));
  }
}
