package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import tools.jackson.databind.JsonNode;

/**
 * The three commands issue 16 names, through the AWS CLI (the SDK where the CLI is too old), answering as the API reference shows:
 * get-security-groups-for-vpc (API_GetSecurityGroupsForVpc), describe-availability-zones
 * (API_AvailabilityZone) and describe-vpc-peering-connections (API_VpcPeeringConnectionVpcInfo).
 */
class ApiReferenceShapesCliIT {
  private static ApiTestServer server;
  private static AwsCli cli;
  private static String vpc, peer, group;

  @BeforeAll
  static void start() {
    assumeTrue(AwsCli.present(), "aws CLI not installed");
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      vpc = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
      peer = ec2.createVpc(r -> r.cidrBlock("10.21.0.0/16")).vpc().vpcId();
      group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web tier")).groupId();
    }
    cli = new AwsCli(server.endpoint(), "us-east-1");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** Debian's CLI 2.9 predates get-security-groups-for-vpc (and GroupLongName): the SDK asks. */
  @Test
  void getSecurityGroupsForVpc_theVpcsGroupsWithPrimaryVpc() {
    try (Ec2Client ec2 = server.client(Ec2Client.builder())) {
      var groups = ec2.getSecurityGroupsForVpc(r -> r.vpcId(vpc)).securityGroupForVpcs();
      assertThat(groups).hasSize(2); // default + web
      var web = groups.stream().filter(g -> g.groupId().equals(group)).findFirst().orElseThrow();
      assertThat(web.groupName()).isEqualTo("web");
      assertThat(web.description()).isEqualTo("web tier");
      assertThat(web.ownerId()).isEqualTo("000000000000");
      assertThat(web.primaryVpcId()).isEqualTo(vpc);
      assertThat(ec2.getSecurityGroupsForVpc(r -> r.vpcId(vpc).filters(f -> f.name("group-name").values("web")))
          .securityGroupForVpcs()).hasSize(1);
      assertThatThrownBy(() -> ec2.getSecurityGroupsForVpc(r -> r.vpcId("vpc-0123456789abcdef0")))
          .hasMessageContaining("The vpc ID 'vpc-0123456789abcdef0' does not exist");
    }
  }

  @Test
  void describeAvailabilityZones_zoneGroupAndBorderGroup() throws Exception {
    JsonNode a = cli.ok("ec2", "describe-availability-zones", "--zone-names", "us-east-1a").get("AvailabilityZones").get(0);
    assertThat(a.get("ZoneId").asString()).isEqualTo("use1-az6");
    assertThat(a.get("GroupName").asString()).isEqualTo("us-east-1-zg-1");
    assertThat(a.get("NetworkBorderGroup").asString()).isEqualTo("us-east-1");
    assertThat(a.get("ZoneType").asString()).isEqualTo("availability-zone");
    assertThat(a.get("OptInStatus").asString()).isEqualTo("opt-in-not-required");
    assertThat(a.get("Messages")).isEmpty();
    assertThat(cli.ok("ec2", "describe-availability-zones", "--all-availability-zones").get("AvailabilityZones")).hasSize(6);
  }

  @Test
  void describeVpcPeeringConnections_pendingHidesAccepterCidr_activeShowsOptions() throws Exception {
    String pcx = cli.ok("ec2", "create-vpc-peering-connection", "--vpc-id", vpc, "--peer-vpc-id", peer)
        .get("VpcPeeringConnection").get("VpcPeeringConnectionId").asString();
    JsonNode pending = cli.ok("ec2", "describe-vpc-peering-connections", "--vpc-peering-connection-ids", pcx)
        .get("VpcPeeringConnections").get(0);
    assertThat(pending.get("Status").get("Code").asString()).isEqualTo("pending-acceptance");
    assertThat(pending.get("AccepterVpcInfo").has("CidrBlock")).isFalse();
    assertThat(pending.get("AccepterVpcInfo").has("PeeringOptions")).isFalse();
    assertThat(pending.get("RequesterVpcInfo").get("PeeringOptions").get("AllowDnsResolutionFromRemoteVpc").asBoolean())
        .isFalse();
    cli.ok("ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", pcx);
    JsonNode active = cli.ok("ec2", "describe-vpc-peering-connections", "--vpc-peering-connection-ids", pcx)
        .get("VpcPeeringConnections").get(0);
    assertThat(active.get("AccepterVpcInfo").get("CidrBlock").asString()).isEqualTo("10.21.0.0/16");
    JsonNode options = active.get("AccepterVpcInfo").get("PeeringOptions");
    assertThat(options.get("AllowDnsResolutionFromRemoteVpc").asBoolean()).isFalse();
    assertThat(options.get("AllowEgressFromLocalClassicLinkToRemoteVpc").asBoolean()).isFalse();
    assertThat(options.get("AllowEgressFromLocalVpcToRemoteClassicLink").asBoolean()).isFalse();
  }
}
