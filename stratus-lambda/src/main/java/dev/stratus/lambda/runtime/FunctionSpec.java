package dev.stratus.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an execution environment is started from: one revision of a function's code and
 * configuration. Environments of an older revision are not reused.
 *
 * @param functionArn the ARN environments are kept under: unqualified for {@code $LATEST}, with the
 *     number for a published version (each version has its own environments, as in Lambda)
 * @param version {@code $LATEST} or the version number
 */
public record FunctionSpec(String functionName, String functionArn, String region, String account, String runtime,
    String handler, int timeoutSeconds, int memorySize, Map<String, String> environment, Path taskRoot,
    String revisionId, String version) {}
