package dev.stratus.lambda.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alias: a name for a version ({@code functionVersion}), optionally routing a share of
 * invocations to one other version ({@code additionalVersionWeights}, version → weight 0..1).
 * Stored in the scope {@code account/region/functionName} under its name.
 */
public record FunctionAlias(String name, String aliasArn, String functionVersion, String description,
    Map<String, Double> additionalVersionWeights, String revisionId, List<PolicyStatement> policy) {

  public static final Table<FunctionAlias> TABLE = Table.of("lambda.alias", FunctionAlias.class);

  public FunctionAlias {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aliasArn, "aliasArn");
    Objects.requireNonNull(functionVersion, "functionVersion");
    additionalVersionWeights = additionalVersionWeights == null ? Map.of() : Map.copyOf(additionalVersionWeights);
    policy = policy == null ? List.of() : List.copyOf(policy);
  }

  public FunctionAlias withPolicy(List<PolicyStatement> p, String revision) {
    return new FunctionAlias(name, aliasArn, functionVersion, description, additionalVersionWeights, revision, p);
  }

  /** The version an invocation runs: the additional version with its weight's probability ({@code draw} in [0, 1)). */
  public String route(double draw) {
    for (var e : additionalVersionWeights.entrySet()) {
      if (draw < e.getValue()) return e.getKey();
    }
    return functionVersion;
  }
}
