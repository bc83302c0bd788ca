package dev.stratus.core.s3;

import java.util.Objects;

/**
 * Reads an object for an AWS service acting with an account's credentials, e.g. Lambda fetching a
 * deployment package named by {@code S3Bucket}/{@code S3Key}: S3 decides as for a GetObject signed
 * by {@code accountId} (ownership and bucket policy). Blocks: call it off event loops.
 */
public interface ObjectReader {

  /** Reads {@code key} (the version {@code versionId}, or the current one when null). */
  ObjectRead read(String accountId, String bucket, String key, String versionId);

  /**
   * The object's bytes (status 200), or S3's refusal: its status, error code and message
   * ({@code NoSuchBucket}, {@code NoSuchKey}, {@code AccessDenied}…).
   */
  record ObjectRead(int status, byte[] body, String errorCode, String errorMessage) {
    public ObjectRead {
      Objects.requireNonNull(body, "body");
    }

    public boolean found() { return status == 200; }
  }
}
