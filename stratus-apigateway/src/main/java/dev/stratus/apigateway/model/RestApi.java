package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/** A REST API (API Gateway v1) as stored, scoped by account and region. */
public record RestApi(String id, String name, String description, Instant createdDate) {

  public static final Table<RestApi> TABLE = Table.of("apigateway.rest_api", RestApi.class);

  public RestApi {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
