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
}
