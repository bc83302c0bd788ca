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
    if (id.startsWith("tgw-attach-")) return TRANSIT_GATEWAY_ATTACHMENT;
    if (id.startsWith("tgw-rtb-")) return TRANSIT_GATEWAY_ROUTE_TABLE;
    if (id.startsWith("tgw-")) return TRANSIT_GATEWAY;
    if (id.startsWith("i-")) return INSTANCE;
    if (id.startsWith("eni-")) return NETWORK_INTERFACE;
    if (id.startsWith("sg-")) return SECURITY_GROUP;
    if (id.startsWith("acl-")) return NETWORK_ACL;
    if (id.startsWith("subnet-")) return SUBNET;
    if (id.startsWith("vpc-")) return VPC;
    if (id.startsWith("rtb-")) return ROUTE_TABLE;
    if (id.startsWith("igw-")) return INTERNET_GATEWAY;
    if (id.startsWith("eigw-")) return EGRESS_ONLY_INTERNET_GATEWAY;
    if (id.startsWith("nat-")) return NAT_GATEWAY;
    if (id.startsWith("pcx-")) return VPC_PEERING_CONNECTION;
    if (id.startsWith("vpce-")) return VPC_ENDPOINT;
    if (id.startsWith("vgw-")) return VPN_GATEWAY;
    if (id.startsWith("vpn-")) return VPN_CONNECTION;
    if (id.startsWith("cgw-")) return CUSTOMER_GATEWAY;
    return IP_ADDRESS;
  }
}
