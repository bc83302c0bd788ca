package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An HTTP or WebSocket API (API Gateway v2) as stored, scoped by account and region.
 *
 * @param protocolType {@code HTTP} or {@code WEBSOCKET}
 */
public record Api(String apiId, String name, String protocolType, String routeSelectionExpression,
    String apiEndpoint, Instant createdDate) {

  public static final Table<Api> TABLE = Table.of("apigateway.api", Api.class);

  public Api {
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(name, "name");
  }
}
