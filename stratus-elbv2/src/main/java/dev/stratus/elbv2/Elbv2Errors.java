package dev.stratus.elbv2;

import dev.stratus.core.AwsException;

/** AWS's ELBv2 error codes and texts (codes from the API reference's error lists). */
final class Elbv2Errors {
  private Elbv2Errors() {}

  static AwsException loadBalancerNotFound() {
    return new AwsException("LoadBalancerNotFound", 400, "One or more load balancers not found");
  }

  static AwsException targetGroupNotFound() {
    return new AwsException("TargetGroupNotFound", 400, "One or more target groups not found");
  }

  static AwsException listenerNotFound() {
    return new AwsException("ListenerNotFound", 400, "One or more listeners not found");
  }

  static AwsException invalidArn(String kind, String arn) {
    return new AwsException("ValidationError", 400, "'" + arn + "' is not a valid " + kind + " ARN");
  }

  static AwsException validation(String message) {
    return new AwsException("ValidationError", 400, message);
  }
}
