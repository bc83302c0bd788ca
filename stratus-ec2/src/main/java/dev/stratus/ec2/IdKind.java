package dev.stratus.ec2;

import dev.stratus.core.AwsException;
import dev.stratus.ec2.model.Ec2Id;

/**
 * Each EC2 id family with its prefix and AWS's two errors for it: malformed (wrong shape) and
 * not found (right shape, no such resource). Codes keep AWS's inconsistent casing, from the
 * EC2 API reference error table; not-found texts follow AWS / moto ({@code The vpc ID 'vpc-…' does
 * not exist}, {@code The network acl ID '…' does not exist}, …).
 */
public enum IdKind {
  VPC("vpc-", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "vpc"),
  SUBNET("subnet-", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet"),
  ROUTE_TABLE("rtb-", "InvalidRouteTableId.Malformed", "InvalidRouteTableID.NotFound", "routeTable"),
  SECURITY_GROUP("sg-", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", null),
  INTERNET_GATEWAY("igw-", "InvalidInternetGatewayId.Malformed", "InvalidInternetGatewayID.NotFound", "internetGateway"),
  EGRESS_ONLY_INTERNET_GATEWAY("eigw-", "InvalidEgressOnlyInternetGatewayId.Malformed",
      "InvalidEgressOnlyInternetGatewayId.NotFound", "egressOnlyInternetGateway"),
  NETWORK_ACL("acl-", "InvalidNetworkAclId.Malformed", "InvalidNetworkAclID.NotFound", "network acl"),
  NETWORK_INTERFACE("eni-", "InvalidNetworkInterfaceId.Malformed", "InvalidNetworkInterfaceID.NotFound",
      "network interface"),
  INSTANCE("i-", "InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "instance"),
  NAT_GATEWAY("nat-", "NatGatewayMalformed", "NatGatewayNotFound", null),
  ALLOCATION("eipalloc-", "InvalidAllocationID.NotFound", "InvalidAllocationID.NotFound", "allocation"),
  PEERING("pcx-", "InvalidVpcPeeringConnectionId.Malformed", "InvalidVpcPeeringConnectionID.NotFound",
      "vpcPeeringConnection"),
  TRANSIT_GATEWAY("tgw-", "InvalidTransitGatewayID.Malformed", "InvalidTransitGatewayID.NotFound", "Transit Gateway"),
  TRANSIT_GATEWAY_ROUTE_TABLE("tgw-rtb-", "InvalidRouteTableID.Malformed", "InvalidRouteTableID.NotFound",
      "Transit Gateway Route Table"),
  TRANSIT_GATEWAY_ATTACHMENT("tgw-attach-", "InvalidTransitGatewayAttachmentID.Malformed",
      "InvalidTransitGatewayAttachmentID.NotFound", "Transit Gateway Attachment"),
  VPC_ENDPOINT("vpce-", "InvalidVpcEndpointId.Malformed", "InvalidVpcEndpointId.NotFound", "VpcEndPoint"),
  VPC_ENDPOINT_SERVICE("vpce-svc-", "InvalidVpcEndpointServiceId.Malformed", "InvalidVpcEndpointServiceId.NotFound",
      "VpcEndpointService"),
  CUSTOMER_GATEWAY("cgw-", "InvalidCustomerGatewayId.Malformed", "InvalidCustomerGatewayID.NotFound", "customer gateway"),
  VPN_GATEWAY("vgw-", "InvalidVpnGatewayID.NotFound", "InvalidVpnGatewayID.NotFound", "virtual private gateway"),
  VPN_CONNECTION("vpn-", "InvalidVpnConnectionID.NotFound", "InvalidVpnConnectionID.NotFound", "vpnConnection"),
  DHCP_OPTIONS("dopt-", "InvalidDhcpOptionsId.Malformed", "InvalidDhcpOptionID.NotFound", "dhcpOption"),
  PREFIX_LIST("pl-", "InvalidPrefixListId.Malformed", "InvalidPrefixListID.NotFound", "prefixList"),
  IMAGE("ami-", "InvalidAMIID.Malformed", "InvalidAMIID.NotFound", "image");

  /** The id prefix with its dash. */
  public final String prefix;
  private final String malformedCode;
  private final String notFoundCode;
  private final String noun;

  IdKind(String prefix, String malformedCode, String notFoundCode, String noun) {
    this.prefix = prefix;
    this.malformedCode = malformedCode;
    this.notFoundCode = notFoundCode;
    this.noun = noun;
  }

  /** The request parameter that usually carries this kind of id, for MissingParameter. */
  public String param() {
    return switch (this) {
      case VPC -> "VpcId";
      case SUBNET -> "SubnetId";
      case ROUTE_TABLE -> "RouteTableId";
      case SECURITY_GROUP -> "GroupId";
      case INTERNET_GATEWAY -> "InternetGatewayId";
      case EGRESS_ONLY_INTERNET_GATEWAY -> "EgressOnlyInternetGatewayId";
      case NETWORK_ACL -> "NetworkAclId";
      case NETWORK_INTERFACE -> "NetworkInterfaceId";
      case INSTANCE -> "InstanceId";
      case NAT_GATEWAY -> "NatGatewayId";
      case ALLOCATION -> "AllocationId";
      case PEERING -> "VpcPeeringConnectionId";
      case TRANSIT_GATEWAY -> "TransitGatewayId";
      case TRANSIT_GATEWAY_ROUTE_TABLE -> "TransitGatewayRouteTableId";
      case TRANSIT_GATEWAY_ATTACHMENT -> "TransitGatewayAttachmentId";
      case VPC_ENDPOINT -> "VpcEndpointId";
      case VPC_ENDPOINT_SERVICE -> "ServiceId";
      case CUSTOMER_GATEWAY -> "CustomerGatewayId";
      case VPN_GATEWAY -> "VpnGatewayId";
      case VPN_CONNECTION -> "VpnConnectionId";
      case DHCP_OPTIONS -> "DhcpOptionsId";
      case PREFIX_LIST -> "PrefixListId";
      case IMAGE -> "ImageId";
    };
  }

  /** A fresh id of this kind. */
  public String next() { return Ec2Id.next(prefix); }

  /** Throws AWS's malformed error unless {@code id} has this kind's shape. */
  public String checkShape(String id) {
    if (!Ec2Id.wellFormed(id, prefix)) {
      throw malformedCode.endsWith("NotFound") ? notFound(id) : Ec2Errors.malformed(malformedCode, id);
    }
    return id;
  }

  /** AWS's not-found error for {@code id}. */
  public AwsException notFound(String id) {
    return switch (this) {
      case SECURITY_GROUP -> Ec2Errors.groupNotFound(id);
      case ALLOCATION -> new AwsException(notFoundCode, 400, "Allocation ID '" + id + "' not found.");
      case VPC_ENDPOINT_SERVICE -> new AwsException(notFoundCode, 400, "The VpcEndpointService Id '" + id
          + "' does not exist");
      case NAT_GATEWAY -> Ec2Errors.natGatewayNotFound(id);
      case TRANSIT_GATEWAY, TRANSIT_GATEWAY_ROUTE_TABLE, TRANSIT_GATEWAY_ATTACHMENT ->
          Ec2Errors.tgwNotFound(notFoundCode, noun, id);
      default -> Ec2Errors.notFound(notFoundCode, noun, id);
    };
  }
}
