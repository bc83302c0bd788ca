package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An API key: a value clients send in {@code X-API-Key}; it identifies (it does not authenticate). */
public record ApiKey(String id, String value, String name, String customerId, String description, boolean enabled,
    Instant createdDate, Instant lastUpdatedDate, List<String> stageKeys) {
  public static final Table<ApiKey> TABLE = Table.of("apigateway.api_key", ApiKey.class);

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
    stageKeys = stageKeys == null ? List.of() : List.copyOf(stageKeys);
  }
}
