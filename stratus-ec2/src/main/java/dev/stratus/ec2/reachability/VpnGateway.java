package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Objects;

/**
 * A virtual private gateway: the VPC side of Site-to-Site VPN connections (vpc.md §41).
 *
 * @param id {@code vgw-…}
 * @param region the Region
 * @param state {@code available}, …
 * @param attachedVpcIds VPCs whose attachment state is {@code attached}
 */
public record VpnGateway(String id, String region, String state, List<String> attachedVpcIds) {
  public VpnGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(state, "state");
    attachedVpcIds = List.copyOf(attachedVpcIds);
  }
}
