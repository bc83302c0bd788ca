package dev.stratus.core.lambda;

import java.util.Objects;

/** How one service invocation ended; callers map each case to their own AWS error. */
public sealed interface InvocationOutcome {

  /**
   * The function ran and returned.
   *
   * @param payload the response payload (the handler's return value, or the error document)
   * @param functionError {@code Unhandled} or {@code Handled} when the function failed, else null
   *     (Lambda's {@code X-Amz-Function-Error})
   */
  record Returned(byte[] payload, String functionError) implements InvocationOutcome {
    public Returned {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** No such function (or qualifier). */
  record NotFound(String message) implements InvocationOutcome {}

  /** The function's resource policy does not allow this principal / source ARN. */
  record PermissionDenied(String message) implements InvocationOutcome {}

  /** The function or the caller timed out. */
  record TimedOut(String message) implements InvocationOutcome {}

  /** Lambda itself failed (runtime could not start, throttled): the caller answers 5xx. */
  record ServiceError(String message) implements InvocationOutcome {}
}
