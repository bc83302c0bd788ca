package dev.stratus.ec2.vpc;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.model.CidrRules;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.util.Collection;
import java.util.Optional;

/**
 * AWS's rules for VPCs and their CIDR blocks (vpc.md §1–4). Pure: each check takes the request's
 * values and the rows it needs and returns the first rule broken as AWS's error, or empty;
 * {@link VpcOperations} looks the rows up and throws. The block arithmetic is {@link CidrRules}'.
 */
public final class VpcRules {
  /** IPv6 blocks per VPC (vpc.md §4). */
  static final int MAX_IPV6_BLOCKS = 5;

  private VpcRules() {}

  /** CreateVpc: a primary block of /16–/28 (vpc.md §1). */
  public static Optional<AwsException> createVpc(Cidr cidr) {
    return CidrRules.validSize(cidr) ? Optional.empty() : Optional.of(Ec2Errors.vpcRange(cidr.toString()));
  }

  /** CreateDefaultVpc: only when the Region has no default VPC left. */
  public static Optional<AwsException> createDefaultVpc(boolean defaultVpcExists) {
    if (!defaultVpcExists) return Optional.empty();
    return Optional.of(new AwsException("DefaultVpcAlreadyExists", 400,
        "A Default VPC already exists for this account in this region."));
  }

  /**
   * ModifyVpcAttribute: exactly one attribute per call (enableNetworkAddressUsageMetrics alone is
   * accepted and ignored).
   */
  public static Optional<AwsException> modifyAttribute(boolean dnsSupport, boolean dnsHostnames, boolean addressMetrics) {
    if (dnsSupport != dnsHostnames || (addressMetrics && !dnsSupport)) return Optional.empty();
    return Optional.of(dnsSupport ? Ec2Errors.invalidCombination("Fields for multiple attribute types specified: "
        + "enableDnsSupport, enableDnsHostnames") : Ec2Errors.missing("attribute"));
  }

  /** AssociateVpcCidrBlock with an Amazon-provided IPv6 block: at most {@link #MAX_IPV6_BLOCKS}. */
  public static Optional<AwsException> ipv6Block(Vpc vpc) {
    return vpc.ipv6CidrBlocks().size() >= MAX_IPV6_BLOCKS
        ? Optional.of(Ec2Errors.cidrLimit(vpc.id(), MAX_IPV6_BLOCKS)) : Optional.empty();
  }

  /**
   * AssociateVpcCidrBlock with an IPv4 block: {@link CidrRules#checkSecondary}'s first violation as
   * the error AWS answers for it (vpc.md §2–3).
   *
   * @param routeDestinations IPv4/IPv6 destinations of the non-local routes in the VPC's tables
   */
  public static Optional<AwsException> secondaryBlock(Vpc vpc, Cidr cidr, Collection<Cidr> routeDestinations) {
    return CidrRules.checkSecondary(vpc.cidrBlocks().stream().map(Vpc.CidrAssociation::cidr).toList(), cidr,
        routeDestinations).map(v -> switch (v) {
          case SIZE -> Ec2Errors.vpcRange(cidr.toString());
          case LIMIT -> Ec2Errors.cidrLimit(vpc.id(), CidrRules.MAX_IPV4_BLOCKS);
          case RESTRICTED, FAMILY -> Ec2Errors.vpcRestricted(cidr.toString());
          case OVERLAP, ROUTE_CONFLICT -> Ec2Errors.cidrConflict(cidr.toString(), vpc.id());
        });
  }

  /**
   * DisassociateVpcCidrBlock: never the primary IPv4 block, nor a block a subnet of the VPC
   * ({@code subnets}) has addresses in.
   */
  public static Optional<AwsException> disassociateBlock(Vpc vpc, Vpc.CidrAssociation gone, Collection<Subnet> subnets) {
    if (vpc.cidrBlocks().get(0).associationId().equals(gone.associationId())) {
      return Optional.of(Ec2Errors.operationNotPermitted("The vpc CIDR block with association ID " + gone.associationId()
          + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC"));
    }
    boolean used = subnets.stream().filter(s -> s.vpcId().equals(vpc.id())).anyMatch(s -> gone.cidr().contains(s.cidr())
        || s.ipv6CidrBlocks().stream().anyMatch(b -> gone.cidr().contains(b.cidr())));
    if (used) {
      return Optional.of(Ec2Errors.invalidCombination("The vpc CIDR block " + gone.cidr() + " cannot be disassociated"
          + " because it has subnets in it"));
    }
    return Optional.empty();
  }
}
