package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.InternetGateway;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import dev.stratus.ec2.model.VpcPeeringConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a path (or its return path) starts, and what counts as arriving: the closed family of
 * places a packet can enter the analysed network from.
 */
sealed interface PathEndpoint {

  /** Leaves from an interface (an instance's, an interface endpoint's, or a bare one). */
  record FromInterface(NetworkInterface eni, Optional<String> instanceId) implements PathEndpoint {}

  /** Comes in from the internet through an internet gateway. */
  record FromInternet(InternetGateway igw) implements PathEndpoint {}

  /** Comes in from on-premises through a virtual private gateway. */
  record FromVpnGateway(VpnGateway vgw) implements PathEndpoint {}

  /** Comes into a transit gateway from one of its attachments (VPN, Direct Connect, peering, VPC). */
  record FromAttachment(TransitGatewayAttachment attachment) implements PathEndpoint {}

  /** Comes across a peering connection into the given VPC. */
  record FromPeering(VpcPeeringConnection pcx, Vpc into) implements PathEndpoint {}

  /** Comes back from a gateway endpoint's service into its VPC (replies only). */
  record FromGatewayEndpoint(VpcEndpoint endpoint) implements PathEndpoint {}

  /** Comes in from the IPv6 internet through an egress-only internet gateway (replies only). */
  record FromEgressOnlyInternetGateway(String id, Vpc vpc) implements PathEndpoint {}

  /** Comes from an address of a subnet that no interface owns (replies only). */
  record FromSubnet(Subnet subnet) implements PathEndpoint {}

  /**
   * What counts as arrival: reaching a component whose id is in {@code ids}, or, when no ids are
   * given, delivering to {@code address}.
   *
   * @param ids component ids that end the path (an instance and its interfaces, a gateway and its VPNs, …)
   * @param address the address the destination is known by, when the path names only an address
   */
  record Target(Set<String> ids, Optional<Cidr> address) {
    public Target {
      ids = Set.copyOf(ids);
      Objects.requireNonNull(address, "address");
    }

    /** Whether any of the components is the destination. */
    boolean matches(String... componentIds) {
      for (String id : componentIds) if (ids.contains(id)) return true;
      return false;
    }

    /** Whether the path names only an address and this is it. */
    boolean matchesAddress(Cidr destination) {
      return ids.isEmpty() && address.map(a -> a.contains(destination)).orElse(false);
    }
  }
}
