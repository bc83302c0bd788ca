package dev.stratus.ec2.gateways;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.Address;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NatGateway;
import dev.stratus.ec2.model.NetworkInterface;
import java.util.Collection;
import java.util.Optional;

/**
 * AWS's rules for internet gateways, NAT gateways and Elastic IP addresses (vpc.md §23–24).
 * Pure: each check takes the request's values and the rows it needs and returns the first rule
 * broken as AWS's error, or empty; the handlers of this package look the rows up and throw.
 */
public final class GatewayRules {
  private GatewayRules() {}

  /** AttachInternetGateway: the gateway is free and the VPC has no internet gateway yet (one per VPC). */
  public static Optional<AwsException> attachInternetGateway(InternetGateway g, String vpcId,
      Collection<InternetGateway> gateways) {
    if (g.attachedVpcId() != null) return Optional.of(Ec2Errors.alreadyAttached(g.id(), g.attachedVpcId()));
    if (gateways.stream().anyMatch(o -> !o.egressOnly() && vpcId.equals(o.attachedVpcId()))) {
      return Optional.of(Ec2Errors.alreadyAttached(vpcId, "an internet gateway"));
    }
    return Optional.empty();
  }

  /** DetachInternetGateway: attached to that VPC, and no interface of the VPC still has a public address. */
  public static Optional<AwsException> detachInternetGateway(InternetGateway g, String vpcId,
      Collection<NetworkInterface> interfaces) {
    if (!vpcId.equals(g.attachedVpcId())) return Optional.of(Ec2Errors.notAttached(g.id(), vpcId));
    if (interfaces.stream().anyMatch(e -> vpcId.equals(e.vpcId()) && e.association() != null)) {
      return Optional.of(new AwsException("DependencyViolation", 400, "Network " + vpcId + " has some mapped public"
          + " address(es). Please unmap those public address(es) before detaching the gateway."));
    }
    return Optional.empty();
  }

  /** DeleteInternetGateway (and egress-only): detached first. */
  public static Optional<AwsException> deleteInternetGateway(InternetGateway g) {
    return g.attachedVpcId() == null ? Optional.empty() : Optional.of(Ec2Errors.dependencies("internetGateway", g.id()));
  }

  /** CreateNatGateway (public): an Elastic IP associated with nothing, no live NAT gateway included. */
  public static Optional<AwsException> natAddress(Address eip, Collection<NatGateway> natGateways) {
    if (eip.associationId() == null && !usedByNat(eip, natGateways)) return Optional.empty();
    return Optional.of(new AwsException("Resource.AlreadyAssociated", 400,
        "Elastic IP address [" + eip.allocationId() + "] is already associated"));
  }

  /** DeleteNatGateway: a deleted NAT gateway stays visible for a while but is not found for deleting. */
  public static Optional<AwsException> deleteNatGateway(NatGateway nat) {
    return nat.state().equals("deleted") ? Optional.of(IdKind.NAT_GATEWAY.notFound(nat.id())) : Optional.empty();
  }

  /** DescribeAddresses by public IP: a well-formed IPv4 address of one of the account's addresses. */
  public static Optional<AwsException> publicIp(String ip, Collection<Address> addresses) {
    if (Cidr.parseAddress(ip).isEmpty() || ip.contains(":")) {
      return Optional.of(new AwsException("InvalidAddress.Malformed", 400, "Invalid address: '" + ip + "'"));
    }
    if (addresses.stream().noneMatch(a -> a.publicIp().equals(ip))) {
      return Optional.of(new AwsException("InvalidAddress.NotFound", 400, "Address '" + ip + "' not found."));
    }
    return Optional.empty();
  }

  /** AssociateAddress: an address already associated moves only with AllowReassociation. */
  public static Optional<AwsException> associateAddress(Address a, boolean allowReassociation) {
    if (a.associationId() == null || allowReassociation) return Optional.empty();
    return Optional.of(new AwsException("Resource.AlreadyAssociated", 400,
        "resource " + a.allocationId() + " is already associated with associate-id " + a.associationId()));
  }

  /** ReleaseAddress: associated with nothing, no live NAT gateway included. */
  public static Optional<AwsException> releaseAddress(Address a, Collection<NatGateway> natGateways) {
    if (a.associationId() == null && !usedByNat(a, natGateways)) return Optional.empty();
    return Optional.of(Ec2Errors.addressInUse(a.allocationId()));
  }

  private static boolean usedByNat(Address a, Collection<NatGateway> natGateways) {
    return natGateways.stream().anyMatch(n -> a.allocationId().equals(n.allocationId()) && !n.state().equals("deleted"));
  }
}
