package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A NAT gateway (vpc.md §24): public (with an Elastic IP) or private; it lives on its own
 * requester-managed ENI in a subnet.
 *
 * @param connectivityType {@code public} or {@code private}
 * @param state {@code pending}, {@code available}, {@code deleting}, {@code deleted}, {@code failed}
 * @param allocationId null for a private NAT gateway
 * @param publicIp null for a private NAT gateway
 * @param deleteTime null until deleted
 */
public record NatGateway(String id, String subnetId, String vpcId, String connectivityType, String state,
    String networkInterfaceId, String privateIp, String allocationId, String publicIp, Instant createTime,
    Instant deleteTime) {
  public NatGateway { Objects.requireNonNull(id, "id"); }

  public NatGateway deleted(Instant at) {
    return new NatGateway(id, subnetId, vpcId, connectivityType, "deleted", networkInterfaceId, privateIp,
        allocationId, publicIp, createTime, at);
  }
}
