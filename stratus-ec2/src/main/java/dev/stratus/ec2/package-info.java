/**
 * The EC2 VPC networking API: {@link dev.stratus.ec2.Ec2Module} and one handler class per group
 * of the EC2 API reference ({@code VpcOperations}, {@code SubnetOperations},
 * {@code RouteTableOperations}, …). Handlers take AWS SDK v2 request objects and return SDK
 * responses; {@code *Shapes} classes convert between SDK shapes and the records of
 * {@link dev.stratus.ec2.model}; {@link dev.stratus.ec2.Ec2Errors} holds AWS's error codes and
 * texts. State lives in the store tables of {@link dev.stratus.ec2.Ec2Tables}, scoped by
 * {@code RequestContext.regionalScope()}. Paginated Describe* calls share {@code Ec2Pagination}
 * (MaxResults / NextToken), with AWS's per-operation limits in {@code PagedOperation}.
 */
package dev.stratus.ec2;
