package dev.stratus.ec2.reachability;

/**
 * Why a path is not reachable: AWS's {@code ExplanationCode} values (vpc.md §46,
 * https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html). Each constant
 * says when this analyzer produces it; the name is the exact wire value.
 */
public enum ExplanationCode {
  /** A gateway, NAT gateway, peering connection or transit gateway is not available/active. */
  BAD_STATE("The component is not in a functional state."),
  /** A gateway is not attached to the VPC, or a transit gateway attachment is not available. */
  BAD_STATE_ATTACHMENT("The attachment between these components is not in a functional state."),
  /** The selected VPC route is a blackhole (its target is gone), vpc.md §11. */
  BAD_STATE_ROUTE("The route is not in a functional state (blackhole)."),
  /** The VPN connection that would carry the packet is not available. */
  BAD_STATE_VPN("The VPN connection is not in a functional state."),
  /** A security group has no rule admitting the packet (either direction). */
  ENI_SG_RULES_MISMATCH("No rule of the security groups applies to the traffic."),
  /** A packet reaches an interface that is not its destination and source/destination check is on. */
  ENI_SOURCE_DEST_CHECK_RESTRICTION("The interface drops traffic not addressed to or from it (source/destination check)."),
  /** A gateway endpoint receives a packet whose source is not an interface of its VPC. */
  GATEWAY_REJECTS_SPOOFED_TRAFFIC("The gateway accepts only traffic from addresses of its VPC."),
  /** The packet leaves through an internet gateway towards a private (RFC 1918) address. */
  IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS("Internet gateways do not forward traffic to private addresses."),
  /** The internet gateway would have to carry the packet back into a VPC (not analysed by AWS either). */
  IGW_NAT_REFLECTION("An internet gateway cannot be an intermediate component; analyse the two legs separately."),
  /** Inbound traffic through an internet gateway targets an address without a public IP. */
  IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS(
      "The destination is not the public IP of an attached interface in the VPC."),
  /** Outbound traffic through an internet gateway comes from an interface without a public IP. */
  IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS(
      "The source address is not paired with a public IP of an attached interface in the VPC."),
  /** Inbound traffic through an internet gateway comes from a private (RFC 1918) address. */
  IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS("Internet gateways reject inbound traffic from private addresses."),
  /** The packet entered the VPC through peering, VPN or Direct Connect and is sent to a NAT gateway. */
  NGW_REQUIRES_SOURCE_IN_VPC("A NAT gateway only carries traffic from interfaces of its own VPC."),
  /** Nothing on the path can deliver the packet to the requested destination. */
  NO_POSSIBLE_DESTINATION("The component cannot deliver the packet to any possible destination."),
  /** The route table (VPC or transit gateway) has no route covering the destination. */
  NO_ROUTE_TO_DESTINATION("The route table has no applicable route to the destination."),
  /** A peering connection carries only packets to/from the two VPCs' own blocks (vpc.md §27). */
  PCX_REQUIRES_ADDRESS_IN_VPC_CIDR(
      "A peering connection carries traffic only between addresses of the two peered VPCs."),
  /** The component does not carry this traffic (an egress-only internet gateway and IPv4). */
  PROTOCOL_RESTRICTION("The component only accepts traffic with specific protocols."),
  /** A network ACL entry (or the implicit deny) drops the packet (vpc.md §19–21). */
  SUBNET_ACL_RESTRICTION("The subnet's network ACL does not admit the traffic."),
  /** The transit gateway attachment has no associated route table (vpc.md §31). */
  TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION("The transit gateway attachment has no route table association."),
  /** The transit gateway VPN attachment's VPN connection is not available. */
  TGW_BAD_STATE_VPN("The VPN connection of the transit gateway attachment is not in a functional state."),
  /** The VPC attachment has no subnet in the source's Availability Zone (vpc.md §35). */
  TGW_ROUTE_AZ_RESTRICTION("The transit gateway has no attachment subnet in the source's Availability Zone."),
  /** The selected transit gateway route is a blackhole (vpc.md §32). */
  TGW_RTB_BAD_STATE_ROUTE("The transit gateway route to the destination is in a bad state (blackhole)."),
  /** Inbound traffic through a virtual private gateway targets an address that is no interface of the VPC. */
  VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS(
      "The destination is not the private IP of an interface in the VPC (no edge-to-edge routing)."),
  /** Outbound traffic through a virtual private gateway does not come from an interface of the VPC. */
  VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS(
      "The source is not the private IP of an interface in the VPC (no edge-to-edge routing)."),
  /** A gateway endpoint only accepts TCP and ICMP echo. */
  VPCE_GATEWAY_PROTOCOL_RESTRICTION("Gateway endpoints accept only TCP and ICMP echo traffic.");

  private final String meaning;

  ExplanationCode(String meaning) { this.meaning = meaning; }

  /** What the code means, in one sentence. */
  public String meaning() { return meaning; }
}
