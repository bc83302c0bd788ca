package dev.stratus.wafv2;

import dev.stratus.core.AwsException;

/**
 * AWS's WAFv2 error codes and texts. Parameter errors carry AWS's "Error reason: …, field: …,
 * parameter: …" message, the field one of the API's {@code ParameterExceptionField} values.
 */
final class WafErrors {
  private WafErrors() {}

  /** Observed text for CLOUDFRONT scope outside us-east-1 (wafv2.md §17). */
  static AwsException invalidScope(String scope) {
    return invalid("The scope is not valid.", "SCOPE_VALUE", scope);
  }

  static AwsException invalidParameter(String field, String value) {
    return invalid("The parameter is not valid.", field, value);
  }

  /** The message, and the Field / Parameter / Reason members the SDK exposes as {@code field()} etc. */
  static AwsException invalid(String reason, String field, String parameter) {
    return new AwsException("WAFInvalidParameterException", 400,
        "Error reason: " + reason + ", field: " + field + ", parameter: " + parameter, AwsException.Fault.SENDER,
        java.util.Map.of("Field", field, "Parameter", parameter, "Reason", reason));
  }

  /** One of a union's members (an action, a statement) must be set, and only one. */
  static AwsException exactlyOne(String field, Object parameter) {
    return invalid("You have used none or multiple values for a field that requires exactly one value.", field,
        String.valueOf(parameter));
  }

  static AwsException invalidArn(String field, String arn) {
    return invalid("The ARN isn't valid. A valid ARN begins with arn: and includes other information separated by colons or slashes.",
        field, arn);
  }

  static AwsException nonexistentItem() {
    return new AwsException("WAFNonexistentItemException", 400,
        "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
  }

  static AwsException duplicateItem() {
    return new AwsException("WAFDuplicateItemException", 400,
        "AWS WAF couldn’t perform the operation because some resource in your request is a duplicate of an existing one.");
  }

  static AwsException optimisticLock() {
    return new AwsException("WAFOptimisticLockException", 400,
        "AWS WAF couldn’t save your changes because someone changed the resource after you started to edit it. Reapply your changes.");
  }

  static AwsException associatedItem() {
    return new AwsException("WAFAssociatedItemException", 400,
        "AWS WAF couldn’t perform the operation because your resource is being used by another resource or it’s associated with another resource.");
  }

  static AwsException limitsExceeded() {
    return new AwsException("WAFLimitsExceededException", 400,
        "AWS WAF couldn’t perform the operation because you exceeded your resource limit. For example, the maximum number of WebACL objects that you can create for an Amazon Web Services account. For more information, see WAF quotas in the WAF Developer Guide.");
  }

  static AwsException unavailableEntity() {
    return new AwsException("WAFUnavailableEntityException", 400,
        "AWS WAF couldn’t retrieve a resource that you specified for this operation. If you've just created a resource that you're using in this operation, you might just need to wait a few minutes. It can take from a few seconds to a number of minutes for changes to propagate. Verify the resources that you are specifying in your operation request and retry.");
  }
}
