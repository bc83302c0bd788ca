package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/** A deployment of an HTTP API: the API as it was, keyed {@code <apiId>/<deploymentId>}. */
public record HttpDeployment(String deploymentId, String apiId, String description, Instant createdDate, boolean autoDeployed,
    Api snapshot) {
  public static final Table<HttpDeployment> TABLE = Table.of("apigateway.http_deployment", HttpDeployment.class);

  public HttpDeployment {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  public static String key(String apiId, String id) { return apiId + "/" + id; }
}
