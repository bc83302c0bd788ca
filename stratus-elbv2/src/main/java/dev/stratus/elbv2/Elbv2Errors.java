package dev.stratus.elbv2;

import dev.stratus.core.AwsException;

/** AWS's ELBv2 error codes and texts (codes from the API reference's error lists; all HTTP 400). */
final class Elbv2Errors {
  private Elbv2Errors() {}

  static AwsException error(String code, String message) { return new AwsException(code, 400, message); }

  static AwsException loadBalancerNotFound() { return error("LoadBalancerNotFound", "One or more load balancers not found"); }

  static AwsException targetGroupNotFound() { return error("TargetGroupNotFound", "One or more target groups not found"); }

  static AwsException listenerNotFound() { return error("ListenerNotFound", "One or more listeners not found"); }

  static AwsException ruleNotFound() { return error("RuleNotFound", "One or more rules not found"); }

  static AwsException invalidArn(String kind, String arn) {
    return error("ValidationError", "'" + arn + "' is not a valid " + kind + " ARN");
  }

  static AwsException validation(String message) { return error("ValidationError", message); }

  static AwsException invalidConfiguration(String message) { return error("InvalidConfigurationRequest", message); }

  static AwsException invalidAction(String message) { return error("InvalidLoadBalancerAction", message); }
}
