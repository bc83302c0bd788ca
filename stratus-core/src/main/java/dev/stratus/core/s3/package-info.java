/**
 * What CloudFront asks S3 when a bucket is its origin ({@link dev.stratus.core.s3.BucketOrigin}) or
 * receives its access logs ({@link dev.stratus.core.s3.LogDelivery}), provided by the S3 module
 * through {@link dev.stratus.core.Extensions}.
 */
package dev.stratus.core.s3;
