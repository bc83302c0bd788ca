package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Site-to-Site VPN connection: the on-premises networks it reaches are its static routes
 * ({@code Routes[].DestinationCidrBlock}); BGP-learned prefixes are not in describe output.
 *
 * @param id {@code vpn-…}
 * @param region the Region
 * @param state {@code available}, {@code pending}, {@code deleted}, …
 * @param customerGatewayId the customer gateway
 * @param vpnGatewayId the virtual private gateway, when it terminates on one
 * @param transitGatewayId the transit gateway, when it terminates on one
 * @param staticRoutes the on-premises CIDR blocks
 */
public record VpnConnection(String id, String region, String state, String customerGatewayId,
    Optional<String> vpnGatewayId, Optional<String> transitGatewayId, List<Cidr> staticRoutes) {
  public VpnConnection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customerGatewayId, "customerGatewayId");
    Objects.requireNonNull(vpnGatewayId, "vpnGatewayId");
    Objects.requireNonNull(transitGatewayId, "transitGatewayId");
    staticRoutes = List.copyOf(staticRoutes);
  }

  /** Whether the address is in one of the on-premises blocks. */
  public boolean reaches(Cidr address) {
    for (Cidr c : staticRoutes) if (c.contains(address)) return true;
    return false;
  }
}
