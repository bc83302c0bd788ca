package dev.stratus.core.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * One synchronous invocation by an AWS service.
 *
 * @param functionArn the function ARN, optionally with a {@code :qualifier} (version or alias)
 * @param payload the event, JSON
 * @param principal the calling service, e.g. {@code apigateway.amazonaws.com} or
 *     {@code elasticloadbalancing.amazonaws.com}
 * @param sourceArn the calling resource (an API's execute-api ARN, a target group ARN), checked
 *     against the policy's {@code AWS:SourceArn} condition
 * @param callerTimeout how long the caller waits (API Gateway: 29 s) before giving up, besides the
 *     function's own timeout
 */
public record ServiceInvocation(String functionArn, byte[] payload, String principal, String sourceArn,
    Duration callerTimeout) {
  public ServiceInvocation {
    Objects.requireNonNull(functionArn, "functionArn");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(sourceArn, "sourceArn");
    Objects.requireNonNull(callerTimeout, "callerTimeout");
  }
}
