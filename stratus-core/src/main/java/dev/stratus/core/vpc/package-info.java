/**
 * What other services may ask EC2 about VPCs: {@link dev.stratus.core.vpc.VpcLookup}, provided by
 * the EC2 module through {@link dev.stratus.core.Extensions} (ELBv2 subnets and security groups,
 * API Gateway VPC links, Global Accelerator endpoints).
 */
package dev.stratus.core.vpc;
