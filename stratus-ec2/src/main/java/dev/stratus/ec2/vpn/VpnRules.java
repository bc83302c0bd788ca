package dev.stratus.ec2.vpn;

import dev.stratus.core.AwsException;
import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.model.CustomerGateway;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.VpnConnection;
import dev.stratus.ec2.model.VpnGateway;
import java.util.Collection;
import java.util.Optional;

/**
 * AWS's rules for customer gateways, virtual private gateways and Site-to-Site VPN connections
 * (vpc.md §41). Pure: each check takes the request's values and the rows it needs and returns
 * the first rule broken as AWS's error, or empty; the handlers of this package look the rows up
 * and throw.
 */
public final class VpnRules {
  private VpnRules() {}

  /** CreateCustomerGateway: the device's public IPv4 address. */
  public static Optional<AwsException> customerGatewayIp(String ip) {
    if (Cidr.parseAddress(ip).isPresent() && !ip.contains(":")) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("Value (" + ip + ") for parameter ipAddress is invalid."));
  }

  /** DeleteCustomerGateway: no VPN connection (not deleted) uses it. */
  public static Optional<AwsException> deleteCustomerGateway(CustomerGateway cgw, Collection<VpnConnection> connections) {
    if (connections.stream().noneMatch(v -> v.customerGatewayId().equals(cgw.id()) && !v.state().equals("deleted"))) {
      return Optional.empty();
    }
    return Optional.of(Ec2Errors.incorrectState("The customer gateway " + cgw.id() + " is in use."));
  }

  /** AttachVpnGateway: the gateway is free and the VPC has no VPN gateway yet (one per VPC). */
  public static Optional<AwsException> attachVpnGateway(VpnGateway vgw, String vpcId, Collection<VpnGateway> gateways) {
    if (vgw.attachedVpcId() != null) return Optional.of(Ec2Errors.alreadyAttached(vgw.id(), vgw.attachedVpcId()));
    if (gateways.stream().anyMatch(g -> vpcId.equals(g.attachedVpcId()))) {
      return Optional.of(Ec2Errors.alreadyAttached(vpcId, "a VPN gateway"));
    }
    return Optional.empty();
  }

  /** DetachVpnGateway: attached to that VPC. */
  public static Optional<AwsException> detachVpnGateway(VpnGateway vgw, String vpcId) {
    return vpcId.equals(vgw.attachedVpcId()) ? Optional.empty() : Optional.of(Ec2Errors.notAttached(vgw.id(), vpcId));
  }

  /** DeleteVpnGateway: detached first. */
  public static Optional<AwsException> deleteVpnGateway(VpnGateway vgw) {
    if (vgw.attachedVpcId() == null) return Optional.empty();
    return Optional.of(Ec2Errors.incorrectState("The VPN gateway " + vgw.id() + " is attached to " + vgw.attachedVpcId()));
  }

  /** Enable/DisableVgwRoutePropagation: the gateway is attached to the table's VPC. */
  public static Optional<AwsException> propagation(RouteTable t, VpnGateway vgw) {
    return t.vpcId().equals(vgw.attachedVpcId()) ? Optional.empty() : Optional.of(Ec2Errors.differentNetworks(t.id(), vgw.id()));
  }

  /** CreateVpnConnection: exactly one of a VPN gateway and a transit gateway. */
  public static Optional<AwsException> connectionGateway(String vpnGatewayId, String transitGatewayId) {
    if ((vpnGatewayId == null) != (transitGatewayId == null)) return Optional.empty();
    return Optional.of(Ec2Errors.invalidCombination("Exactly one of VpnGatewayId or TransitGatewayId must be specified"));
  }

  /** CreateVpnConnection: a customer gateway not deleted. */
  public static Optional<AwsException> connectionCustomerGateway(CustomerGateway cgw) {
    return cgw.state().equals("deleted") ? Optional.of(IdKind.CUSTOMER_GATEWAY.notFound(cgw.id())) : Optional.empty();
  }

  /**
   * Create/DeleteVpnConnectionRoute ({@code add} true/false): static routing only, and the route
   * absent (create) or present (delete).
   */
  public static Optional<AwsException> staticRoute(VpnConnection vpn, Cidr cidr, boolean add) {
    if (!vpn.staticRoutesOnly()) {
      return Optional.of(Ec2Errors.invalidParameterValue("Static routes are not supported on VPN connection " + vpn.id()
          + ", which uses dynamic (BGP) routing"));
    }
    boolean present = vpn.staticRoutes().contains(cidr);
    if (add && present) return Optional.of(Ec2Errors.routeExists(cidr.toString()));
    if (!add && !present) return Optional.of(Ec2Errors.routeNotFound(vpn.id(), cidr.toString()));
    return Optional.empty();
  }
}
