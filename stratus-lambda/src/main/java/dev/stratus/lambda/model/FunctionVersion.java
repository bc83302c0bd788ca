package dev.stratus.lambda.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/**
 * A published version: an immutable copy of {@code $LATEST}'s code and configuration, numbered
 * from 1, with its own description, revision and resource policy. Stored in the scope
 * {@code account/region/functionName} under its number.
 */
public record FunctionVersion(String version, LambdaFunction config, String description, String revisionId,
    List<PolicyStatement> policy) {

  public static final Table<FunctionVersion> TABLE = Table.of("lambda.version", FunctionVersion.class);

  public FunctionVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(config, "config");
    policy = policy == null ? List.of() : List.copyOf(policy);
  }

  public String arn() { return config.functionArn() + ":" + version; }

  public FunctionVersion withPolicy(List<PolicyStatement> p, String revision) {
    return new FunctionVersion(version, config, description, revision, p);
  }
}
