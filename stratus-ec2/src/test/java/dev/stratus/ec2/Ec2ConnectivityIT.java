package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/** Peering, transit gateway, VPN, NAT and endpoint shapes through the real SDK v2 Ec2Client. */
class Ec2ConnectivityIT {
  private static ApiTestServer server;
  private static Ec2Client ec2;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    ec2 = server.client(Ec2Client.builder());
  }

  @AfterAll
  static void stop() {
    ec2.close();
    server.close();
  }

  private static String vpc(String cidr) {
    return ec2.createVpc(r -> r.cidrBlock(cidr)).vpc().vpcId();
  }

  private static String subnet(String vpc, String cidr) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr)).subnet().subnetId();
  }

  @Test
  void peeringAndRoutes_roundTrip() {
    String a = vpc("10.10.0.0/16");
    String b = vpc("10.11.0.0/16");
    String pcx = ec2.createVpcPeeringConnection(r -> r.vpcId(a).peerVpcId(b)).vpcPeeringConnection()
        .vpcPeeringConnectionId();
    ec2.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
    var described = ec2.describeVpcPeeringConnections(r -> r.filters(Filter.builder().name("status-code")
        .values("active").build())).vpcPeeringConnections();
    assertThat(described).extracting(VpcPeeringConnection::vpcPeeringConnectionId).contains(pcx);
    String rtb = ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(a).build()))
        .routeTables().get(0).routeTableId();
    ec2.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.11.0.0/16").vpcPeeringConnectionId(pcx));
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes())
        .extracting(Route::vpcPeeringConnectionId).contains(pcx);
  }

  @Test
  void transitGatewayAndVpn_roundTrip() {
    var tgw = ec2.createTransitGateway(r -> r.description("hub")).transitGateway();
    assertThat(tgw.options().defaultRouteTableAssociationAsString()).isEqualTo("enable");
    String v = vpc("10.20.0.0/16");
    String att = ec2.createTransitGatewayVpcAttachment(r -> r.transitGatewayId(tgw.transitGatewayId()).vpcId(v)
        .subnetIds(subnet(v, "10.20.1.0/24"))).transitGatewayVpcAttachment().transitGatewayAttachmentId();
    String cgw = ec2.createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).bgpAsn(65010).ipAddress("198.51.100.7"))
        .customerGateway().customerGatewayId();
    var vpn = ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(cgw)
        .transitGatewayId(tgw.transitGatewayId()).options(o -> o.staticRoutesOnly(true))).vpnConnection();
    ec2.createVpnConnectionRoute(r -> r.vpnConnectionId(vpn.vpnConnectionId()).destinationCidrBlock("192.168.10.0/24"));
    var routes = ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(
        tgw.options().associationDefaultRouteTableId()).filters(Filter.builder().name("type").values("propagated")
        .build())).routes();
    assertThat(routes).extracting(TransitGatewayRoute::destinationCidrBlock)
        .containsExactlyInAnyOrder("10.20.0.0/16", "192.168.10.0/24");
    assertThat(ec2.describeTransitGatewayAttachments(r -> r.transitGatewayAttachmentIds(att))
        .transitGatewayAttachments().get(0).association().transitGatewayRouteTableId())
        .isEqualTo(tgw.options().associationDefaultRouteTableId());
    assertThat(ec2.describeVpnConnections(r -> r.vpnConnectionIds(vpn.vpnConnectionId())).vpnConnections().get(0)
        .vgwTelemetry()).hasSize(2);
  }

  @Test
  void natGatewayElasticIpAndEndpoints_roundTrip() {
    String v = vpc("10.30.0.0/16");
    String s = subnet(v, "10.30.1.0/24");
    String alloc = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
    var nat = ec2.createNatGateway(r -> r.subnetId(s).allocationId(alloc)).natGateway();
    assertThat(nat.natGatewayAddresses().get(0).privateIp()).isEqualTo("10.30.1.4");
    assertThat(ec2.describeNatGateways(r -> r.natGatewayIds(nat.natGatewayId())).natGateways().get(0).stateAsString())
        .isEqualTo("available");
    String rtb = ec2.createRouteTable(r -> r.vpcId(v)).routeTable().routeTableId();
    var ep = ec2.createVpcEndpoint(r -> r.vpcId(v).serviceName("com.amazonaws.us-east-1.dynamodb")
        .vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(rtb)).vpcEndpoint();
    assertThat(ec2.describeRouteTables(r -> r.routeTableIds(rtb)).routeTables().get(0).routes())
        .extracting(Route::destinationPrefixListId).contains("pl-02cd2c6b");
    assertThat(ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(ep.vpcEndpointId())).vpcEndpoints()).hasSize(1);
    assertThat(ec2.describeManagedPrefixLists(r -> r.prefixListIds("pl-02cd2c6b")).prefixLists().get(0)
        .prefixListName()).isEqualTo("com.amazonaws.us-east-1.dynamodb");
    assertThatThrownBy(() -> ec2.describeNatGateways(r -> r.natGatewayIds("nat-prod")))
        .isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NatGatewayMalformed"));
  }

  /**
   * The interfaces AWS creates for a NAT gateway and an interface endpoint are requester-managed
   * with the creating service's account as RequesterId (eu-west-1's NAT account from captured
   * DescribeNetworkInterfaces output; the endpoint's from the EC2 User Guide's example).
   */
  @Test
  void natGatewayAndEndpointInterfaces_showTheServiceAsRequester() {
    try (Ec2Client dublin = server.client(Ec2Client.builder(), software.amazon.awssdk.regions.Region.EU_WEST_1)) {
      String v = dublin.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
      String s = dublin.createSubnet(r -> r.vpcId(v).cidrBlock("10.50.1.0/24").availabilityZone("eu-west-1a"))
          .subnet().subnetId();
      String alloc = dublin.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
      String natEni = dublin.createNatGateway(r -> r.subnetId(s).allocationId(alloc)).natGateway()
          .natGatewayAddresses().get(0).networkInterfaceId();
      String endpointEni = dublin.createVpcEndpoint(r -> r.vpcId(v).vpcEndpointType(VpcEndpointType.INTERFACE)
          .serviceName("com.amazonaws.eu-west-1.sqs").subnetIds(s).privateDnsEnabled(false)).vpcEndpoint().networkInterfaceIds().get(0);

      var nat = dublin.describeNetworkInterfaces(r -> r.networkInterfaceIds(natEni)).networkInterfaces().get(0);
      // AWS answers nat_gateway (as captured); the SDK's enum spells it natGateway, so compare the string
      assertThat(nat.interfaceTypeAsString()).isEqualTo("nat_gateway");
      assertThat(nat.requesterManaged()).isTrue();
      assertThat(nat.requesterId()).isEqualTo("036872051663");
      var endpoint = dublin.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("requester-id")
          .values("727180483921").build())).networkInterfaces();
      assertThat(endpoint).extracting(NetworkInterface::networkInterfaceId).containsExactly(endpointEni);
      assertThat(endpoint.get(0).interfaceType()).isEqualTo(NetworkInterfaceType.VPC_ENDPOINT);
      assertThat(endpoint.get(0).requesterManaged()).isTrue();
    }
  }

  @Test
  void dryRun_answersDryRunOperation() {
    assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16").dryRun(true)))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
          assertThat(e.statusCode()).isEqualTo(412);
        });
  }
}
