package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An elastic network interface: where packets enter and leave a subnet. Instances, interface
 * endpoints, NAT gateways and transit gateway VPC attachments all have them.
 *
 * @param id {@code eni-…}
 * @param region the Region
 * @param vpcId the VPC
 * @param subnetId the subnet
 * @param availabilityZone the subnet's zone
 * @param privateIpAddresses private addresses, primary first
 * @param publicIp the associated public or Elastic IP, if any (vpc.md §23)
 * @param securityGroupIds the groups ({@code Groups[].GroupId}); none for NAT and TGW interfaces
 * @param interfaceType AWS's {@code InterfaceType} ({@code interface}, {@code nat_gateway}, …)
 * @param attachment what uses the interface
 * @param sourceDestCheck whether the interface drops packets not addressed to or from it
 */
public record NetworkInterface(String id, String region, String vpcId, String subnetId,
    String availabilityZone, List<Cidr> privateIpAddresses, Optional<Cidr> publicIp,
    List<String> securityGroupIds, String interfaceType, Attachment attachment, boolean sourceDestCheck) {
  public NetworkInterface {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(vpcId, "vpcId");
    Objects.requireNonNull(subnetId, "subnetId");
    Objects.requireNonNull(availabilityZone, "availabilityZone");
    privateIpAddresses = List.copyOf(privateIpAddresses);
    Objects.requireNonNull(publicIp, "publicIp");
    securityGroupIds = List.copyOf(securityGroupIds);
    Objects.requireNonNull(interfaceType, "interfaceType");
    Objects.requireNonNull(attachment, "attachment");
  }

  /** The primary private address; empty for an interface without one. */
  public Optional<Cidr> primaryIp() {
    return privateIpAddresses.isEmpty() ? Optional.empty() : Optional.of(privateIpAddresses.get(0));
  }

  /** Whether the interface owns the address. */
  public boolean owns(Cidr address) { return privateIpAddresses.contains(address); }

  /** What the interface belongs to. */
  public sealed interface Attachment {
    /** An EC2 instance. */
    record Instance(String instanceId) implements Attachment {}

    /** An interface VPC endpoint. */
    record InterfaceEndpoint(String vpcEndpointId) implements Attachment {}

    /** A NAT gateway. */
    record NatGateway(String natGatewayId) implements Attachment {}

    /** A transit gateway VPC attachment. */
    record TransitGatewayAttachment(String transitGatewayAttachmentId) implements Attachment {}

    /** Not attached to anything (IGW ingress refuses it, vpc.md §46 IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS). */
    record Detached() implements Attachment {}
  }
}
