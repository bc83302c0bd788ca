package dev.stratus.s3;

import dev.stratus.core.AwsException;
import java.util.Map;

/** An S3 error: besides code, status and message, the elements S3 adds to its {@code <Error>} (BucketName, Key, …). */
final class S3Exception extends AwsException {
  private final Map<String, String> details;

  S3Exception(String code, int status, String message, Map<String, String> details) {
    super(code, status, message);
    this.details = Map.copyOf(details);
  }

  /** Extra elements in document order is not guaranteed; S3 clients read them by name. */
  Map<String, String> details() { return details; }
}
