package dev.stratus.core.s3;

import java.util.concurrent.CompletableFuture;

/**
 * Reads objects for a CloudFront edge as S3 serves an origin request: bucket policy evaluated for
 * the caller (anonymous, or CloudFront with origin access control naming the distribution),
 * conditional and range headers honoured, AWS's error bodies on refusal. Safe to call from an
 * event loop: the future completes on another thread and never completes exceptionally.
 */
public interface BucketOrigin {

  /** Whether Stratus holds a bucket named {@code bucket} (in any Region). */
  boolean holds(String bucket);

  CompletableFuture<OriginResponse> fetch(OriginRequest request);
}
