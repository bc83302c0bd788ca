package dev.stratus.lambda;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.lambda.model.FunctionAlias;
import dev.stratus.lambda.model.FunctionVersion;
import dev.stratus.lambda.model.LambdaFunction;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.model.PolicyStatement;
import dev.stratus.lambda.model.ResourcePolicy;
import java.util.ArrayList;
import java.util.UUID;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;

/** A function's resource-based policy: AddPermission, RemovePermission, GetPolicy. */
public final class PermissionOperations {
  private final Store store;

  PermissionOperations(Store store) { this.store = store; }

  public AddPermissionResponse addPermission(RequestContext ctx, AddPermissionRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    LambdaRules.checkStatementId(req.statementId());
    LambdaRules.checkAction(req.action());
    if (req.principal() == null || req.principal().isEmpty()) {
      throw LambdaErrors.validation("null", "principal", "Member must not be null");
    }
    PolicyStatement statement = store.write(tx -> {
      var t = Functions.resolve(tx, ctx, ref, req.qualifier(), false);
      if (req.revisionId() != null && !req.revisionId().equals(t.revisionId())) {
        throw new dev.stratus.core.AwsException("PreconditionFailedException", 412,
            "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the"
            + " latest Revision Id");
      }
      if (t.policy().stream().anyMatch(s -> s.sid().equals(req.statementId()))) {
        throw LambdaErrors.conflict("The statement id (" + req.statementId() + ") provided already exists. Please"
            + " specify a new statement id, or remove the existing statement.");
      }
      var s = new PolicyStatement(req.statementId(), req.action(), req.principal(), req.sourceArn(),
          req.sourceAccount(), req.principalOrgID(), t.arn());
      var policy = new ArrayList<>(t.policy());
      policy.add(s);
      putPolicy(tx, t, policy);
      return s;
    });
    return AddPermissionResponse.builder().statement(ResourcePolicy.statement(statement)).build();
  }

  public RemovePermissionResponse removePermission(RequestContext ctx, RemovePermissionRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    store.write(tx -> {
      var t = Functions.resolve(tx, ctx, ref, req.qualifier(), false);
      if (req.revisionId() != null && !req.revisionId().equals(t.revisionId())) {
        throw new dev.stratus.core.AwsException("PreconditionFailedException", 412,
            "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the"
            + " latest Revision Id");
      }
      var policy = new ArrayList<>(t.policy());
      if (!policy.removeIf(s -> s.sid().equals(req.statementId()))) {
        throw LambdaErrors.notFound("Statement " + req.statementId() + " is not found in resource policy.");
      }
      putPolicy(tx, t, policy);
      return null;
    });
    return RemovePermissionResponse.builder().build();
  }

  public GetPolicyResponse getPolicy(RequestContext ctx, GetPolicyRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    var t = Functions.resolve(store, ctx, ref, req.qualifier(), false);
    if (t.policy().isEmpty()) throw LambdaErrors.notFound("The resource you requested does not exist.");
    return GetPolicyResponse.builder().policy(ResourcePolicy.document(t.policy())).revisionId(t.revisionId()).build();
  }

  /** Writes the policy of what {@code t} names: the alias, the version, or the function. */
  private static void putPolicy(dev.stratus.core.store.Transaction tx, Functions.Target t, java.util.List<PolicyStatement> policy) {
    String revision = UUID.randomUUID().toString();
    String versions = Functions.versionScope(t.scope(), t.latest().functionName());
    if (t.alias() != null) {
      tx.put(FunctionAlias.TABLE, versions, t.alias().name(), t.alias().withPolicy(policy, revision));
    } else if (t.version() != null) {
      tx.put(FunctionVersion.TABLE, versions, t.version().version(), t.version().withPolicy(policy, revision));
    } else {
      tx.put(LambdaFunction.TABLE, t.scope(), t.latest().functionName(), withPolicy(t.latest(), policy));
    }
  }

  private static LambdaFunction withPolicy(LambdaFunction f, java.util.List<PolicyStatement> policy) {
    return new LambdaFunction(f.functionName(), f.functionArn(), f.runtime(), f.handler(), f.role(), f.description(),
        f.timeout(), f.memorySize(), f.environment(), f.codeSha256(), f.codeSize(), f.lastModified(),
        UUID.randomUUID().toString(), policy, f.tags());
  }
}
