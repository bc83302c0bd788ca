package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Every request parameter that names another resource, with AWS's refusal when that resource does
 * not exist: error code, message and HTTP status, through the SDK, including Route 53's check of
 * an EC2 VPC. One row per parameter; the resources that do exist (a VPC, subnet, group, route
 * table, interface) are made first so that only the named reference is wrong.
 */
class ReferencedIdRefusalsIT {
  private static final String NO_VPC = "vpc-0123456789abcdef0", NO_SUBNET = "subnet-0123456789abcdef0",
      NO_SG = "sg-0123456789abcdef0", NO_IGW = "igw-0123456789abcdef0", NO_NAT = "nat-0123456789abcdef0",
      NO_PCX = "pcx-0123456789abcdef0", NO_TGW = "tgw-0123456789abcdef0", NO_ENI = "eni-0123456789abcdef0",
      NO_PL = "pl-0123456789abcdef0", NO_EIP = "eipalloc-0123456789abcdef0", NO_RTB = "rtb-0123456789abcdef0",
      NO_VGW = "vgw-0123456789abcdef0", NO_INSTANCE = "i-0123456789abcdef0";

  private static ApiTestServer server;
  private static Ec2Client ec2;
  private static Route53Client route53;
  private static String vpc, subnet, sg, rtb, zone, tgw, igw;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Route53Module());
    ec2 = server.client(Ec2Client.builder());
    route53 = server.client(Route53Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
    rtb = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
    igw = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    tgw = ec2.createTransitGateway(r -> r.description("t")).transitGateway().transitGatewayId();
    zone = route53.createHostedZone(r -> r.name("private.example").callerReference("z").vpc(v -> v.vpcId(vpc)
        .vpcRegion(VPCRegion.US_EAST_1))).hostedZone().id();
  }

  @AfterAll
  static void stop() {
    if (ec2 != null) ec2.close();
    if (route53 != null) route53.close();
    if (server != null) server.close();
  }

  /** One parameter naming a resource, the call that names a missing one, and AWS's answer. */
  record Row(String parameter, Consumer<Void> call, String code, String message, int status) {}

  private static Row ec2(String parameter, Consumer<Ec2Client> call, String code, String message) {
    return new Row(parameter, v -> call.accept(ec2), code, message, 400);
  }

  private static List<Row> rows() {
    String invalidVpc = "The VPC ID is invalid.";
    return List.of(
        new Row("route53 CreateHostedZone VPC.VPCId", v -> route53.createHostedZone(r -> r.name("other.example")
            .callerReference("c1").vpc(x -> x.vpcId(NO_VPC).vpcRegion(VPCRegion.US_EAST_1))), "InvalidVPCId", invalidVpc, 400),
        new Row("route53 CreateHostedZone VPC.VPCRegion (VPC in another Region)", v -> route53.createHostedZone(r -> r
            .name("other.example").callerReference("c2").vpc(x -> x.vpcId(vpc).vpcRegion(VPCRegion.EU_WEST_1))),
            "InvalidVPCId", invalidVpc, 400),
        new Row("route53 AssociateVPCWithHostedZone VPC.VPCId", v -> route53.associateVPCWithHostedZone(r -> r
            .hostedZoneId(zone).vpc(x -> x.vpcId(NO_VPC).vpcRegion(VPCRegion.US_EAST_1))), "InvalidVPCId", invalidVpc, 400),
        ec2("CreateSubnet VpcId", c -> c.createSubnet(r -> r.vpcId(NO_VPC).cidrBlock("10.0.2.0/24")),
            "InvalidVpcID.NotFound", "The vpc ID '" + NO_VPC + "' does not exist"),
        ec2("CreateSecurityGroup VpcId", c -> c.createSecurityGroup(r -> r.vpcId(NO_VPC).groupName("g").description("g")),
            "InvalidVpcID.NotFound", "The vpc ID '" + NO_VPC + "' does not exist"),
        ec2("CreateRouteTable VpcId", c -> c.createRouteTable(r -> r.vpcId(NO_VPC)),
            "InvalidVpcID.NotFound", "The vpc ID '" + NO_VPC + "' does not exist"),
        ec2("AttachInternetGateway VpcId", c -> {
          String igw = c.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
          c.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(NO_VPC));
        }, "InvalidVpcID.NotFound", "The vpc ID '" + NO_VPC + "' does not exist"),
        ec2("CreateNetworkInterface SubnetId", c -> c.createNetworkInterface(r -> r.subnetId(NO_SUBNET)),
            "InvalidSubnetID.NotFound", "The subnet ID '" + NO_SUBNET + "' does not exist"),
        ec2("CreateNetworkInterface SecurityGroupId", c -> c.createNetworkInterface(r -> r.subnetId(subnet).groups(NO_SG)),
            "InvalidGroup.NotFound", "The security group '" + NO_SG + "' does not exist"),
        ec2("RunInstances SubnetId", c -> c.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)
            .subnetId(NO_SUBNET)), "InvalidSubnetID.NotFound", "The subnet ID '" + NO_SUBNET + "' does not exist"),
        ec2("AssociateRouteTable SubnetId", c -> c.associateRouteTable(r -> r.routeTableId(rtb).subnetId(NO_SUBNET)),
            "InvalidSubnetID.NotFound", "The subnet ID '" + NO_SUBNET + "' does not exist"),
        ec2("AssociateRouteTable RouteTableId", c -> c.associateRouteTable(r -> r.routeTableId(NO_RTB).subnetId(subnet)),
            "InvalidRouteTableID.NotFound", "The routeTable ID '" + NO_RTB + "' does not exist"),
        ec2("CreateRoute GatewayId", c -> c.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")
            .gatewayId(NO_IGW)), "InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + NO_IGW + "' does not exist"),
        ec2("CreateRoute NatGatewayId", c -> c.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")
            .natGatewayId(NO_NAT)), "NatGatewayNotFound", "NAT gateway " + NO_NAT + " was not found"),
        ec2("CreateRoute VpcPeeringConnectionId", c -> c.createRoute(r -> r.routeTableId(rtb)
            .destinationCidrBlock("10.9.0.0/16").vpcPeeringConnectionId(NO_PCX)), "InvalidVpcPeeringConnectionID.NotFound",
            "The vpcPeeringConnection ID '" + NO_PCX + "' does not exist"),
        ec2("CreateRoute TransitGatewayId", c -> c.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.9.0.0/16")
            .transitGatewayId(NO_TGW)), "InvalidTransitGatewayID.NotFound", "Transit Gateway " + NO_TGW + " was deleted or does not exist."),
        ec2("CreateRoute NetworkInterfaceId", c -> c.createRoute(r -> r.routeTableId(rtb).destinationCidrBlock("10.9.0.0/16")
            .networkInterfaceId(NO_ENI)), "InvalidNetworkInterfaceID.NotFound",
            "The network interface ID '" + NO_ENI + "' does not exist"),
        ec2("CreateRoute DestinationPrefixListId", c -> c.createRoute(r -> r.routeTableId(rtb).destinationPrefixListId(NO_PL)
            .gatewayId(igw)), "InvalidPrefixListID.NotFound", "The prefixList ID '" + NO_PL + "' does not exist"),
        ec2("AuthorizeSecurityGroupIngress UserIdGroupPairs.GroupId", c -> c.authorizeSecurityGroupIngress(r -> r
            .groupId(sg).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80).userIdGroupPairs(g -> g.groupId(NO_SG)))),
            "InvalidGroup.NotFound", "The security group '" + NO_SG + "' does not exist"),
        ec2("AuthorizeSecurityGroupIngress PrefixListIds", c -> c.authorizeSecurityGroupIngress(r -> r.groupId(sg)
            .ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80).prefixListIds(x -> x.prefixListId(NO_PL)))),
            "InvalidPrefixListID.NotFound", "The prefixList ID '" + NO_PL + "' does not exist"),
        ec2("CreateVpcEndpoint ServiceName", c -> c.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
            .serviceName("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0").subnetIds(subnet)), "InvalidServiceName",
            "The Vpc Endpoint Service 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' does not exist"),
        ec2("CreateVpcEndpoint SubnetIds", c -> c.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
            .serviceName("com.amazonaws.us-east-1.ec2").privateDnsEnabled(false).subnetIds(NO_SUBNET)),
            "InvalidSubnetID.NotFound", "The subnet ID '" + NO_SUBNET + "' does not exist"),
        ec2("CreateNatGateway AllocationId", c -> c.createNatGateway(r -> r.subnetId(subnet).allocationId(NO_EIP)),
            "InvalidAllocationID.NotFound", "Allocation ID '" + NO_EIP + "' not found."),
        ec2("CreateTransitGatewayVpcAttachment SubnetIds", c -> c.createTransitGatewayVpcAttachment(r -> r
            .transitGatewayId(tgw).vpcId(vpc).subnetIds(NO_SUBNET)),
            "InvalidSubnetID.NotFound", "The subnet ID '" + NO_SUBNET + "' does not exist"),
        ec2("CreateTransitGatewayVpcAttachment TransitGatewayId", c -> c.createTransitGatewayVpcAttachment(r -> r
            .transitGatewayId(NO_TGW).vpcId(vpc).subnetIds(subnet)),
            "InvalidTransitGatewayID.NotFound", "Transit Gateway " + NO_TGW + " was deleted or does not exist."),
        ec2("AttachVpnGateway VpnGatewayId", c -> c.attachVpnGateway(r -> r.vpnGatewayId(NO_VGW).vpcId(vpc)),
            "InvalidVpnGatewayID.NotFound", "The virtual private gateway ID '" + NO_VGW + "' does not exist"),
        ec2("AssociateAddress InstanceId", c -> {
          String alloc = c.allocateAddress(r -> { }).allocationId();
          c.associateAddress(r -> r.allocationId(alloc).instanceId(NO_INSTANCE));
        }, "InvalidInstanceID.NotFound", "The instance ID '" + NO_INSTANCE + "' does not exist"));
  }

  @Test
  void everyReferencedId_refusedAsAws() {
    List<String> wrong = new ArrayList<>();
    for (Row row : rows()) {
      AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> row.call().accept(null));
      String got = e == null ? "accepted" : e.awsErrorDetails().errorCode() + " | " + e.awsErrorDetails().errorMessage()
          + " | " + e.statusCode();
      String want = row.code() + " | " + row.message() + " | " + row.status();
      if (!got.equals(want)) wrong.add(row.parameter() + ": got " + got + ", AWS " + want);
    }
    assertThat(wrong).isEmpty();
  }
}
