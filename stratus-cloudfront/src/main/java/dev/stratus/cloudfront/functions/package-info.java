/**
 * CloudFront Functions (cloudfront.md §24–25): {@code cloudfront-js-2.0} code compiled once into a
 * pool of GraalJS contexts and run per viewer request or response, with AWS's modules, its
 * forbidden features, its 10 KB code limit and a compute budget reported as ComputeUtilization.
 * Pure: knows nothing of the edge.
 */
package dev.stratus.cloudfront.functions;
