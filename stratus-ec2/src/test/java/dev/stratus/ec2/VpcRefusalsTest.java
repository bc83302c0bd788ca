package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.ec2.gateways.ElasticIpOperations;
import dev.stratus.ec2.gateways.NatGatewayOperations;
import dev.stratus.ec2.interfaces.InstanceOperations;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** One test per vpc.md refusal that has an AWS error code, through the handlers over a MemoryStore. */
class VpcRefusalsTest {
  private final Ec2Fixture f = new Ec2Fixture();

  @Test
  void createVpc_slash8_invalidVpcRange() {
    Ec2Fixture.refused(() -> f.createVpc("10.0.0.0/8"), "InvalidVpc.Range").hasMessage("The CIDR '10.0.0.0/8' is invalid.");
  }

  @Test
  void createVpc_hostBitsSet_canonicalised() {
    String id = f.createVpc("100.68.0.18/18");
    assertThat(f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().vpcIds(id).build()).vpcs().get(0).cidrBlock())
        .isEqualTo("100.68.0.0/18");
  }

  @Test
  void describeVpcs_placeholderId_malformed() {
    Ec2Fixture.refused(() -> f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().vpcIds("vpc-prod-01").build()),
        "InvalidVpcID.Malformed").hasMessage("Invalid id: \"vpc-prod-01\"");
  }

  @Test
  void describeVpcs_unknownId_notFound() {
    Ec2Fixture.refused(() -> f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder()
        .vpcIds("vpc-0123456789abcdef0").build()), "InvalidVpcID.NotFound")
        .hasMessage("The vpc ID 'vpc-0123456789abcdef0' does not exist");
  }

  @Test
  void associateVpcCidrBlock_otherRfc1918Family_refused_sameFamilyAddsLocalRoute() {
    String vpc = f.createVpc("10.0.0.0/16");
    Ec2Fixture.refused(() -> f.vpcs.associateVpcCidrBlock(f.ctx, AssociateVpcCidrBlockRequest.builder().vpcId(vpc)
        .cidrBlock("192.168.0.0/16").build()), "InvalidVpc.Range");
    f.vpcs.associateVpcCidrBlock(f.ctx, AssociateVpcCidrBlockRequest.builder().vpcId(vpc).cidrBlock("10.1.0.0/16").build());
    var table = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder()
        .filters(Filter.builder().name("vpc-id").values(vpc).build()).build()).routeTables().get(0);
    assertThat(table.routes()).extracting(Route::destinationCidrBlock).containsExactly("10.0.0.0/16", "10.1.0.0/16");
  }

  @Test
  void disassociateVpcCidrBlock_primary_refused() {
    String vpc = f.createVpc("10.0.0.0/16");
    String assoc = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().vpcIds(vpc).build()).vpcs().get(0)
        .cidrBlockAssociationSet().get(0).associationId();
    Ec2Fixture.refused(() -> f.vpcs.disassociateVpcCidrBlock(f.ctx, DisassociateVpcCidrBlockRequest.builder()
        .associationId(assoc).build()), "OperationNotPermitted");
  }

  @Test
  void deleteVpc_withSubnet_dependencyViolation_thenSucceedsAfterDelete() {
    String vpc = f.createVpc("10.0.0.0/16");
    String subnet = f.createSubnet(vpc, "10.0.1.0/24");
    Ec2Fixture.refused(() -> f.vpcs.deleteVpc(f.ctx, DeleteVpcRequest.builder().vpcId(vpc).build()), "DependencyViolation")
        .hasMessage("The vpc '" + vpc + "' has dependencies and cannot be deleted.");
    f.subnets.deleteSubnet(f.ctx, DeleteSubnetRequest.builder().subnetId(subnet).build());
    f.vpcs.deleteVpc(f.ctx, DeleteVpcRequest.builder().vpcId(vpc).build());
  }

  @Test
  void createSubnet_outsideVpc_range_overlap_conflict() {
    String vpc = f.createVpc("10.0.0.0/16");
    Ec2Fixture.refused(() -> f.createSubnet(vpc, "10.1.0.0/24"), "InvalidSubnet.Range");
    Ec2Fixture.refused(() -> f.createSubnet(vpc, "10.0.0.0/29"), "InvalidSubnet.Range");
    f.createSubnet(vpc, "10.0.1.0/24");
    Ec2Fixture.refused(() -> f.createSubnet(vpc, "10.0.1.128/25"), "InvalidSubnet.Conflict")
        .hasMessage("The CIDR '10.0.1.128/25' conflicts with another subnet");
  }

  @Test
  void createSubnet_slash28_elevenAvailable() {
    String vpc = f.createVpc("10.0.0.0/16");
    String id = f.createSubnet(vpc, "10.0.1.0/28");
    assertThat(f.subnets.describeSubnets(f.ctx, DescribeSubnetsRequest.builder().subnetIds(id).build()).subnets().get(0)
        .availableIpAddressCount()).isEqualTo(11);
  }

  @Test
  void routes_duplicate_missing_local_andIgwOfOtherVpc() {
    String vpc = f.createVpc("10.0.0.0/16");
    String igw = f.igws.createInternetGateway(f.ctx, CreateInternetGatewayRequest.builder().build())
        .internetGateway().internetGatewayId();
    String rtb = f.routeTables.createRouteTable(f.ctx, CreateRouteTableRequest.builder().vpcId(vpc).build())
        .routeTable().routeTableId();
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("0.0.0.0/0").gatewayId(igw).build()), "InvalidParameterValue")
        .hasMessage("route table " + rtb + " and network gateway " + igw + " belong to different networks");
    f.igws.attachInternetGateway(f.ctx, AttachInternetGatewayRequest.builder().vpcId(vpc).internetGatewayId(igw).build());
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("0.0.0.0/0")
        .gatewayId(igw).build());
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("0.0.0.0/0").gatewayId(igw).build()), "RouteAlreadyExists")
        .hasMessage("The route identified by 0.0.0.0/0 already exists");
    Ec2Fixture.refused(() -> f.routeTables.deleteRoute(f.ctx, DeleteRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("10.9.0.0/16").build()), "InvalidRoute.NotFound");
    Ec2Fixture.refused(() -> f.routeTables.deleteRoute(f.ctx, DeleteRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("10.0.0.0/16").build()), "InvalidParameterValue");
    Ec2Fixture.refused(() -> f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb)
        .destinationCidrBlock("10.0.5.0/24").gatewayId(igw).build()), "InvalidParameterValue");
    Ec2Fixture.refused(() -> f.igws.attachInternetGateway(f.ctx, AttachInternetGatewayRequest.builder().vpcId(vpc)
        .internetGatewayId(igw).build()), "Resource.AlreadyAssociated");
    Ec2Fixture.refused(() -> f.igws.deleteInternetGateway(f.ctx, DeleteInternetGatewayRequest.builder()
        .internetGatewayId(igw).build()), "DependencyViolation");
    f.igws.detachInternetGateway(f.ctx, DetachInternetGatewayRequest.builder().vpcId(vpc).internetGatewayId(igw).build());
    var routes = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(rtb).build())
        .routeTables().get(0).routes();
    assertThat(routes.get(1).stateAsString()).isEqualTo("blackhole");
    Ec2Fixture.refused(() -> f.igws.detachInternetGateway(f.ctx, DetachInternetGatewayRequest.builder().vpcId(vpc)
        .internetGatewayId(igw).build()), "Gateway.NotAttached");
  }

  @Test
  void securityGroups_newGroupOutboundOnly_duplicateRule_missingRule_defaultUndeletable_inUse() {
    String vpc = f.createVpc("10.0.0.0/16");
    String sg = f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc).groupName("web")
        .description("web").build()).groupId();
    var created = f.groups.describeSecurityGroups(f.ctx, DescribeSecurityGroupsRequest.builder().groupIds(sg).build())
        .securityGroups().get(0);
    assertThat(created.ipPermissions()).isEmpty();
    assertThat(created.ipPermissionsEgress()).hasSize(1);
    IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder().groupId(sg)
        .ipPermissions(ssh).build());
    Ec2Fixture.refused(() -> f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder()
        .groupId(sg).ipPermissions(ssh).build()), "InvalidPermission.Duplicate");
    f.groups.revokeSecurityGroupIngress(f.ctx, RevokeSecurityGroupIngressRequest.builder().groupId(sg).ipPermissions(ssh).build());
    Ec2Fixture.refused(() -> f.groups.revokeSecurityGroupIngress(f.ctx, RevokeSecurityGroupIngressRequest.builder()
        .groupId(sg).ipPermissions(ssh).build()), "InvalidPermission.NotFound");
    Ec2Fixture.refused(() -> f.groups.createSecurityGroup(f.ctx, CreateSecurityGroupRequest.builder().vpcId(vpc)
        .groupName("web").description("again").build()), "InvalidGroup.Duplicate");
    String def = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().vpcIds(vpc).build()).vpcs().get(0).vpcId();
    String defaultSg = f.groups.describeSecurityGroups(f.ctx, DescribeSecurityGroupsRequest.builder().filters(
        Filter.builder().name("vpc-id").values(def).build(), Filter.builder().name("group-name").values("default").build())
        .build()).securityGroups().get(0).groupId();
    Ec2Fixture.refused(() -> f.groups.deleteSecurityGroup(f.ctx, DeleteSecurityGroupRequest.builder().groupId(defaultSg)
        .build()), "CannotDelete");
    f.groups.authorizeSecurityGroupIngress(f.ctx, AuthorizeSecurityGroupIngressRequest.builder().groupId(defaultSg)
        .ipPermissions(IpPermission.builder().ipProtocol("-1").userIdGroupPairs(UserIdGroupPair.builder().groupId(sg)
            .build()).build()).build());
    Ec2Fixture.refused(() -> f.groups.deleteSecurityGroup(f.ctx, DeleteSecurityGroupRequest.builder().groupId(sg).build()),
        "DependencyViolation");
    Ec2Fixture.refused(() -> f.groups.describeSecurityGroups(f.ctx, DescribeSecurityGroupsRequest.builder()
        .groupIds("sg-0123456789abcdef0").build()), "InvalidGroup.NotFound");
  }

  @Test
  void networkAcl_customDeniesAll_duplicateEntry_ruleNumberRange() {
    String vpc = f.createVpc("10.0.0.0/16");
    String acl = f.acls.createNetworkAcl(f.ctx, CreateNetworkAclRequest.builder().vpcId(vpc).build()).networkAcl().networkAclId();
    var entries = f.acls.describeNetworkAcls(f.ctx, DescribeNetworkAclsRequest.builder().networkAclIds(acl).build())
        .networkAcls().get(0).entries();
    assertThat(entries).extracting(NetworkAclEntry::ruleNumber).containsOnly(32767);
    var entry = CreateNetworkAclEntryRequest.builder().networkAclId(acl).ruleNumber(100).protocol("tcp").ruleAction("allow")
        .egress(false).cidrBlock("0.0.0.0/0").portRange(PortRange.builder().from(443).to(443).build());
    f.acls.createNetworkAclEntry(f.ctx, entry.build());
    Ec2Fixture.refused(() -> f.acls.createNetworkAclEntry(f.ctx, entry.build()), "NetworkAclEntryAlreadyExists");
    Ec2Fixture.refused(() -> f.acls.createNetworkAclEntry(f.ctx, entry.ruleNumber(32767).build()), "InvalidParameterValue");
  }

  @Test
  void runInstances_defaultSubnet_privateAndPublicIp_terminateFreesAddress() {
    var r = new InstanceOperations(f.store).runInstances(f.ctx, RunInstancesRequest.builder().imageId("ami-12345678")
        .minCount(1).maxCount(2).build());
    assertThat(r.instances()).hasSize(2);
    assertThat(r.instances().get(0).privateIpAddress()).isEqualTo("172.31.0.4");
    assertThat(r.instances().get(0).publicIpAddress()).isNotNull();
    Ec2Fixture.refused(() -> new InstanceOperations(f.store).runInstances(f.ctx, RunInstancesRequest.builder()
        .imageId("ami-nope").minCount(1).maxCount(1).build()), "InvalidAMIID.Malformed");
    new InstanceOperations(f.store).terminateInstances(f.ctx, TerminateInstancesRequest.builder()
        .instanceIds(r.instances().get(0).instanceId()).build());
    var subnets = f.subnets.describeSubnets(f.ctx, DescribeSubnetsRequest.builder().filters(Filter.builder()
        .name("availability-zone").values("us-east-1a").build()).build()).subnets();
    assertThat(subnets.get(0).availableIpAddressCount()).isEqualTo(4090);
  }

  @Test
  void dryRun_createVpc_dryRunOperation() {
    Ec2Fixture.refused(() -> f.vpcs.createVpc(f.ctx, CreateVpcRequest.builder().cidrBlock("10.0.0.0/16").dryRun(true)
        .build()), "DryRunOperation");
    assertThat(f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().build()).vpcs()).hasSize(1);
  }

  @Test
  void natGateway_delete_blackholesRoutes() {
    var nats = new NatGatewayOperations(f.store);
    String subnet = f.subnets.describeSubnets(f.ctx, DescribeSubnetsRequest.builder().build()).subnets().get(0).subnetId();
    String alloc = new ElasticIpOperations(f.store).allocateAddress(f.ctx, AllocateAddressRequest.builder().build())
        .allocationId();
    Ec2Fixture.refused(() -> nats.createNatGateway(f.ctx, CreateNatGatewayRequest.builder().subnetId(subnet).build()),
        "MissingParameter");
    String nat = nats.createNatGateway(f.ctx, CreateNatGatewayRequest.builder().subnetId(subnet).allocationId(alloc).build())
        .natGateway().natGatewayId();
    String rtb = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().build()).routeTables()
        .get(0).routeTableId();
    f.routeTables.createRoute(f.ctx, CreateRouteRequest.builder().routeTableId(rtb).destinationCidrBlock("10.8.0.0/16")
        .natGatewayId(nat).build());
    nats.deleteNatGateway(f.ctx, DeleteNatGatewayRequest.builder().natGatewayId(nat).build());
    var route = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().routeTableIds(rtb).build())
        .routeTables().get(0).routes().stream().filter(x -> nat.equals(x.natGatewayId())).findFirst().orElseThrow();
    assertThat(route.stateAsString()).isEqualTo("blackhole");
    assertThat(List.of(route.destinationCidrBlock())).containsExactly("10.8.0.0/16");
  }
}
