package dev.stratus.ec2.reachability;

import java.util.Objects;

/**
 * A customer gateway: the on-premises end of a VPN connection.
 *
 * @param id {@code cgw-…}
 * @param region the Region
 * @param state {@code available}, …
 * @param ipAddress the device's public address
 * @param bgpAsn the device's ASN
 */
public record CustomerGateway(String id, String region, String state, String ipAddress, String bgpAsn) {
  public CustomerGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(ipAddress, "ipAddress");
    Objects.requireNonNull(bgpAsn, "bgpAsn");
  }
}
