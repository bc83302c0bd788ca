/**
 * CloudFront's edge data plane (issue 9 item 3): real edge locations (SYD62, NRT57, FRA56, IAD89,
 * GRU3, …) each listening on its own loopback address, a viewer served by the edge nearest to it,
 * and per distribution a cache at every tier (edge → regional edge cache → Origin Shield → origin)
 * where concurrent misses collapse into one fetch.
 *
 * <p>Contract with the control plane: the edge reads {@link dev.stratus.cloudfront.dataplane.EdgeConfigSource}
 * (the SDK's {@code DistributionConfig} and policy configs by id) when told to
 * {@link dev.stratus.cloudfront.dataplane.CloudFrontEdge#deploy deploy} or
 * {@link dev.stratus.cloudfront.dataplane.CloudFrontEdge#remove remove} a distribution, and purges
 * every tier on {@link dev.stratus.cloudfront.dataplane.CloudFrontEdge#invalidate invalidate}.
 */
package dev.stratus.cloudfront.dataplane;
