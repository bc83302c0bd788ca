package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.vpc.DhcpOptionsOperations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** IPv6 in a VPC: /56 per VPC, /64 per subnet, defaults that allow IPv6, egress-only gateways (vpc.md §4, §16, §20). */
class Ipv6Test {
  private final Ec2Fixture f = new Ec2Fixture();

  @Test
  void amazonProvidedBlock_defaultsAllowIpv6_subnetTakesSlash64_eigwRouteIpv6Only() {
    var vpc = f.vpcs.createVpc(f.ctx, CreateVpcRequest.builder().cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)
        .build()).vpc();
    Cidr block = Cidr.parse(vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock());
    assertThat(block.prefixLength()).isEqualTo(56);
    var acl = f.acls.describeNetworkAcls(f.ctx, DescribeNetworkAclsRequest.builder().filters(Filter.builder()
        .name("vpc-id").values(vpc.vpcId()).build()).build()).networkAcls().get(0);
    assertThat(acl.entries()).extracting(NetworkAclEntry::ruleNumber).contains(101, 32768);
    var sg = f.groups.describeSecurityGroups(f.ctx, DescribeSecurityGroupsRequest.builder().filters(Filter.builder()
        .name("vpc-id").values(vpc.vpcId()).build()).build()).securityGroups().get(0);
    assertThat(sg.ipPermissionsEgress().get(0).ipv6Ranges()).extracting(Ipv6Range::cidrIpv6).containsExactly("::/0");
    String subnet = f.createSubnet(vpc.vpcId(), "10.0.1.0/24");
    String wrong = Cidr.formatAddress(block.base(), true) + "/60";
    Ec2Fixture.refused(() -> f.subnets.associateSubnetCidrBlock(f.ctx, AssociateSubnetCidrBlockRequest.builder()
        .subnetId(subnet).ipv6CidrBlock(wrong).build()), "InvalidSubnet.Range");
    String slash64 = Cidr.formatAddress(block.base(), true) + "/64";
    f.subnets.associateSubnetCidrBlock(f.ctx, AssociateSubnetCidrBlockRequest.builder().subnetId(subnet)
        .ipv6CidrBlock(slash64).build());
    String eigw = f.igws.createEgressOnlyInternetGateway(f.ctx, CreateEgressOnlyInternetGatewayRequest.builder()
        .vpcId(vpc.vpcId()).build()).egressOnlyInternetGateway().egressOnlyInternetGatewayId();
    String rtb = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc.vpcId()).build())
        .routeTable().routeTableId();
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("0.0.0.0/0").egressOnlyInternetGatewayId(eigw).build()), "InvalidParameterValue");
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationIpv6CidrBlock("::/0")
        .egressOnlyInternetGatewayId(eigw).build());
    var routes = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(rtb).build())
        .routeTables().get(0).routes();
    assertThat(routes).extracting(Route::destinationIpv6CidrBlock).contains(block.toString(), "::/0");
  }

  @Test
  void dhcpOptions_createAssociateDelete_inUseRefused() {
    var dhcp = new DhcpOptionsOperations(f.store);
    String vpc = f.createVpc("10.0.0.0/16");
    String id = dhcp.createDhcpOptions(f.ctx, CreateDhcpOptionsRequest.builder().dhcpConfigurations(
        NewDhcpConfiguration.builder().key("domain-name").values("corp.example").build()).build())
        .dhcpOptions().dhcpOptionsId();
    dhcp.associateDhcpOptions(f.ctx, AssociateDhcpOptionsRequest.builder().vpcId(vpc).dhcpOptionsId(id).build());
    Ec2Fixture.refused(() -> dhcp.deleteDhcpOptions(f.ctx, DeleteDhcpOptionsRequest.builder().dhcpOptionsId(id).build()),
        "DependencyViolation");
    dhcp.associateDhcpOptions(f.ctx, AssociateDhcpOptionsRequest.builder().vpcId(vpc).dhcpOptionsId("default").build());
    dhcp.deleteDhcpOptions(f.ctx, DeleteDhcpOptionsRequest.builder().dhcpOptionsId(id).build());
  }
}
