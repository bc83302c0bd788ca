package dev.stratus.core.s3;

import java.util.concurrent.CompletableFuture;

/**
 * Writes log files into a bucket as an AWS service's log delivery does (CloudFront's standard
 * logs): an object put for the bucket's owner, as a PutObject through S3's own rules.
 */
public interface LogDelivery {

  /**
   * Puts {@code body} at {@code key} in {@code bucket}; the future completes on another thread
   * with whether S3 stored it (false: no such bucket, or S3 refused), never exceptionally.
   */
  CompletableFuture<Boolean> deliver(String bucket, String key, byte[] body, String contentType);
}
