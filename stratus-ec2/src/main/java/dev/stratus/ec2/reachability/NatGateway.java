package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * A NAT gateway: source NAT for traffic from its own VPC, through its interface in its subnet
 * (vpc.md §24).
 *
 * @param id {@code nat-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param subnetId the subnet it lives in (its route table carries the onward route)
 * @param state {@code available}, {@code pending}, {@code failed}, {@code deleted}, …
 * @param connectivityType {@code public} or {@code private}
 * @param networkInterfaceId its interface
 * @param privateIp its private address (the translated source)
 * @param publicIp its Elastic IP (public NAT only)
 */
public record NatGateway(String id, String region, String vpcId, String subnetId, String state,
    String connectivityType, String networkInterfaceId, Cidr privateIp, Optional<Cidr> publicIp) {
  public NatGateway {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(subnetId, "subnetId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(connectivityType, "connectivityType");
    Objects.requireNonNull(networkInterfaceId, "networkInterfaceId");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(publicIp, "publicIp");
  }
}
