package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.peering.VpcPeeringOperations;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** VPC peering lifecycle and refusals (vpc.md §25–28). */
class VpcPeeringTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final VpcPeeringOperations peering = new VpcPeeringOperations(f.store);

  @Test
  void create_thenAccept_pendingToActive_routeAllowed_deleteBlackholes() {
    String a = f.createVpc("10.0.0.0/16");
    String b = f.createVpc("10.1.0.0/16");
    var created = peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a)
        .peerVpcId(b).build()).vpcPeeringConnection();
    assertThat(created.status().codeAsString()).isEqualTo("initiating-request");
    String pcx = created.vpcPeeringConnectionId();
    assertThat(created.expirationTime()).isNotNull();
    var pending = describe(pcx);
    assertThat(pending.status().codeAsString()).isEqualTo("pending-acceptance");
    // until accepted AWS shows only the accepter's owner, VPC and Region; the requester's options always
    assertThat(pending.accepterVpcInfo().cidrBlock()).isNull();
    assertThat(pending.accepterVpcInfo().cidrBlockSet()).isEmpty();
    assertThat(pending.accepterVpcInfo().peeringOptions()).isNull();
    assertThat(pending.requesterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc()).isFalse();
    assertThat(pending.requesterVpcInfo().cidrBlock()).isEqualTo("10.0.0.0/16");
    peering.acceptVpcPeeringConnection(f.ctx, AcceptVpcPeeringConnectionRequest.builder().vpcPeeringConnectionId(pcx).build());
    assertThat(describe(pcx).status().codeAsString()).isEqualTo("active");
    assertThat(describe(pcx).accepterVpcInfo().cidrBlock()).isEqualTo("10.1.0.0/16");
    var options = describe(pcx).accepterVpcInfo().peeringOptions();
    assertThat(List.of(options.allowDnsResolutionFromRemoteVpc(), options.allowEgressFromLocalClassicLinkToRemoteVpc(),
        options.allowEgressFromLocalVpcToRemoteClassicLink())).containsOnly(false);
    String rtb = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().filters(
        Filter.builder().name("vpc-id").values(a).build()).build()).routeTables().get(0).routeTableId();
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("10.1.0.0/16")
        .vpcPeeringConnectionId(pcx).build());
    Ec2Fixture.refused(() -> peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder()
        .vpcId(a).peerVpcId(b).build()), "VpcPeeringConnectionAlreadyExists");
    peering.deleteVpcPeeringConnection(f.ctx, DeleteVpcPeeringConnectionRequest.builder().vpcPeeringConnectionId(pcx).build());
    assertThat(describe(pcx).status().codeAsString()).isEqualTo("deleted");
    var route = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(rtb).build())
        .routeTables().get(0).routes().get(1);
    assertThat(route.stateAsString()).isEqualTo("blackhole");
  }

  @Test
  void create_overlappingCidrs_failed() {
    String a = f.createVpc("10.0.0.0/16");
    String b = f.createVpc("10.0.0.0/24");
    var pcx = peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a).peerVpcId(b)
        .build()).vpcPeeringConnection();
    assertThat(pcx.status().codeAsString()).isEqualTo("failed");
    Ec2Fixture.refused(() -> peering.acceptVpcPeeringConnection(f.ctx, AcceptVpcPeeringConnectionRequest.builder()
        .vpcPeeringConnectionId(pcx.vpcPeeringConnectionId()).build()), "InvalidStateTransition");
  }

  @Test
  void interRegion_acceptedInPeerRegionOnly() {
    String a = f.createVpc("10.0.0.0/16");
    var west = f.in("eu-west-1");
    String b = f.vpcs.createVpc(west, CreateVpcRequest.builder().cidrBlock("10.2.0.0/16").build()).vpc().vpcId();
    String pcx = peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a)
        .peerVpcId(b).peerRegion("eu-west-1").build()).vpcPeeringConnection().vpcPeeringConnectionId();
    Ec2Fixture.refused(() -> peering.acceptVpcPeeringConnection(f.ctx, AcceptVpcPeeringConnectionRequest.builder()
        .vpcPeeringConnectionId(pcx).build()), "OperationNotPermitted");
    var accepted = peering.acceptVpcPeeringConnection(west, AcceptVpcPeeringConnectionRequest.builder()
        .vpcPeeringConnectionId(pcx).build()).vpcPeeringConnection();
    assertThat(accepted.accepterVpcInfo().region()).isEqualTo("eu-west-1");
    assertThat(describe(pcx).status().codeAsString()).isEqualTo("active");
  }

  @Test
  void describe_placeholderId_malformed_unknown_notFound() {
    Ec2Fixture.refused(() -> describe("pcx-prod"), "InvalidVpcPeeringConnectionId.Malformed");
    Ec2Fixture.refused(() -> describe("pcx-0123456789abcdef0"), "InvalidVpcPeeringConnectionID.NotFound");
  }

  private VpcPeeringConnection describe(String id) {
    return peering.describeVpcPeeringConnections(f.ctx, DescribeVpcPeeringConnectionsRequest.builder()
        .vpcPeeringConnectionIds(id).build()).vpcPeeringConnections().get(0);
  }

  @Test
  void securityGroupReference_otherVpc_onlyWhenPeeredInRegion() {
    String a = f.createVpc("10.0.0.0/16");
    String b = f.createVpc("10.1.0.0/16");
    String sgA = f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(a).groupName("a")
        .description("a").build()).groupId();
    String sgB = f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(b).groupName("b")
        .description("b").build()).groupId();
    var fromB = AuthorizeSecurityGroupIngressRequest.builder().groupId(sgA).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(80).toPort(80).userIdGroupPairs(UserIdGroupPair.builder().groupId(sgB).build())
        .build()).build();
    Ec2Fixture.refused(() -> f.groups.authorizeSecurityGroupIngress(f.ctx, fromB), "InvalidGroup.NotFound");
    String pcx = peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a)
        .peerVpcId(b).build()).vpcPeeringConnection().vpcPeeringConnectionId();
    peering.acceptVpcPeeringConnection(f.ctx, AcceptVpcPeeringConnectionRequest.builder().vpcPeeringConnectionId(pcx).build());
    f.groups.authorizeSecurityGroupIngress(f.ctx, fromB);
  }

  @Test
  void pendingRequest_afterSevenDays_expired() {
    String a = f.createVpc("10.0.0.0/16");
    String b = f.createVpc("10.1.0.0/16");
    String pcx = peering.createVpcPeeringConnection(f.ctx, CreateVpcPeeringConnectionRequest.builder().vpcId(a)
        .peerVpcId(b).build()).vpcPeeringConnection().vpcPeeringConnectionId();
    var later = new dev.stratus.core.RequestContext(f.ctx.accountId(), f.ctx.region(), "r",
        f.ctx.receivedAt().plus(java.time.Duration.ofDays(7)));
    assertThat(peering.describeVpcPeeringConnections(later, DescribeVpcPeeringConnectionsRequest.builder()
        .vpcPeeringConnectionIds(pcx).build()).vpcPeeringConnections().get(0).status().codeAsString()).isEqualTo("expired");
    Ec2Fixture.refused(() -> peering.acceptVpcPeeringConnection(later, AcceptVpcPeeringConnectionRequest.builder()
        .vpcPeeringConnectionId(pcx).build()), "InvalidStateTransition");
  }
}
