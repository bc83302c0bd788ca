/**
 * S3 inside Stratus: its own HTTP handler on the API port (virtual-hosted and path-style
 * addressing, streaming aws-chunked bodies), object bodies as files under the data dir, and the
 * {@link dev.stratus.core.s3.BucketOrigin} CloudFront's edge reads.
 */
package dev.stratus.s3;
