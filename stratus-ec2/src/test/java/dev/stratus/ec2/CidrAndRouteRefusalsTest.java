package dev.stratus.ec2;

import dev.stratus.ec2.interfaces.NetworkInterfaceOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** More vpc.md refusals through the handlers: secondary CIDR rules (§2–3), reserved routes (§8), group names (§17). */
class CidrAndRouteRefusalsTest {
  private final Ec2Fixture f = new Ec2Fixture();

  private void associate(String vpc, String cidr) {
    f.vpcs.associateVpcCidrBlock(f.ctx, AssociateVpcCidrBlockRequest.builder().vpcId(vpc).cidrBlock(cidr).build());
  }

  @Test
  void secondaryCidr_overlap_routeConflict_linkLocal_andQuotaOfFive() {
    String vpc = f.createVpc("10.0.0.0/16");
    Ec2Fixture.refused(() -> associate(vpc, "10.0.128.0/17"), "CidrConflict");
    Ec2Fixture.refused(() -> associate(vpc, "169.254.0.0/16"), "InvalidVpc.Range");
    Ec2Fixture.refused(() -> associate(vpc, "10.1.0.0/8"), "InvalidVpc.Range");
    String rtb = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().filters(Filter.builder()
        .name("vpc-id").values(vpc).build()).build()).routeTables().get(0).routeTableId();
    String eni = new NetworkInterfaceOperations(f.store).createNetworkInterface(f.ctx, CreateNetworkInterfaceRequest
        .builder().subnetId(f.createSubnet(vpc, "10.0.1.0/24")).build()).networkInterface().networkInterfaceId();
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("10.9.0.0/24")
        .networkInterfaceId(eni).build());
    Ec2Fixture.refused(() -> associate(vpc, "10.9.0.0/24"), "CidrConflict");
    associate(vpc, "10.9.0.0/25");
    associate(vpc, "10.2.0.0/16");
    associate(vpc, "10.3.0.0/16");
    associate(vpc, "10.4.0.0/16");
    Ec2Fixture.refused(() -> associate(vpc, "10.5.0.0/16"), "CidrLimitExceeded");
  }

  @Test
  void route_toAwsReservedRange_refused_wholeSubnetViaEniAllowed() {
    String vpc = f.createVpc("10.0.0.0/16");
    String subnet = f.createSubnet(vpc, "10.0.1.0/24");
    String eni = new NetworkInterfaceOperations(f.store).createNetworkInterface(f.ctx, CreateNetworkInterfaceRequest
        .builder().subnetId(subnet).build()).networkInterface().networkInterfaceId();
    String rtb = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc).build()).routeTable()
        .routeTableId();
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("169.254.169.0/24").networkInterfaceId(eni).build()), "InvalidParameterValue");
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("10.0.1.0/25").networkInterfaceId(eni).build()), "InvalidParameterValue");
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("10.0.1.0/24")
        .networkInterfaceId(eni).build());
    Ec2Fixture.refused(() -> f.routeTables.deleteRouteTable(f.ctx, DeleteRouteTableRequest.builder().routeTableId(
        f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().filters(Filter.builder()
            .name("vpc-id").values(vpc).build(), Filter.builder().name("association.main").values("true").build()).build())
            .routeTables().get(0).routeTableId()).build()), "DependencyViolation");
  }

  @Test
  void securityGroupName_sgPrefix_refused_andUnknownVpcNotFound() {
    String vpc = f.createVpc("10.0.0.0/16");
    Ec2Fixture.refused(() -> f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc)
        .groupName("sg-web").description("d").build()), "InvalidParameterValue");
    Ec2Fixture.refused(() -> f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder()
        .vpcId("vpc-0123456789abcdef0").groupName("web").description("d").build()), "InvalidVpcID.NotFound");
  }
}
