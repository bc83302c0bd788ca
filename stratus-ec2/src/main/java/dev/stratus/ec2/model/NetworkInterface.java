package dev.stratus.ec2.model;

import java.util.List;
import java.util.Objects;

/**
 * An elastic network interface: the thing that has addresses and security groups. Instances,
 * NAT gateways, interface endpoints, load balancer nodes and TGW attachments all reach the network
 * through one. What uses it is told as AWS tells it: the attachment's instance, else the
 * {@code interfaceType}, {@code description} and {@code requesterId} the creating service wrote
 * (the reachability index reads them).
 *
 * @param privateIpAddress the primary private IPv4 address
 * @param interfaceType AWS's value: {@code interface}, {@code nat_gateway}, {@code vpc_endpoint},
 *     {@code transit_gateway}, {@code network_load_balancer}, …
 * @param description empty when none; a service's interface carries the service's text
 *     ({@code Interface for NAT Gateway nat-…}, {@code ELB app/web/50dc6c495c0c9188}, …)
 * @param attachment null when detached
 * @param association null without a public address
 * @param requesterId who created a requester-managed interface ({@code amazon-elb}); null when
 *     not known (rows stored before it was kept, interfaces the account created)
 * @param secondaryPrivateIpAddresses further private IPv4 addresses ({@code PrivateIpAddresses}
 *     beyond the primary); empty in rows stored before they were kept
 */
public record NetworkInterface(String id, String subnetId, String vpcId, String availabilityZone,
    String privateIpAddress, List<String> ipv6Addresses, List<String> groupIds, String status,
    String interfaceType, String description, String macAddress, boolean requesterManaged,
    boolean sourceDestCheck, Attachment attachment, PublicIp association, String requesterId,
    List<String> secondaryPrivateIpAddresses) {

  public NetworkInterface {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subnetId, "subnetId");
    Objects.requireNonNull(privateIpAddress, "privateIpAddress");
    ipv6Addresses = List.copyOf(ipv6Addresses);
    groupIds = List.copyOf(groupIds);
    secondaryPrivateIpAddresses = secondaryPrivateIpAddresses == null ? List.of() : List.copyOf(secondaryPrivateIpAddresses);
  }

  /** An interface without a requester id or secondary addresses (what the control plane creates for the account). */
  public NetworkInterface(String id, String subnetId, String vpcId, String availabilityZone,
      String privateIpAddress, List<String> ipv6Addresses, List<String> groupIds, String status,
      String interfaceType, String description, String macAddress, boolean requesterManaged,
      boolean sourceDestCheck, Attachment attachment, PublicIp association) {
    this(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses, groupIds, status, interfaceType,
        description, macAddress, requesterManaged, sourceDestCheck, attachment, association, null, List.of());
  }

  /**
   * Attached to an instance (or by a service) at a device index.
   *
   * @param instanceId null when a service attached it (a load balancer node's)
   * @param instanceOwnerId the instance's account, or the service ({@code amazon-elb}); null in rows
   *     stored before it was kept
   */
  public record Attachment(String id, String instanceId, int deviceIndex, String status,
      boolean deleteOnTermination, String instanceOwnerId) {

    /** An attachment whose owner is not recorded. */
    public Attachment(String id, String instanceId, int deviceIndex, String status, boolean deleteOnTermination) {
      this(id, instanceId, deviceIndex, status, deleteOnTermination, null);
    }
  }

  /**
   * A public IPv4 address mapped 1:1 to the private one by the IGW (vpc.md §23).
   *
   * @param allocationId null for an auto-assigned (non-Elastic) address
   * @param associationId null for an auto-assigned address
   */
  public record PublicIp(String publicIp, String allocationId, String associationId) {
    public PublicIp { Objects.requireNonNull(publicIp, "publicIp"); }
  }

  /** Every private IPv4 address, primary first. */
  public List<String> privateIpAddresses() {
    if (secondaryPrivateIpAddresses.isEmpty()) return List.of(privateIpAddress);
    var all = new java.util.ArrayList<String>(1 + secondaryPrivateIpAddresses.size());
    all.add(privateIpAddress);
    all.addAll(secondaryPrivateIpAddresses);
    return all;
  }

  public NetworkInterface withGroups(List<String> groups) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groups, status, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        attachment, association, requesterId, secondaryPrivateIpAddresses);
  }

  public NetworkInterface withAssociation(PublicIp publicIp) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, status, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        attachment, publicIp, requesterId, secondaryPrivateIpAddresses);
  }

  public NetworkInterface withAttachment(Attachment a, String newStatus) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, newStatus, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        a, association, requesterId, secondaryPrivateIpAddresses);
  }

  public NetworkInterface withDescriptionAndCheck(String newDescription, boolean check) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, status, interfaceType, newDescription, macAddress, requesterManaged, check,
        attachment, association, requesterId, secondaryPrivateIpAddresses);
  }

  public NetworkInterface withRequesterId(String newRequesterId) {
    return new NetworkInterface(id, subnetId, vpcId, availabilityZone, privateIpAddress, ipv6Addresses,
        groupIds, status, interfaceType, description, macAddress, requesterManaged, sourceDestCheck,
        attachment, association, newRequesterId, secondaryPrivateIpAddresses);
  }
}
