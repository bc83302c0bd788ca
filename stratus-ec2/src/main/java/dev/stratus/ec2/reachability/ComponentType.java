package dev.stratus.ec2.reachability;

/** The kind of a path component, with the CloudFormation-style type name AWS's analysis uses. */
public enum ComponentType {
  /** An EC2 instance. */
  INSTANCE("AWS::EC2::Instance"),
  /** A network interface. */
  NETWORK_INTERFACE("AWS::EC2::NetworkInterface"),
  /** A security group. */
  SECURITY_GROUP("AWS::EC2::SecurityGroup"),
  /** A network ACL. */
  NETWORK_ACL("AWS::EC2::NetworkAcl"),
  /** A subnet. */
  SUBNET("AWS::EC2::Subnet"),
  /** A VPC. */
  VPC("AWS::EC2::VPC"),
  /** A VPC route table. */
  ROUTE_TABLE("AWS::EC2::RouteTable"),
  /** An internet gateway. */
  INTERNET_GATEWAY("AWS::EC2::InternetGateway"),
  /** An egress-only internet gateway. */
  EGRESS_ONLY_INTERNET_GATEWAY("AWS::EC2::EgressOnlyInternetGateway"),
  /** A NAT gateway. */
  NAT_GATEWAY("AWS::EC2::NatGateway"),
  /** A VPC peering connection. */
  VPC_PEERING_CONNECTION("AWS::EC2::VPCPeeringConnection"),
  /** A transit gateway. */
  TRANSIT_GATEWAY("AWS::EC2::TransitGateway"),
  /** A transit gateway attachment. */
  TRANSIT_GATEWAY_ATTACHMENT("AWS::EC2::TransitGatewayAttachment"),
  /** A transit gateway route table. */
  TRANSIT_GATEWAY_ROUTE_TABLE("AWS::EC2::TransitGatewayRouteTable"),
  /** A VPC endpoint. */
  VPC_ENDPOINT("AWS::EC2::VPCEndpoint"),
  /** A virtual private gateway. */
  VPN_GATEWAY("AWS::EC2::VPNGateway"),
  /** A Site-to-Site VPN connection. */
  VPN_CONNECTION("AWS::EC2::VPNConnection"),
  /** A customer gateway. */
  CUSTOMER_GATEWAY("AWS::EC2::CustomerGateway"),
  /** A bare IP address (the internet or an on-premises host). */
  IP_ADDRESS("IpAddress");

  private final String awsType;

  ComponentType(String awsType) { this.awsType = awsType; }

  /** The type name AWS prints, e.g. {@code AWS::EC2::NetworkInterface}. */
  public String awsType() { return awsType; }

  /** The type of the resource an id names, judged by its AWS prefix. */
  public static ComponentType ofId(String id) {
    // Every hop of every analysis asks: branch on the first letter, then compare only that letter's prefixes.
    if (id.isEmpty()) return IP_ADDRESS;
    return switch (id.charAt(0)) {
      case 't' -> id.startsWith("tgw-attach-") ? TRANSIT_GATEWAY_ATTACHMENT : id.startsWith("tgw-rtb-")
          ? TRANSIT_GATEWAY_ROUTE_TABLE : id.startsWith("tgw-") ? TRANSIT_GATEWAY : IP_ADDRESS;
      case 'i' -> id.startsWith("i-") ? INSTANCE : id.startsWith("igw-") ? INTERNET_GATEWAY : IP_ADDRESS;
      case 'e' -> id.startsWith("eni-") ? NETWORK_INTERFACE : id.startsWith("eigw-") ? EGRESS_ONLY_INTERNET_GATEWAY
          : IP_ADDRESS;
      case 's' -> id.startsWith("sg-") ? SECURITY_GROUP : id.startsWith("subnet-") ? SUBNET : IP_ADDRESS;
      case 'a' -> id.startsWith("acl-") ? NETWORK_ACL : IP_ADDRESS;
      case 'v' -> id.startsWith("vpc-") ? VPC : id.startsWith("vpce-") ? VPC_ENDPOINT : id.startsWith("vgw-") ? VPN_GATEWAY
          : id.startsWith("vpn-") ? VPN_CONNECTION : IP_ADDRESS;
      case 'r' -> id.startsWith("rtb-") ? ROUTE_TABLE : IP_ADDRESS;
      case 'n' -> id.startsWith("nat-") ? NAT_GATEWAY : IP_ADDRESS;
      case 'p' -> id.startsWith("pcx-") ? VPC_PEERING_CONNECTION : IP_ADDRESS;
      case 'c' -> id.startsWith("cgw-") ? CUSTOMER_GATEWAY : IP_ADDRESS;
      default -> IP_ADDRESS;
    };
  }
}
