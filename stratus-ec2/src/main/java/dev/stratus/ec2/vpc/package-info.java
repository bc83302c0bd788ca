/**
 * EC2 API groups "VPCs", "Subnets", "DHCP options" and "Regions and Zones": their handlers, their rules
 * ({@code VpcRules}, {@code SubnetRules}, {@code DhcpOptionsRules}), the default VPC and what a new VPC starts with ({@code VpcFactory}, {@code Ipv6Defaults}), the
 * checks before a VPC is deleted ({@code VpcDependencies}), their SDK shapes ({@code VpcShapes}), and
 * the {@code VpcLookup} other services use to place resources in a VPC.
 */
package dev.stratus.ec2.vpc;
