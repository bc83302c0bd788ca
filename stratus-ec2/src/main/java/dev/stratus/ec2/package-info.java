/**
 * The EC2 VPC networking API, one subpackage per group of the EC2 API reference: {@code vpc},
 * {@code routing}, {@code security}, {@code gateways}, {@code interfaces}, {@code peering},
 * {@code transit}, {@code endpoints}, {@code vpn}, plus {@code insights} (Reachability Analyzer)
 * and {@code reachability} (the analysis engine). Each group holds its handlers
 * ({@code …Operations}: AWS SDK v2 requests in, SDK responses out), its {@code …Rules} (pure checks
 * that return AWS's error for the first rule a request breaks, which the handler throws) and the
 * {@code *Shapes} that convert the records of {@link dev.stratus.ec2.model} to SDK shapes. A
 * handler parses, looks rows up, asks the rules, writes in one {@code store.write}, and shapes.
 *
 * <p>This package is the module's plumbing: {@link dev.stratus.ec2.Ec2Module},
 * {@link dev.stratus.ec2.Ec2Store} over the store tables of {@link dev.stratus.ec2.Ec2Tables}
 * (scoped by {@code RequestContext.regionalScope()}), {@link dev.stratus.ec2.Ec2Errors} (AWS's
 * error codes and texts), id kinds, tags, filters, and the pagination every Describe* call shares
 * ({@code Ec2Pagination}, with AWS's per-operation limits in {@code PagedOperation});
 * {@code NetworkSnapshot} turns the stored state into the reachability engine's network.
 */
package dev.stratus.ec2;
