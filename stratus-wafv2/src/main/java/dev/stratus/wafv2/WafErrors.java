package dev.stratus.wafv2;

import dev.stratus.core.AwsException;

/** AWS's WAFv2 error codes and texts. */
final class WafErrors {
  private WafErrors() {}

  /** Observed text for CLOUDFRONT scope outside us-east-1 (wafv2.md §17). */
  static AwsException invalidScope(String scope) {
    return new AwsException("WAFInvalidParameterException", 400,
        "Error reason: The scope is not valid., field: SCOPE_VALUE, parameter: " + scope);
  }

  static AwsException invalidParameter(String field, String value) {
    return new AwsException("WAFInvalidParameterException", 400,
        "Error reason: The parameter is not valid., field: " + field + ", parameter: " + value);
  }

  static AwsException nonexistentItem() {
    return new AwsException("WAFNonexistentItemException", 400,
        "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
  }
}
