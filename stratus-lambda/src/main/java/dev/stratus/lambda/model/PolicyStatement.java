package dev.stratus.lambda.model;

import java.util.Objects;

/**
 * One statement of a function's resource-based policy, as AddPermission wrote it.
 *
 * @param principal as given: a service ({@code apigateway.amazonaws.com}), an account id, an ARN or {@code *}
 * @param sourceArn the {@code AWS:SourceArn} condition (ArnLike, wildcards allowed), or null
 * @param sourceAccount the {@code AWS:SourceAccount} condition, or null
 * @param resource the function ARN (with the qualifier the permission was added for)
 */
public record PolicyStatement(String sid, String action, String principal, String sourceArn, String sourceAccount,
    String principalOrgId, String resource) {
  public PolicyStatement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resource, "resource");
  }
}
