package dev.stratus.core.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * Invokes Lambda functions on behalf of an AWS service, as the service's principal: the function's
 * resource policy must allow {@link ServiceInvocation#principal()} (and the source ARN, when the
 * policy names one), as AWS checks it. Safe to call from an event loop: the returned future
 * completes on another thread.
 */
public interface FunctionInvoker {

  /** Invokes synchronously (RequestResponse); the future never completes exceptionally. */
  CompletableFuture<InvocationOutcome> invoke(ServiceInvocation invocation);

  /**
   * Whether the function exists and its resource policy lets {@code principal} invoke it for
   * {@code sourceArn}, as ELB checks on RegisterTargets. Implementations that keep policies
   * override this; the default (for test doubles) allows.
   */
  default boolean allows(String functionArn, String principal, String sourceArn) { return true; }
}
