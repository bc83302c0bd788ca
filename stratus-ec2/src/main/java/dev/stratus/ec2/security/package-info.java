/**
 * EC2 API groups "Security groups", "Security group rules", "Network ACLs" and "Prefix lists":
 * handlers, their rules ({@code SecurityGroupRules}, {@code NetworkAclRules}), the IpPermission conversions ({@code SecurityGroupPermissions}) and the SDK shapes.
 */
package dev.stratus.ec2.security;
