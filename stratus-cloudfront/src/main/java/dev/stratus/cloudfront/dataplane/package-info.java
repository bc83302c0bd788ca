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
 *
 * <p>CloudFront Functions (issue 9 item 4): a behavior's viewer-request function runs before the
 * cache lookup (it may rewrite the URI, query string, headers and cookies, or answer at once), its
 * viewer-response function before the response leaves (not for 400 and above); both run on the
 * functions' own threads, never on an event loop. Their LIVE code comes from
 * {@link dev.stratus.cloudfront.dataplane.FunctionCodeSource#liveFunction} (the control plane's
 * {@code CloudFrontView.liveFunction}), compiled at deploy; a function that throws, is missing or
 * runs past its budget gives the viewer CloudFront's 503 ({@code FunctionExecutionError} /
 * {@code FunctionThrottledError}). TestFunction runs on
 * {@link dev.stratus.cloudfront.dataplane.CloudFrontEdge#functionRuntime()}{@code .test(code, eventJson)}.
 */
package dev.stratus.cloudfront.dataplane;
