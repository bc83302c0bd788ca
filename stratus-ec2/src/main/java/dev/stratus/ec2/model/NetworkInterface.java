package dev.stratus.ec2.model;

import java.util.List;
import java.util.Objects;

/**
 * An elastic network interface: the thing that has addresses and security groups. Instances,
 * NAT gateways, interface endpoints and TGW attachments all reach the network through one.
 *
 * @param interfaceType AWS's value: {@code interface}, {@code nat_gateway}, {@code vpc_endpoint},
 *     {@code transit_gateway}, …
 * @param attachment null when detached
 * @param association null without a public address
 * @param description empty when none
 */
public record NetworkInterface(String id, String subnetId, String vpcId, String availabilityZone,
    String privateIpAddress, List<String> ipv6Addresses, List<String> groupIds, String status,
    String interfaceType, String description, String macAddress, boolean requesterManaged,
    boolean sourceDestCheck, Attachment attachment, PublicIp association) {

  public NetworkInterface {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subnetId, "subnetId");
    Objects.requireNonNull(privateIpAddress, "privateIpAddress");
    ipv6Addresses = List.copyOf(ipv6Addresses);
    groupIds = List.copyOf(groupIds);
  }

  /** Attached to an instance (or a service) at a device index. */
  public record Attachment(String id, String instanceId, int deviceIndex, String status,
      boolean deleteOnTermination) {}

  /**
   * A public IPv4 address mapped 1:1 to the private one by the IGW (vpc.md §23).
   *
   * @param allocationId null for an auto-assigned (non-Elastic) address
   * @param associationId null for an auto-assigned address
   */
  public record PublicIp(String publicIp, String allocationId, String associationId) {
    public PublicIp { Objects.requireNonNull(publicIp, "publicIp"); }
  }

  public NetworkInterface withGroups(List<String> groups) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groups, status, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        attachment, association);
  }

  public NetworkInterface withAssociation(PublicIp publicIp) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, status, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        attachment, publicIp);
  }

  public NetworkInterface withAttachment(Attachment a, String newStatus) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, newStatus, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        a, association);
  }

  public NetworkInterface withDescriptionAndCheck(String newDescription, boolean check) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, status, interfaceType, newDescription, macAddress, requesterManaged, check,
        attachment, association);
  }
}
