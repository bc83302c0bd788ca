package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stage of a REST API: a name in the URL ({@code /prod/…}), the deployment it serves, its
 * variables and per-method settings. Keyed {@code <restApiId>/<stageName>}.
 *
 * @param methodSettings {@code *}{@code /*} (every method) or {@code <resource path>/<METHOD>} → settings
 */
public record Stage(String restApiId, String stageName, String deploymentId, String description,
    Map<String, String> variables, Map<String, MethodSetting> methodSettings, boolean tracingEnabled,
    boolean cacheClusterEnabled, String cacheClusterSize, Instant createdDate, Instant lastUpdatedDate,
    AccessLogSettings accessLogSettings) {
  public static final Table<Stage> TABLE = Table.of("apigateway.stage", Stage.class);

  public Stage {
    Objects.requireNonNull(restApiId, "restApiId");
    Objects.requireNonNull(stageName, "stageName");
    variables = RestApi.copy(variables);
    methodSettings = RestApi.copy(methodSettings);
  }

  public static String key(String restApiId, String stageName) { return restApiId + "/" + stageName; }

  /**
   * Where a stage's access log goes and its line, in {@code $context} variables
   * (e.g. {@code $context.requestId $context.status}).
   */
  public record AccessLogSettings(String destinationArn, String format) {}

  /**
   * A stage's settings for its methods.
   *
   * @param throttlingRateLimit requests per second; negative = not set (the account limit applies)
   * @param throttlingBurstLimit bucket size; negative = not set
   */
  public record MethodSetting(boolean metricsEnabled, String loggingLevel, boolean dataTraceEnabled,
      int throttlingBurstLimit, double throttlingRateLimit, boolean cachingEnabled, int cacheTtlInSeconds,
      boolean cacheDataEncrypted, boolean requireAuthorizationForCacheControl,
      String unauthorizedCacheControlHeaderStrategy) {
    /**
     * AWS's answer for a stage nobody configured: account limits (10,000 rps, burst 5,000), cache TTL 300 s,
     * and no loggingLevel until one is set (AWS's update-stage examples show none).
     */
    public static final MethodSetting DEFAULT = new MethodSetting(false, null, false, 5000, 10000.0, false, 300,
        false, true, "SUCCEED_WITH_RESPONSE_HEADER");
  }
}
