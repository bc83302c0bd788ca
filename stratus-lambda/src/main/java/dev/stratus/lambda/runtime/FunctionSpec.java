package dev.stratus.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an execution environment is started from: one revision of a function's code and
 * configuration. Environments of an older revision are not reused.
 */
public record FunctionSpec(String functionName, String functionArn, String region, String account, String runtime,
    String handler, int timeoutSeconds, int memorySize, Map<String, String> environment, Path taskRoot,
    String revisionId) {}
