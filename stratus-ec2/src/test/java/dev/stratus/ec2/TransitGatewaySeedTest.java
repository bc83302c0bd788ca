package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.transit.TransitGatewayOperations;
import dev.stratus.ec2.transit.TransitGatewayRouteTableOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * The transit-gateway commands of seed 001 (create-transit-gateway, create-transit-gateway-vpc-attachment,
 * create-transit-gateway-route): with real ids they work, with the seed's placeholder ids they are refused
 * as malformed.
 */
class TransitGatewaySeedTest {
  private final Ec2Fixture f = new Ec2Fixture();
  private final TransitGatewayOperations tgws = new TransitGatewayOperations(f.store);

  private String subnet(String vpc, String cidr, String zone) {
    return f.subnets.createSubnet(f.ctx, CreateSubnetRequest.builder().vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)
        .build()).subnet().subnetId();
  }

  @Test
  void seedFlow_realIds_defaultTableAssociatesAndPropagates() {
    var tgw = tgws.createTransitGateway(f.ctx, CreateTransitGatewayRequest.builder().description("Central hub for all VPCs")
        .options(TransitGatewayRequestOptions.builder().defaultRouteTableAssociation("enable")
            .defaultRouteTablePropagation("enable").autoAcceptSharedAttachments("disable").build()).build())
        .transitGateway();
    assertThat(tgw.options().amazonSideAsn()).isEqualTo(64512L);
    String rtb = tgw.options().associationDefaultRouteTableId();
    String prod = f.createVpc("10.0.0.0/16");
    String staging = f.createVpc("10.1.0.0/16");
    tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayId(tgw.transitGatewayId()).vpcId(prod)
        .subnetIds(subnet(prod, "10.0.1.0/24", "us-east-1a"), subnet(prod, "10.0.2.0/24", "us-east-1b")).build());
    String stagingAtt = tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest.builder()
        .transitGatewayId(tgw.transitGatewayId()).vpcId(staging)
        .subnetIds(subnet(staging, "10.1.1.0/24", "us-east-1a")).build())
        .transitGatewayVpcAttachment().transitGatewayAttachmentId();
    var routes = new TransitGatewayRouteTableOperations(f.store).searchTransitGatewayRoutes(f.ctx, SearchTransitGatewayRoutesRequest.builder()
        .transitGatewayRouteTableId(rtb).filters(Filter.builder().name("type").values("propagated").build()).build()).routes();
    assertThat(routes).extracting(TransitGatewayRoute::destinationCidrBlock).containsExactly("10.0.0.0/16", "10.1.0.0/16");
    var created = new TransitGatewayRouteTableOperations(f.store).createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder()
        .transitGatewayRouteTableId(rtb).destinationCidrBlock("10.1.0.0/16").transitGatewayAttachmentId(stagingAtt).build());
    assertThat(created.route().typeAsString()).isEqualTo("static");
    var blackhole = new TransitGatewayRouteTableOperations(f.store).createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder()
        .transitGatewayRouteTableId(rtb).destinationCidrBlock("192.168.0.0/16").blackhole(true).build());
    assertThat(blackhole.route().stateAsString()).isEqualTo("blackhole");
    String vpcRtb = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().filters(
        Filter.builder().name("vpc-id").values(prod).build()).build()).routeTables().get(0).routeTableId();
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(vpcRtb).destinationCidrBlock("10.1.0.0/16")
        .transitGatewayId(tgw.transitGatewayId()).build());
    Ec2Fixture.refused(() -> f.vpcs.deleteVpc(f.ctx, DeleteVpcRequest.builder().vpcId(staging).build()),
        "DependencyViolation");
  }

  @Test
  void seedFlow_placeholderIds_refusedAsAws() {
    String tgw = tgws.createTransitGateway(f.ctx, CreateTransitGatewayRequest.builder().build()).transitGateway()
        .transitGatewayId();
    Ec2Fixture.refused(() -> tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest
        .builder().transitGatewayId(tgw).vpcId("vpc-prod-01").subnetIds("subnet-private-a", "subnet-private-b").build()),
        "InvalidVpcID.Malformed").hasMessage("Invalid id: \"vpc-prod-01\"");
    Ec2Fixture.refused(() -> tgws.createTransitGatewayVpcAttachment(f.ctx, CreateTransitGatewayVpcAttachmentRequest
        .builder().transitGatewayId("tgw-01234567890abcdef").vpcId("vpc-0123456789abcdef0")
        .subnetIds("subnet-0123456789abcdef0").build()), "InvalidTransitGatewayID.NotFound")
        .hasMessage("Transit Gateway tgw-01234567890abcdef was deleted or does not exist.");
    Ec2Fixture.refused(() -> new TransitGatewayRouteTableOperations(f.store).createTransitGatewayRoute(f.ctx, CreateTransitGatewayRouteRequest.builder()
        .transitGatewayRouteTableId("tgw-rtb-prod").destinationCidrBlock("10.1.0.0/16")
        .transitGatewayAttachmentId("tgw-attach-staging").build()), "InvalidRouteTableID.Malformed");
  }
}
