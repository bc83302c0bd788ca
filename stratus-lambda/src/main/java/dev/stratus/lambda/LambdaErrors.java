package dev.stratus.lambda;

import dev.stratus.core.AwsException;

/** AWS Lambda's error codes and texts. */
public final class LambdaErrors {
  private LambdaErrors() {}

  public static AwsException functionNotFound(String arn) {
    return notFound("Function not found: " + arn);
  }

  public static AwsException notFound(String message) {
    return new AwsException("ResourceNotFoundException", 404, message);
  }

  public static AwsException conflict(String message) {
    return new AwsException("ResourceConflictException", 409, message);
  }

  public static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameterValueException", 400, message);
  }

  public static AwsException invalidRequestContent(String message) {
    return new AwsException("InvalidRequestContentException", 400, message);
  }

  /** The "1 validation error detected" form Lambda answers for a member outside its constraint. */
  public static AwsException validation(String value, String member, String constraint) {
    return new AwsException("ValidationException", 400, "1 validation error detected: Value '" + value
        + "' at '" + member + "' failed to satisfy constraint: " + constraint);
  }

  public static AwsException service(String message) {
    return new AwsException("ServiceException", 500, message);
  }
}
