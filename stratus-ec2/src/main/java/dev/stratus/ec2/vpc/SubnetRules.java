package dev.stratus.ec2.vpc;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.CidrRules;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.Collection;
import java.util.Optional;

/**
 * AWS's rules for subnets and their blocks (vpc.md §4–5). Pure: each check takes the request's
 * values and the rows it needs and returns the first rule broken as AWS's error, or empty;
 * {@link SubnetOperations} looks the rows up and throws.
 */
public final class SubnetRules {
  private SubnetRules() {}

  /**
   * CreateSubnet's IPv4 block: /16–/28 inside one of the VPC's blocks, overlapping no other subnet
   * of the VPC ({@code subnets}: the scope's subnets).
   */
  public static Optional<AwsException> createSubnet(Vpc vpc, Cidr cidr, Collection<Subnet> subnets) {
    if (!CidrRules.validSize(cidr) || vpc.cidrBlocks().stream().noneMatch(b -> b.cidr().contains(cidr))) {
      return Optional.of(Ec2Errors.subnetRange(cidr.toString()));
    }
    if (subnets.stream().anyMatch(s -> s.vpcId().equals(vpc.id()) && s.cidr().overlaps(cidr))) {
      return Optional.of(Ec2Errors.subnetConflict(cidr.toString()));
    }
    return Optional.empty();
  }

  /** A subnet's IPv6 block: a /64 inside one of the VPC's IPv6 blocks (vpc.md §4). */
  public static Optional<AwsException> ipv6Block(Vpc vpc, Cidr block) {
    if (block.prefixLength() != 64 || vpc.ipv6CidrBlocks().stream().noneMatch(b -> b.cidr().contains(block))) {
      return Optional.of(Ec2Errors.subnetRange(block.toString()));
    }
    return Optional.empty();
  }

  /** AssociateSubnetCidrBlock: {@link #ipv6Block}, overlapping no IPv6 block of another subnet of the VPC. */
  public static Optional<AwsException> associateIpv6Block(Vpc vpc, Cidr block, Collection<Subnet> subnets) {
    Optional<AwsException> shape = ipv6Block(vpc, block);
    if (shape.isPresent()) return shape;
    if (subnets.stream().filter(o -> o.vpcId().equals(vpc.id())).flatMap(o -> o.ipv6CidrBlocks().stream())
        .anyMatch(b -> b.cidr().overlaps(block))) {
      return Optional.of(Ec2Errors.subnetConflict(block.toString()));
    }
    return Optional.empty();
  }

  /** DeleteSubnet: no interface left in it. */
  public static Optional<AwsException> deleteSubnet(Subnet subnet, Collection<NetworkInterface> interfaces) {
    return interfaces.stream().anyMatch(e -> e.subnetId().equals(subnet.id()))
        ? Optional.of(Ec2Errors.dependencies("subnet", subnet.id())) : Optional.empty();
  }
}
