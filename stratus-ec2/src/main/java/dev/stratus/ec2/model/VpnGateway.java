package dev.stratus.ec2.model;

import java.util.Objects;

/**
 * A virtual private gateway (VPN side of a VPC, vpc.md §41).
 *
 * @param attachedVpcId null when detached
 */
public record VpnGateway(String id, String type, long amazonSideAsn, String state, String attachedVpcId,
    String availabilityZone) {
  public VpnGateway { Objects.requireNonNull(id, "id"); }

  public VpnGateway attachedTo(String vpcId) {
    return new VpnGateway(id, type, amazonSideAsn, state, vpcId, availabilityZone);
  }

  public VpnGateway withState(String newState) {
    return new VpnGateway(id, type, amazonSideAsn, newState, attachedVpcId, availabilityZone);
  }
}
