package dev.stratus.ec2.model;

import java.util.Objects;

/** A customer gateway: the on-premises end of a Site-to-Site VPN (its public IP and BGP ASN). */
public record CustomerGateway(String id, String type, String ipAddress, long bgpAsn, String state, String deviceName) {
  public CustomerGateway { Objects.requireNonNull(id, "id"); }

  public CustomerGateway withState(String newState) {
    return new CustomerGateway(id, type, ipAddress, bgpAsn, newState, deviceName);
  }
}
