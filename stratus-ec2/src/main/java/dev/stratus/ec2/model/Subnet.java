package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A subnet: one IPv4 block inside its VPC (vpc.md §5), optional IPv6 /64 blocks, its
 * Availability Zone, and the launch attributes that decide whether instances get public
 * addresses.
 */
public record Subnet(String id, String vpcId, Cidr cidr, List<Vpc.CidrAssociation> ipv6CidrBlocks,
    String availabilityZone, String availabilityZoneId, boolean defaultForAz,
    boolean mapPublicIpOnLaunch, boolean assignIpv6AddressOnCreation) {

  public Subnet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(cidr, "cidr");
    ipv6CidrBlocks = List.copyOf(ipv6CidrBlocks);
  }

  /** Whether {@code address} lies in the subnet's IPv4 block or one of its associated IPv6 blocks. */
  public boolean contains(Cidr address) {
    if (cidr.contains(address)) return true;
    for (Vpc.CidrAssociation c : ipv6CidrBlocks) if (c.cidr().contains(address) && c.state().equals("associated")) return true;
    return false;
  }

  public Subnet withAttributes(boolean mapPublic, boolean assignIpv6) {
    return new Subnet(id, vpcId, cidr, ipv6CidrBlocks, availabilityZone, availabilityZoneId,
        defaultForAz, mapPublic, assignIpv6);
  }

  public Subnet withIpv6CidrBlocks(List<Vpc.CidrAssociation> blocks) {
    return new Subnet(id, vpcId, cidr, blocks, availabilityZone, availabilityZoneId, defaultForAz,
        mapPublicIpOnLaunch, assignIpv6AddressOnCreation);
  }
}
