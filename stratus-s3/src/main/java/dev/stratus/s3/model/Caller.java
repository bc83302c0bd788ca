package dev.stratus.s3.model;

/** Who makes an S3 request, as a bucket policy sees the principal. */
public sealed interface Caller {
  /** An unsigned request: principal {@code *} only. */
  record Anonymous() implements Caller {}

  /** A request signed by an access key of {@code accountId}. */
  record Account(String accountId) implements Caller {}

  /**
   * An AWS service acting for a resource, e.g. CloudFront with origin access control:
   * service {@code cloudfront.amazonaws.com}, source ARN the distribution's.
   */
  record Service(String service, String sourceArn) implements Caller {}
}
