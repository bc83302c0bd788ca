package dev.stratus.cloudfront;

import dev.stratus.core.AwsException;

/** AWS's CloudFront error codes and texts. */
final class CloudFrontErrors {
  private CloudFrontErrors() {}

  static AwsException noSuchDistribution() {
    return new AwsException("NoSuchDistribution", 404, "The specified distribution does not exist.");
  }

  static AwsException invalidArgument(String message) {
    return new AwsException("InvalidArgument", 400, message);
  }
}
