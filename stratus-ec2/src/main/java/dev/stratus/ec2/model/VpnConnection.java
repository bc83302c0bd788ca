package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;

/**
 * A Site-to-Site VPN connection from a customer gateway to a VPN gateway or transit gateway, with
 * its two tunnels' outside addresses and, when static, its routes (vpc.md §41).
 *
 * @param vpnGatewayId null when on a transit gateway
 * @param transitGatewayId null when on a VPN gateway
 */
public record VpnConnection(String id, String type, String customerGatewayId, String vpnGatewayId,
    String transitGatewayId, String state, boolean staticRoutesOnly, List<String> tunnelOutsideAddresses,
    List<Cidr> staticRoutes) {
  public VpnConnection {
    Objects.requireNonNull(id, "id");
    tunnelOutsideAddresses = List.copyOf(tunnelOutsideAddresses);
    staticRoutes = List.copyOf(staticRoutes);
  }

  /** Whether one of the static routes covers the address (where the analyzer sends on-premises traffic). */
  public boolean reaches(Cidr address) {
    for (Cidr c : staticRoutes) if (c.contains(address)) return true;
    return false;
  }

  public VpnConnection with(String newState, List<Cidr> routes) {
    return new VpnConnection(id, type, customerGatewayId, vpnGatewayId, transitGatewayId, newState,
        staticRoutesOnly, tunnelOutsideAddresses, routes);
  }
}
