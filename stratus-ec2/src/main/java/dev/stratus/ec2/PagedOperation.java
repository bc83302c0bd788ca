package dev.stratus.ec2;

import java.util.Optional;

/**
 * The paginated EC2 operations Stratus serves, each with the MaxResults range AWS accepts, what
 * AWS does above it, and the id list AWS refuses to combine with MaxResults.
 */
public enum PagedOperation {
  /*
   * Sources, in order of authority:
   *  [model] AWS's EC2 service model (botocore data/ec2/2016-11-15/service-2.json, botocore 1.43.11):
   *          the MaxResults member's shape carries min and max, e.g. DescribeVpcsMaxResults 5..1000,
   *          DescribeRouteTablesMaxResults 5..100, DescribeEgressOnlyInternetGatewaysMaxResults 5..255,
   *          TransitGatewayMaxResults 5..1000, PrefixListMaxResults 1..100.
   *  [doc]   the same model's MaxResults documentation (= the EC2 API reference text) where the shape is a
   *          bare Integer: "This value can be between 5 and 1000" (DescribeTags, DescribeSecurityGroups,
   *          DescribeSecurityGroupRules); "between 5 and 1,000; if MaxResults is given a value larger than
   *          1,000, only 1,000 results are returned" (DescribeVpcEndpointConnections,
   *          DescribeVpcEndpointServiceConfigurations); "If the value is greater than 1,000, we return only
   *          1,000 items" (DescribeVpcEndpoints, DescribeVpcEndpointServices); "You cannot specify this
   *          parameter and the instance IDs parameter in the same request" (DescribeInstances; likewise
   *          network interface IDs for DescribeNetworkInterfaces).
   *  [error] AWS's answer for DescribeInstances MaxResults=3: "Value ( 3 ) for parameter maxResults is
   *          invalid. Expecting a value greater than 5." (aws/aws-sdk-ruby#2575 quotes the same for 1).
   *  [stratus] nothing documented: the minimum is taken as 1 and values above 1000 are clamped, the
   *          lenient reading, so no request AWS accepts is refused here.
   */

  /** [model] DescribeVpcsMaxResults. */
  DESCRIBE_VPCS(5, 1000, false, null),
  /** [model] DescribeSubnetsMaxResults. */
  DESCRIBE_SUBNETS(5, 1000, false, null),
  /** [model] DescribeRouteTablesMaxResults: 5..100, the one VPC resource capped at 100. */
  DESCRIBE_ROUTE_TABLES(5, 100, false, null),
  /** [model] DescribeSecurityGroupsMaxResults; [doc] "between 5 and 1000". */
  DESCRIBE_SECURITY_GROUPS(5, 1000, false, null),
  /** [model] GetSecurityGroupsForVpcRequestMaxResults: 5..1000. */
  GET_SECURITY_GROUPS_FOR_VPC(5, 1000, false, null),
  /** [model] DescribeSecurityGroupRulesMaxResults; [doc] "between 5 and 1000". */
  DESCRIBE_SECURITY_GROUP_RULES(5, 1000, false, null),
  /** [model] DescribeNetworkAclsMaxResults. */
  DESCRIBE_NETWORK_ACLS(5, 1000, false, null),
  /** [model] DescribeNetworkInterfacesMaxResults; [doc] not with network interface ids. */
  DESCRIBE_NETWORK_INTERFACES(5, 1000, false, "networkInterfaceIdSet"),
  /** [error] minimum 5; [doc] not with instance ids; [stratus] no documented maximum, clamped at 1000. */
  DESCRIBE_INSTANCES(5, 1000, true, "instancesSet"),
  /** [model] DescribeInternetGatewaysMaxResults. */
  DESCRIBE_INTERNET_GATEWAYS(5, 1000, false, null),
  /** [model] DescribeEgressOnlyInternetGatewaysMaxResults: 5..255. */
  DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS(5, 255, false, null),
  /** [model] DescribeNatGatewaysMaxResults. */
  DESCRIBE_NAT_GATEWAYS(5, 1000, false, null),
  /** [model] DescribeVpcPeeringConnectionsMaxResults. */
  DESCRIBE_VPC_PEERING_CONNECTIONS(5, 1000, false, null),
  /** [model] DescribeDhcpOptionsMaxResults. */
  DESCRIBE_DHCP_OPTIONS(5, 1000, false, null),
  /** [doc] "This value can be between 5 and 1000". */
  DESCRIBE_TAGS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  DESCRIBE_TRANSIT_GATEWAYS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  DESCRIBE_TRANSIT_GATEWAY_VPC_ATTACHMENTS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  DESCRIBE_TRANSIT_GATEWAY_PEERING_ATTACHMENTS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  DESCRIBE_TRANSIT_GATEWAY_ROUTE_TABLES(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  GET_TRANSIT_GATEWAY_ROUTE_TABLE_ASSOCIATIONS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults. */
  GET_TRANSIT_GATEWAY_ROUTE_TABLE_PROPAGATIONS(5, 1000, false, null),
  /** [model] TransitGatewayMaxResults; [doc] "If a value is not provided, the default is 1000"; no NextToken. */
  SEARCH_TRANSIT_GATEWAY_ROUTES(5, 1000, false, null),
  /** [model] PrefixListMaxResults: 1..100. */
  DESCRIBE_MANAGED_PREFIX_LISTS(1, 100, false, null),
  /** [model] PrefixListMaxResults: 1..100. */
  GET_MANAGED_PREFIX_LIST_ENTRIES(1, 100, false, null),
  /** [stratus] bare Integer, no range documented. */
  DESCRIBE_PREFIX_LISTS(1, 1000, true, null),
  /** [doc] above 1,000 only 1,000 are returned; [stratus] minimum 1. */
  DESCRIBE_VPC_ENDPOINTS(1, 1000, true, null),
  /** [doc] above 1,000 only 1,000 are returned; [stratus] minimum 1. */
  DESCRIBE_VPC_ENDPOINT_SERVICES(1, 1000, true, null),
  /** [doc] between 5 and 1,000, larger values return 1,000. */
  DESCRIBE_VPC_ENDPOINT_CONNECTIONS(5, 1000, true, null),
  /** [doc] between 5 and 1,000, larger values return 1,000. */
  DESCRIBE_VPC_ENDPOINT_SERVICE_CONFIGURATIONS(5, 1000, true, null);

  /** Smallest MaxResults AWS accepts. */
  public final int min;
  /** Largest MaxResults AWS accepts, or (when {@link #clampAbove}) the most items one page holds. */
  public final int max;
  /** Whether a MaxResults above {@link #max} is served as {@code max} instead of refused. */
  public final boolean clampAbove;
  private final String idsParameter;

  PagedOperation(int min, int max, boolean clampAbove, String idsParameter) {
    this.min = min;
    this.max = max;
    this.clampAbove = clampAbove;
    this.idsParameter = idsParameter;
  }

  /** The wire name of the id list AWS refuses together with MaxResults (e.g. {@code instancesSet}), if any. */
  public Optional<String> idsParameter() { return Optional.ofNullable(idsParameter); }

  /**
   * Whether an empty NextToken is refused rather than read as "first page": AWS's DescribeVpcs
   * answers {@code NextToken=""} with "Value (  ) for parameter NextToken is invalid. The token is
   * invalid." while DescribeSecurityGroups accepts it (boto/boto3#2673); the others are taken to accept.
   */
  public boolean refusesEmptyToken() { return this == DESCRIBE_VPCS; }
}
