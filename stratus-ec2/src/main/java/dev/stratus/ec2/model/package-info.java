/**
 * The EC2 VPC networking model: one record per AWS resource in the SDK's spelling ({@link
 * dev.stratus.ec2.model.Vpc}, {@link dev.stratus.ec2.model.RouteTable}, {@link
 * dev.stratus.ec2.model.SecurityGroup}, …), closed families as sealed interfaces ({@link
 * dev.stratus.ec2.model.RouteTarget}), and the pure rule classes ({@link
 * dev.stratus.ec2.model.CidrRules}, {@link dev.stratus.ec2.model.SubnetAddressing}). Nothing here imports the AWS SDK or does I/O, so a
 * reachability analysis can read these records straight from the store.
 *
 * <p>Fields documented as "null when …" are the only nullable ones; collections are never null.
 */
package dev.stratus.ec2.model;
