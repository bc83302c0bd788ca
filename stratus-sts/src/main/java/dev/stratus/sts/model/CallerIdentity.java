package dev.stratus.sts.model;

import java.util.Objects;

/**
 * Who a set of credentials is, as GetCallerIdentity answers: the account, the principal's ARN
 * and its unique id ({@code 123456789012} for the root user, {@code AROA…:session} for an
 * assumed role).
 */
public record CallerIdentity(String account, String arn, String userId) {
  public CallerIdentity {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(userId, "userId");
  }

  /**
   * The identity of a long-term key. Stratus has no IAM users, so every long-term key is its
   * account's root user, whose UserId AWS gives as the account id itself.
   */
  public static CallerIdentity root(String account) {
    return new CallerIdentity(account, "arn:aws:iam::" + account + ":root", account);
  }
}
