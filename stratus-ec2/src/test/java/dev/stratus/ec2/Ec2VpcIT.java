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

/** The VPC control plane through the real SDK v2 Ec2Client and the protocol layer's EC2 codec. */
class Ec2VpcIT {
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

  @Test
  void describeVpcs_newAccount_defaultVpcWithSubnets() {
    var vpcs = ec2.describeVpcs(DescribeVpcsRequest.builder().filters(Filter.builder().name("is-default").values("true")
        .build()).build()).vpcs();
    assertThat(vpcs).singleElement().satisfies(v -> assertThat(v.cidrBlock()).isEqualTo("172.31.0.0/16"));
    assertThat(ec2.describeSubnets(DescribeSubnetsRequest.builder().filters(Filter.builder().name("vpc-id")
        .values(vpcs.get(0).vpcId()).build()).build()).subnets()).hasSize(6);
  }

  @Test
  void createVpcSubnetRouteAndGroup_roundTrip() {
    String vpc = ec2.createVpc(CreateVpcRequest.builder().cidrBlock("10.20.0.0/16").tagSpecifications(
        TagSpecification.builder().resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value("prod").build())
            .build()).build()).vpc().vpcId();
    String subnet = ec2.createSubnet(CreateSubnetRequest.builder().vpcId(vpc).cidrBlock("10.20.1.0/24")
        .availabilityZone("us-east-1b").build()).subnet().subnetId();
    String igw = ec2.createInternetGateway(CreateInternetGatewayRequest.builder().build()).internetGateway()
        .internetGatewayId();
    ec2.attachInternetGateway(AttachInternetGatewayRequest.builder().vpcId(vpc).internetGatewayId(igw).build());
    String rtb = ec2.createRouteTable(CreateRouteTableRequest.builder().vpcId(vpc).build()).routeTable().routeTableId();
    ec2.createRoute(CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw).build());
    ec2.associateRouteTable(AssociateRouteTableRequest.builder().routeTableId(rtb).subnetId(subnet).build());
    String sg = ec2.createSecurityGroup(CreateSecurityGroupRequest.builder().vpcId(vpc).groupName("web")
        .description("web tier").build()).groupId();
    ec2.authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest.builder().groupId(sg).ipPermissions(
        IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()).build());
    var run = ec2.runInstances(RunInstancesRequest.builder().imageId("ami-0abcdef1234567890").minCount(1).maxCount(1)
        .subnetId(subnet).securityGroupIds(sg).build());
    assertThat(run.instances().get(0).privateIpAddress()).isEqualTo("10.20.1.4");
    var table = ec2.describeRouteTables(DescribeRouteTablesRequest.builder().routeTableIds(rtb).build()).routeTables().get(0);
    assertThat(table.routes()).extracting(Route::gatewayId).containsExactly("local", igw);
    assertThat(table.associations()).extracting(RouteTableAssociation::subnetId).containsExactly(subnet);
    assertThat(ec2.describeVpcs(DescribeVpcsRequest.builder().filters(Filter.builder().name("tag:Name").values("prod")
        .build()).build()).vpcs()).extracting(Vpc::vpcId).containsExactly(vpc);
  }

  @Test
  void describeVpcs_malformedId_awsErrorCodeAndMessage() {
    assertThatThrownBy(() -> ec2.describeVpcs(DescribeVpcsRequest.builder().vpcIds("vpc-prod-01").build()))
        .isInstanceOf(AwsServiceException.class)
        .satisfies(e -> {
          var ex = (AwsServiceException) e;
          assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.Malformed");
          assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Invalid id: \"vpc-prod-01\"");
          assertThat(ex.statusCode()).isEqualTo(400);
        });
  }
}
