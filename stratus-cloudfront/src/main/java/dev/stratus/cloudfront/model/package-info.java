/**
 * CloudFront's stored records, and {@link dev.stratus.cloudfront.model.CloudFrontView}: the read
 * of distributions, policies and functions the edge data plane compiles from (configs as the
 * SDK's model types, stored as {@link dev.stratus.cloudfront.model.SdkJson} text).
 */
package dev.stratus.cloudfront.model;
