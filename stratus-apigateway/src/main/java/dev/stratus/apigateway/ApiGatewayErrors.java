package dev.stratus.apigateway;

import dev.stratus.core.AwsException;

/** AWS's API Gateway error codes and texts (v1 and v2 share them). */
final class ApiGatewayErrors {
  private ApiGatewayErrors() {}

  static AwsException notFound(String message) {
    return new AwsException("NotFoundException", 404, message);
  }

  static AwsException badRequest(String message) {
    return new AwsException("BadRequestException", 400, message);
  }

  static AwsException conflict(String message) {
    return new AwsException("ConflictException", 409, message);
  }

  static AwsException restApiNotFound(String accountId, String id) {
    return notFound("Invalid API identifier specified " + accountId + ":" + id);
  }

  static AwsException resourceNotFound() { return notFound("Invalid Resource identifier specified"); }

  static AwsException methodNotFound() { return notFound("Invalid Method identifier specified"); }

  static AwsException integrationNotFound() { return notFound("No integration defined for method"); }

  static AwsException responseNotFound() { return notFound("Invalid Response status code specified"); }

  static AwsException stageNotFound() { return notFound("Invalid Stage identifier specified"); }

  static AwsException deploymentNotFound() { return notFound("Invalid Deployment identifier specified"); }

  static AwsException apiKeyNotFound() { return notFound("Invalid API Key identifier specified"); }

  static AwsException usagePlanNotFound(String id) { return notFound("Invalid Usage Plan ID specified"); }

  static AwsException usagePlanKeyNotFound() { return notFound("Invalid Usage Plan Key ID specified"); }

  static AwsException modelNotFound(String name) { return notFound("Invalid model name specified: " + name); }

  static AwsException validatorNotFound() { return notFound("Invalid Request Validator identifier specified"); }

  static AwsException authorizerNotFound() { return notFound("Invalid Authorizer identifier specified"); }

  static AwsException required(String input, String field) {
    return badRequest("1 validation error detected: Value null at '" + input + "." + field
        + "' failed to satisfy constraint: Member must not be null");
  }
}
