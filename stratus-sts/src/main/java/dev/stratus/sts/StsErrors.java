package dev.stratus.sts;

import dev.stratus.core.AwsException;
import dev.stratus.sts.model.StsRules;
import java.util.List;

/** STS's error codes and texts, as AWS answers them. */
final class StsErrors {
  private StsErrors() {}

  /** A member outside AWS's limits: {@code ValidationError} (400) listing every violation. */
  static AwsException validation(List<String> violations) {
    return new AwsException("ValidationError", 400, StsRules.message(violations));
  }

  /** A RoleArn that is not an IAM role ARN. */
  static AwsException invalidRoleArn(String arn) {
    return new AwsException("ValidationError", 400, arn + " is invalid");
  }

  /** AssumeRole signed with credentials from AssumeRole, asking for more than one hour. */
  static AwsException roleChainingLimit() {
    return new AwsException("ValidationError", 400,
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }

  /** GetSessionToken signed with temporary credentials. */
  static AwsException sessionTokenWithSessionCredentials() {
    return new AwsException("AccessDenied", 403, "Cannot call GetSessionToken with session credentials");
  }
}
