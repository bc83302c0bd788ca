package dev.stratus.s3;

import dev.stratus.core.AwsException;
import java.util.Map;

/**
 * An S3 error: besides code, status and message, the elements S3 adds to its {@code <Error>}
 * (BucketName, Key, …), carried as {@link AwsException#details()}; S3 clients read them by name.
 */
final class S3Exception extends AwsException {
  S3Exception(String code, int status, String message, Map<String, String> details) {
    super(code, status, message, status >= 500 ? Fault.RECEIVER : Fault.SENDER, details);
  }
}
