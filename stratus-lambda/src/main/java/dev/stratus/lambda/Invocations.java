package dev.stratus.lambda;

import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.runtime.CodeStore;
import dev.stratus.lambda.runtime.FunctionRuntime;
import dev.stratus.lambda.runtime.FunctionSpec;
import dev.stratus.lambda.runtime.RuntimeResult;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/** Runs a stored function's current revision in the runtime. */
final class Invocations {
  private final CodeStore code;
  private final FunctionRuntime runtime;

  Invocations(CodeStore code, FunctionRuntime runtime) {
    this.code = code;
    this.runtime = runtime;
  }

  FunctionRuntime runtime() { return runtime; }

  /** Invokes {@code $LATEST} synchronously; blocks. */
  RuntimeResult invoke(LambdaFunction fn, byte[] payload, String invokedArn, Duration callerLimit, boolean wantLog)
      throws FunctionRuntime.StartFailure {
    return invoke(fn, "$LATEST", payload, invokedArn, callerLimit, wantLog);
  }

  /** Invokes {@code version} ({@code $LATEST} or a number; {@code fn} is its configuration) synchronously; blocks. */
  RuntimeResult invoke(LambdaFunction fn, String version, byte[] payload, String invokedArn, Duration callerLimit,
      boolean wantLog) throws FunctionRuntime.StartFailure {
    boolean latest = version.equals("$LATEST");
    String[] arn = fn.functionArn().split(":");
    FunctionSpec spec;
    try {
      spec = new FunctionSpec(fn.functionName(), latest ? fn.functionArn() : fn.functionArn() + ":" + version, arn[3],
          arn[4], fn.runtime(), fn.handler(), fn.timeout(), fn.memorySize(), fn.environment(), code.extracted(fn.codeKey()),
          fn.codeKey() + "@" + fn.lastModified(), // a policy or tag change keeps the warm environments
          version);
    } catch (IOException e) {
      throw new FunctionRuntime.StartFailure("Could not extract the deployment package: " + e.getMessage());
    }
    return runtime.invoke(spec, payload, UUID.randomUUID().toString(), invokedArn, callerLimit, wantLog);
  }
}
