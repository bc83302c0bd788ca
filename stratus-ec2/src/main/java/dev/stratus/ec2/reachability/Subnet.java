package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A subnet with the route table and network ACL that govern it, resolved when the network is
 * built: the explicitly associated table, else the VPC's main table (vpc.md §7); the associated
 * NACL, else the VPC's default NACL (vpc.md §20). Empty means none is known, which the analysis
 * treats as "no route" and "deny" (fail closed).
 *
 * @param id {@code subnet-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param cidrBlock the IPv4 block
 * @param ipv6CidrBlock the IPv6 block, if any
 * @param availabilityZone e.g. {@code us-east-1a}
 * @param routeTableId the governing route table
 * @param networkAclId the governing network ACL
 * @param tags the resource tags
 */
public record Subnet(String id, String region, String vpcId, Cidr cidrBlock,
    Optional<Cidr> ipv6CidrBlock, String availabilityZone, Optional<String> routeTableId,
    Optional<String> networkAclId, Map<String, String> tags) {
  public Subnet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(cidrBlock, "cidrBlock");
    Objects.requireNonNull(ipv6CidrBlock, "ipv6CidrBlock");
    Objects.requireNonNull(availabilityZone, "availabilityZone");
    Objects.requireNonNull(routeTableId, "routeTableId");
    Objects.requireNonNull(networkAclId, "networkAclId");
    tags = Map.copyOf(tags);
  }

  /** Whether the address lies in this subnet (either family). */
  public boolean contains(Cidr address) {
    return cidrBlock.contains(address) || ipv6CidrBlock.map(b -> b.contains(address)).orElse(false);
  }
}
