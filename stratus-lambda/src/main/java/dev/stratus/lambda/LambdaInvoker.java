package dev.stratus.lambda;

import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.core.store.Store;
import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.model.ResourcePolicy;
import dev.stratus.lambda.runtime.FunctionRuntime;
import dev.stratus.lambda.runtime.RuntimeResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Invocations by AWS services (API Gateway, ALB): allowed only when the function's resource
 * policy names the service principal and, when it has one, a matching {@code AWS:SourceArn}.
 */
final class LambdaInvoker implements FunctionInvoker {
  private final Store store;
  private final Invocations invocations;
  private final Executor threads = Executors.newVirtualThreadPerTaskExecutor();

  LambdaInvoker(Store store, Invocations invocations) {
    this.store = store;
    this.invocations = invocations;
  }

  @Override
  public CompletableFuture<InvocationOutcome> invoke(ServiceInvocation inv) {
    return CompletableFuture.supplyAsync(() -> run(inv), threads);
  }

  @Override
  public boolean allows(String functionArn, String principal, String sourceArn) {
    return find(functionArn).map(f -> ResourcePolicy.allowsService(f.policy(), principal, sourceArn)).orElse(false);
  }

  private InvocationOutcome run(ServiceInvocation inv) {
    try {
      var ref = LambdaRules.parseFunctionName(inv.functionArn(), "functionName");
      var fn = find(inv.functionArn());
      if (fn.isEmpty() || (ref.qualifier() != null && !ref.qualifier().equals("$LATEST"))) {
        return new InvocationOutcome.NotFound("Function not found: " + inv.functionArn());
      }
      LambdaFunction f = fn.get();
      if (!ResourcePolicy.allowsService(f.policy(), inv.principal(), inv.sourceArn())) {
        return new InvocationOutcome.PermissionDenied("The resource policy of " + inv.functionArn()
            + " does not allow " + inv.principal() + " to invoke it from " + inv.sourceArn());
      }
      Duration limit = inv.callerTimeout();
      RuntimeResult result = invocations.invoke(f, inv.payload(), inv.functionArn(), limit, false);
      if (result.functionError() != null && limit.compareTo(Duration.ofSeconds(f.timeout())) < 0
          && new String(result.payload(), java.nio.charset.StandardCharsets.UTF_8).contains("Sandbox.Timedout")) {
        return new InvocationOutcome.TimedOut("The caller gave up after " + limit.toMillis() + " ms");
      }
      return new InvocationOutcome.Returned(result.payload(), result.functionError());
    } catch (FunctionRuntime.StartFailure e) {
      return new InvocationOutcome.ServiceError(e.getMessage());
    } catch (RuntimeException e) {
      return new InvocationOutcome.ServiceError(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private Optional<LambdaFunction> find(String functionArn) {
    LambdaRules.FunctionRef ref;
    try {
      ref = LambdaRules.parseFunctionName(functionArn, "functionName");
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (ref.region() == null || ref.account() == null) return Optional.empty();
    return store.get(LambdaFunction.TABLE, Functions.scope(ref.account(), ref.region()), ref.name());
  }

}
