package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A deployment of a REST API: the API as it was when CreateDeployment ran, which the stages
 * pointing at it serve. Keyed {@code <restApiId>/<id>} in the account's regional scope.
 */
public record Deployment(String id, String restApiId, String description, Instant createdDate, RestApi snapshot) {
  public static final Table<Deployment> TABLE = Table.of("apigateway.deployment", Deployment.class);

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(restApiId, "restApiId");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  public static String key(String restApiId, String id) { return restApiId + "/" + id; }
}
