package dev.stratus.ec2.vpc;

import dev.stratus.ec2.Tags;
import dev.stratus.ec2.model.DhcpOptions;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockState;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/** SDK shapes of the VPC family: VPCs, subnets, DHCP options. */
final class VpcShapes {
  private VpcShapes() {}

  static software.amazon.awssdk.services.ec2.model.Vpc vpc(Vpc v, String account, String region,
      Map<String, String> tags, String state) {
    return software.amazon.awssdk.services.ec2.model.Vpc.builder()
        .vpcId(v.id()).ownerId(account).state(state).cidrBlock(v.primaryCidr().toString())
        .cidrBlockAssociationSet(v.cidrBlocks().stream().map(VpcShapes::v4).toList())
        .ipv6CidrBlockAssociationSet(v.ipv6CidrBlocks().stream().map(a -> v6(a, region)).toList())
        .dhcpOptionsId(v.dhcpOptionsId()).instanceTenancy(v.instanceTenancy()).isDefault(v.isDefault())
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  static VpcCidrBlockAssociation v4(Vpc.CidrAssociation a) {
    return VpcCidrBlockAssociation.builder().associationId(a.associationId()).cidrBlock(a.cidr().toString())
        .cidrBlockState(VpcCidrBlockState.builder().state(a.state()).build()).build();
  }

  /** An Amazon-provided IPv6 block: its network border group is the Region's (API_VpcIpv6CidrBlockAssociation). */
  static VpcIpv6CidrBlockAssociation v6(Vpc.CidrAssociation a, String region) {
    return VpcIpv6CidrBlockAssociation.builder().associationId(a.associationId())
        .ipv6CidrBlock(a.cidr().toString()).ipv6Pool("Amazon").networkBorderGroup(region)
        .ipv6CidrBlockState(VpcCidrBlockState.builder().state(a.state()).build()).build();
  }

  static software.amazon.awssdk.services.ec2.model.Subnet subnet(Subnet s, String account, String region,
      long available, Map<String, String> tags, String state) {
    return software.amazon.awssdk.services.ec2.model.Subnet.builder()
        .subnetId(s.id()).vpcId(s.vpcId()).state(state).cidrBlock(s.cidr().toString())
        .availableIpAddressCount((int) available).availabilityZone(s.availabilityZone())
        .availabilityZoneId(s.availabilityZoneId()).defaultForAz(s.defaultForAz())
        .mapPublicIpOnLaunch(s.mapPublicIpOnLaunch()).assignIpv6AddressOnCreation(s.assignIpv6AddressOnCreation())
        .mapCustomerOwnedIpOnLaunch(false).enableDns64(false).ipv6Native(false).ownerId(account)
        .privateDnsNameOptionsOnLaunch(o -> o.hostnameType("ip-name").enableResourceNameDnsARecord(false)
            .enableResourceNameDnsAAAARecord(false))
        .subnetArn("arn:aws:ec2:" + region + ":" + account + ":subnet/" + s.id())
        .ipv6CidrBlockAssociationSet(s.ipv6CidrBlocks().stream().map(a -> SubnetIpv6CidrBlockAssociation.builder()
            .associationId(a.associationId()).ipv6CidrBlock(a.cidr().toString())
            .ipv6CidrBlockState(SubnetCidrBlockState.builder().state(a.state()).build()).build()).toList())
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }

  static software.amazon.awssdk.services.ec2.model.DhcpOptions dhcp(DhcpOptions d, String account,
      Map<String, String> tags) {
    return software.amazon.awssdk.services.ec2.model.DhcpOptions.builder().dhcpOptionsId(d.id()).ownerId(account)
        .dhcpConfigurations(d.configurations().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> DhcpConfiguration.builder().key(e.getKey()).values(e.getValue().stream()
                .map(v -> AttributeValue.builder().value(v).build()).toList()).build()).toList())
        .tags(tags.isEmpty() ? null : Tags.sdk(tags)).build();
  }
}
