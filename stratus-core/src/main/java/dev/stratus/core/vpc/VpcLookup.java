package dev.stratus.core.vpc;

import dev.stratus.core.store.ChangeEvent;
import java.util.List;
import java.util.Optional;

/**
 * Read-only answers about an account's VPCs in a region, from EC2's committed state. Services that
 * take subnet, VPC or security group ids (a load balancer's subnets, say) validate them here and
 * answer their own AWS errors. Look it up per request ({@code extensions.find(VpcLookup.class)}):
 * the EC2 module provides it when it starts, possibly after the caller's module.
 */
public interface VpcLookup {

  /** A VPC: its id, its associated CIDR blocks (IPv4 first, then IPv6) and whether it is the default VPC. */
  record VpcInfo(String vpcId, List<String> cidrBlocks, boolean isDefault) {
    public VpcInfo { cidrBlocks = List.copyOf(cidrBlocks); }
  }

  /** A subnet: where it is and what it holds. */
  record SubnetInfo(String subnetId, String vpcId, String availabilityZone, String availabilityZoneId,
      String cidrBlock, boolean mapPublicIpOnLaunch) {}

  /** A security group and its VPC. */
  record SecurityGroupInfo(String groupId, String groupName, String vpcId) {}

  Optional<VpcInfo> vpc(String accountId, String region, String vpcId);

  Optional<SubnetInfo> subnet(String accountId, String region, String subnetId);

  Optional<SecurityGroupInfo> securityGroup(String accountId, String region, String groupId);

  /**
   * What the VPCs' Amazon DNS servers answer from, across every account and Region (a data plane
   * reads it off its event loop, after a change {@link #affectsResolver} accepts). None by default.
   */
  default ResolverFacts resolverFacts() {
    return ResolverFacts.NONE;
  }

  /** Whether a committed change may change {@link #resolverFacts()}. */
  default boolean affectsResolver(ChangeEvent change) {
    return false;
  }

  /** The region's default VPC, if the account has one (every account does until it deletes it). */
  Optional<VpcInfo> defaultVpc(String accountId, String region);

  /** An EC2 instance as a load balancer target sees it: its state name and primary private IPv4 address. */
  record InstanceInfo(String instanceId, String vpcId, String subnetId, String availabilityZone, String state,
      String privateIpAddress) {}

  /** The VPC's security group named {@code default}; empty when unknown (or the lookup cannot tell). */
  default Optional<SecurityGroupInfo> defaultSecurityGroup(String accountId, String region, String vpcId) {
    return Optional.empty();
  }

  /**
   * Whether an internet gateway (not egress-only) is attached to the VPC; empty when the lookup
   * cannot tell, in which case callers do not refuse.
   */
  default Optional<Boolean> hasInternetGateway(String accountId, String region, String vpcId) {
    return Optional.empty();
  }

  /** An instance of the account in the region; empty when there is none (or the lookup cannot tell). */
  default Optional<InstanceInfo> instance(String accountId, String region, String instanceId) {
    return Optional.empty();
  }

  /** A resource's tags (an instance's {@value ResolverFacts#HOST_TAG}, say); empty when none or unknown. */
  default java.util.Map<String, String> tags(String accountId, String region, String resourceId) {
    return java.util.Map.of();
  }

  /**
   * An interface VPC endpoint's own DNS names: its regional name first
   * ({@code vpce-….execute-api.us-east-1.vpce.amazonaws.com}), then its zonal ones; not the
   * service's private DNS names. Empty when there is no such interface endpoint (or the lookup
   * cannot tell). API Gateway answers them for execute-api endpoints of private APIs.
   */
  default List<String> interfaceEndpointDnsNames(String accountId, String region, String vpcEndpointId) {
    return List.of();
  }

  /** The subnet of {@code vpcId} whose CIDR holds {@code ipAddress}; empty when none (or the lookup cannot tell). */
  default Optional<SubnetInfo> subnetContaining(String accountId, String region, String vpcId, String ipAddress) {
    return Optional.empty();
  }
}
