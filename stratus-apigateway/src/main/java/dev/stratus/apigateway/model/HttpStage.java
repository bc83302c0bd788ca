package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stage of an HTTP API, keyed {@code <apiId>/<stageName>}: {@code $default} is served at the
 * base URL, any other name as the first path segment (apigateway.md §2, §11). An auto-deployed
 * stage serves the API as it is now; otherwise the deployment it points at.
 *
 * @param routeSettings route key → throttle
 */
public record HttpStage(String apiId, String stageName, String deploymentId, boolean autoDeploy, String description,
    Map<String, String> stageVariables, UsagePlan.Throttle defaultRouteThrottle, Map<String, UsagePlan.Throttle> routeSettings,
    Instant createdDate, Instant lastUpdatedDate) {
  public static final Table<HttpStage> TABLE = Table.of("apigateway.http_stage", HttpStage.class);

  public HttpStage {
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(stageName, "stageName");
    stageVariables = RestApi.copy(stageVariables);
    routeSettings = RestApi.copy(routeSettings);
  }

  public static String key(String apiId, String stageName) { return apiId + "/" + stageName; }
}
