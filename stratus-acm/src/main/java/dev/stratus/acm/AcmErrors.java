package dev.stratus.acm;

import dev.stratus.core.AwsException;

/** ACM's error codes and texts. */
final class AcmErrors {
  private AcmErrors() {}

  static AwsException notFound(String arn) {
    return new AwsException("ResourceNotFoundException", 400, "Could not find certificate " + arn + ".");
  }

  static AwsException invalidArn(String arn) {
    return new AwsException("InvalidArnException", 400, "String '" + arn + "' is not a valid ARN.");
  }

  /** As AWS words it: {@code Certificate arn:aws:acm:…:certificate/… in account 123456789012 is in use.} */
  static AwsException inUse(String arn) {
    String[] parts = arn.split(":");
    return new AwsException("ResourceInUseException", 400,
        "Certificate " + arn + " in account " + (parts.length > 4 ? parts[4] : "") + " is in use.");
  }

  static AwsException validation(String message) {
    return new AwsException("ValidationException", 400, message);
  }

  static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameterException", 400, message);
  }

  static AwsException invalidDomain(String message) {
    return new AwsException("InvalidDomainValidationOptionsException", 400, message);
  }

  static AwsException limitExceeded(String message) {
    return new AwsException("LimitExceededException", 400, message);
  }

  static AwsException invalidTag(String message) {
    return new AwsException("InvalidTagException", 400, message);
  }

  static AwsException tooManyTags() {
    return new AwsException("TooManyTagsException", 400, "the TagSet: has too many tags: a resource can have at most 50 tags");
  }
}
