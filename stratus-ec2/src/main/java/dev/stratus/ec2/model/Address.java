package dev.stratus.ec2.model;

import java.util.Objects;

/**
 * An Elastic IP address in the {@code vpc} domain.
 *
 * @param associationId null when not associated
 * @param networkInterfaceId null when not associated
 * @param instanceId null unless the interface is an instance's
 * @param privateIpAddress null when not associated
 */
public record Address(String allocationId, String publicIp, String associationId, String networkInterfaceId,
    String instanceId, String privateIpAddress) {
  public Address {
    Objects.requireNonNull(allocationId, "allocationId");
    Objects.requireNonNull(publicIp, "publicIp");
  }

  public Address associate(String assocId, String eniId, String instance, String privateIp) {
    return new Address(allocationId, publicIp, assocId, eniId, instance, privateIp);
  }

  public Address disassociated() { return new Address(allocationId, publicIp, null, null, null, null); }
}
