package dev.stratus.core.s3;

import java.util.Optional;

/**
 * Reads an object as an account's own request would (ELB reading a trust store's CA bundle for
 * the caller of CreateTrustStore): the bucket policy and ownership decide as on the API port.
 * Blocking (a read of a stored file): call it off the event loops.
 */
public interface ObjectReader {

  /** What came of the read. */
  sealed interface Result {
    record Found(byte[] body) implements Result {}

    /** S3's refusal: NoSuchBucket, NoSuchKey, NoSuchVersion, AccessDenied, … */
    record Refused(String code, String message) implements Result {}
  }

  /** @param versionId the version to read, empty for the current one */
  Result read(String accountId, String bucket, String key, Optional<String> versionId);
}
