package dev.stratus.protocol.codec;

import dev.stratus.protocol.Operation;
import java.util.Map;
import java.util.Objects;

/** An operation found for a request, with the URI labels a REST template matched (else empty). */
public record ResolvedCall(Operation operation, Map<String, String> pathLabels) {
  public ResolvedCall {
    Objects.requireNonNull(operation, "operation");
    pathLabels = Map.copyOf(pathLabels);
  }

  public static ResolvedCall of(Operation operation) { return new ResolvedCall(operation, Map.of()); }
}
