package dev.stratus.lambda.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function ({@code $LATEST}) as stored, scoped by account and region, with its resource policy
 * and tags.
 *
 * @param codeSha256 base64 SHA-256 of the deployment package, as AWS reports it
 * @param lastModified AWS's form, e.g. {@code 2026-12-07T04:10:09.123+0000}
 * @param revisionId changes with every update of code, configuration or policy
 */
public record LambdaFunction(String functionName, String functionArn, String runtime, String handler, String role,
    String description, int timeout, int memorySize, Map<String, String> environment, String codeSha256,
    long codeSize, String lastModified, String revisionId, List<PolicyStatement> policy, Map<String, String> tags) {

  public static final Table<LambdaFunction> TABLE = Table.of("lambda.function", LambdaFunction.class);

  public LambdaFunction {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(functionArn, "functionArn");
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    policy = policy == null ? List.of() : List.copyOf(policy);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The hex SHA-256 naming the stored package. */
  public String codeKey() { return LambdaRules.hex(java.util.Base64.getDecoder().decode(codeSha256)); }
}
