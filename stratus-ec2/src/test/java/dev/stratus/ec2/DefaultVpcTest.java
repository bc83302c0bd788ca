package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

/** The default VPC a new account finds in a region (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). */
class DefaultVpcTest {
  private final Ec2Fixture f = new Ec2Fixture();

  @Test
  void describeVpcs_newAccount_hasOneDefaultVpc() {
    var vpcs = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().build()).vpcs();
    assertThat(vpcs).singleElement().satisfies(v -> {
      assertThat(v.cidrBlock()).isEqualTo("172.31.0.0/16");
      assertThat(v.isDefault()).isTrue();
      assertThat(v.vpcId()).matches("vpc-[0-9a-f]{17}");
    });
  }

  @Test
  void describeSubnets_newAccount_oneDefaultSlash20PerZone() {
    var subnets = f.subnets.describeSubnets(f.ctx, DescribeSubnetsRequest.builder().build()).subnets();
    assertThat(subnets).hasSize(6).allSatisfy(s -> {
      assertThat(s.defaultForAz()).isTrue();
      assertThat(s.mapPublicIpOnLaunch()).isTrue();
      assertThat(s.availableIpAddressCount()).isEqualTo(4091);
    });
    assertThat(subnets).extracting(Subnet::cidrBlock).contains("172.31.0.0/20", "172.31.80.0/20");
  }

  @Test
  void describeRouteTables_defaultVpc_mainTableRoutesToAttachedIgw() {
    String igw = f.igws.describeInternetGateways(f.ctx, DescribeInternetGatewaysRequest.builder().build())
        .internetGateways().get(0).internetGatewayId();
    var table = f.routeTables.describeRouteTables(f.ctx, DescribeRouteTablesRequest.builder().build()).routeTables().get(0);
    assertThat(table.associations()).singleElement().satisfies(a -> assertThat(a.main()).isTrue());
    assertThat(table.routes()).extracting(Route::destinationCidrBlock, Route::gatewayId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("172.31.0.0/16", "local"),
            org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", igw));
  }

  @Test
  void defaultSecurityGroupAndAcl_newAccount_asAwsCreatesThem() {
    var sg = f.groups.describeSecurityGroups(f.ctx, DescribeSecurityGroupsRequest.builder().build()).securityGroups().get(0);
    assertThat(sg.groupName()).isEqualTo("default");
    assertThat(sg.ipPermissions()).singleElement()
        .satisfies(p -> assertThat(p.userIdGroupPairs().get(0).groupId()).isEqualTo(sg.groupId()));
    assertThat(sg.ipPermissionsEgress()).singleElement()
        .satisfies(p -> assertThat(p.ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0"));
    var acl = f.acls.describeNetworkAcls(f.ctx, DescribeNetworkAclsRequest.builder().build()).networkAcls().get(0);
    assertThat(acl.isDefault()).isTrue();
    assertThat(acl.associations()).hasSize(6);
    assertThat(acl.entries()).extracting(NetworkAclEntry::ruleNumber, NetworkAclEntry::ruleActionAsString)
        .contains(org.assertj.core.groups.Tuple.tuple(100, "allow"), org.assertj.core.groups.Tuple.tuple(32767, "deny"));
  }

  @Test
  void describeAccountAttributes_defaultVpc_namesIt() {
    String vpc = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().build()).vpcs().get(0).vpcId();
    var attrs = f.regions.describeAccountAttributes(f.ctx, DescribeAccountAttributesRequest.builder()
        .attributeNamesWithStrings("default-vpc").build()).accountAttributes();
    assertThat(attrs.get(0).attributeValues().get(0).attributeValue()).isEqualTo(vpc);
  }

  @Test
  void describeRegions_default_excludesOptInRegions_allRegionsIncludesThem() {
    var enabled = f.regions.describeRegions(f.ctx, DescribeRegionsRequest.builder().build()).regions();
    assertThat(enabled).extracting(Region::regionName).contains("us-east-1", "eu-west-1").doesNotContain("af-south-1");
    var all = f.regions.describeRegions(f.ctx, DescribeRegionsRequest.builder().allRegions(true)
        .filters(Filter.builder().name("region-name").values("af-south-1").build()).build()).regions();
    assertThat(all).singleElement().satisfies(r -> assertThat(r.optInStatus()).isEqualTo("not-opted-in"));
  }

  @Test
  void describeAvailabilityZones_usEast1_sixZonesWithIds() {
    var zones = f.regions.describeAvailabilityZones(f.ctx, DescribeAvailabilityZonesRequest.builder().build())
        .availabilityZones();
    assertThat(zones).extracting(AvailabilityZone::zoneName)
        .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f");
    assertThat(zones.get(0).zoneId()).isEqualTo("use1-az6");
  }

  @Test
  void describeVpcs_unknownFilter_invalidParameterValue() {
    Ec2Fixture.refused(() -> f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder()
        .filters(Filter.builder().name("colour").values("red").build()).build()), "InvalidParameterValue")
        .hasMessage("The filter 'colour' is invalid");
  }

  @Test
  void describeVpcs_tagFilter_matchesTaggedOnly() {
    String vpc = f.createVpc("10.0.0.0/16");
    f.tags.createTags(f.ctx, CreateTagsRequest.builder().resources(vpc)
        .tags(Tag.builder().key("env").value("prod").build()).build());
    var found = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder()
        .filters(Filter.builder().name("tag:env").values("pr*").build()).build()).vpcs();
    assertThat(found).extracting(Vpc::vpcId).isEqualTo(List.of(vpc));
  }

  @Test
  void createDefaultVpc_whileOneExists_refused_afterDeleteRecreatedAsNew() {
    Ec2Fixture.refused(() -> f.vpcs.createDefaultVpc(f.ctx, CreateDefaultVpcRequest.builder().build()),
        "DefaultVpcAlreadyExists");
    String old = f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().build()).vpcs().get(0).vpcId();
    var view = f.store.read(f.ctx);
    for (var s : view.list(Ec2Tables.SUBNET, f.ctx.regionalScope())) {
      f.subnets.deleteSubnet(f.ctx, DeleteSubnetRequest.builder().subnetId(s.id()).build());
    }
    String igw = f.igws.describeInternetGateways(f.ctx, DescribeInternetGatewaysRequest.builder().build())
        .internetGateways().get(0).internetGatewayId();
    f.igws.detachInternetGateway(f.ctx, DetachInternetGatewayRequest.builder().vpcId(old).internetGatewayId(igw).build());
    f.vpcs.deleteVpc(f.ctx, DeleteVpcRequest.builder().vpcId(old).build());
    assertThat(f.regions.describeAccountAttributes(f.ctx, DescribeAccountAttributesRequest.builder()
        .attributeNamesWithStrings("default-vpc").build()).accountAttributes().get(0).attributeValues().get(0)
        .attributeValue()).isEqualTo("none");
    String fresh = f.vpcs.createDefaultVpc(f.ctx, CreateDefaultVpcRequest.builder().build()).vpc().vpcId();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(f.vpcs.describeVpcs(f.ctx, DescribeVpcsRequest.builder().filters(Filter.builder().name("owner-id")
        .values(f.ctx.accountId()).build(), Filter.builder().name("is-default").values("true").build()).build()).vpcs())
        .extracting(Vpc::vpcId).containsExactly(fresh);
  }
}
