package dev.stratus.lambda;

import dev.stratus.core.AwsException;
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
 * Invocations by AWS services (API Gateway, ALB) of a function ARN, or of a version's or alias's
 * qualified ARN ({@code fn:1}, {@code fn:live}): allowed only when the resource policy of what the
 * ARN names lists the service principal and, when it has one, a matching {@code AWS:SourceArn}.
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
    return find(functionArn).map(t -> ResourcePolicy.allowsService(t.policy(), principal, sourceArn)).orElse(false);
  }

  private InvocationOutcome run(ServiceInvocation inv) {
    try {
      Functions.Target t;
      try {
        t = resolve(inv.functionArn(), true);
      } catch (AwsException e) {
        return new InvocationOutcome.NotFound("Function not found: " + inv.functionArn());
      }
      // A qualified ARN is allowed by the alias's or version's own policy, as Lambda checks it.
      if (!ResourcePolicy.allowsService(t.policy(), inv.principal(), inv.sourceArn())) {
        return new InvocationOutcome.PermissionDenied("The resource policy of " + inv.functionArn()
            + " does not allow " + inv.principal() + " to invoke it from " + inv.sourceArn());
      }
      LambdaFunction f = t.config();
      Duration limit = inv.callerTimeout();
      RuntimeResult result = invocations.invoke(f, t.executedVersion(), inv.payload(), inv.functionArn(), limit, false);
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

  /** The function, version or alias a (qualified) function ARN names; AWS's 404 when there is none. */
  private Functions.Target resolve(String functionArn, boolean route) {
    LambdaRules.FunctionRef ref;
    try {
      ref = LambdaRules.parseFunctionName(functionArn, "functionName");
    } catch (RuntimeException e) {
      throw LambdaErrors.functionNotFound(functionArn);
    }
    if (ref.region() == null || ref.account() == null) throw LambdaErrors.functionNotFound(functionArn);
    return Functions.resolve(store, ref.region(), ref.account(), ref, null, route);
  }

  private Optional<Functions.Target> find(String functionArn) {
    try {
      return Optional.of(resolve(functionArn, false));
    } catch (AwsException e) {
      return Optional.empty();
    }
  }

}
