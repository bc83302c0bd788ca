package dev.stratus.ec2.model;

/**
 * AWS's default VPC quotas that Stratus enforces (aws-behaviour/vpc.md §12, §18, §22).
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 */
public final class VpcQuotas {
  /** Inbound or outbound rules per security group, counted per direction (60, §18). */
  public static final int RULES_PER_SECURITY_GROUP = 60;
  /** Security groups per network interface (5, §18). */
  public static final int SECURITY_GROUPS_PER_INTERFACE = 5;
  /** Non-propagated routes per route table, counted separately for IPv4 and IPv6 (50, §12). */
  public static final int ROUTES_PER_TABLE = 50;
  /** Route tables per VPC (200, §12). */
  public static final int ROUTE_TABLES_PER_VPC = 200;
  /** Rules per network ACL direction, IPv4 and IPv6 apart, including the implicit deny (20, §22). */
  public static final int RULES_PER_ACL_DIRECTION = 20;

  private VpcQuotas() {}
}
