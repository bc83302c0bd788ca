package dev.stratus.core.store;

import java.util.Objects;

/**
 * A kind of stored resource: a table name (service-prefixed, e.g. {@code route53.hosted_zone})
 * and the record type of its rows. Rows are stored as JSON, so {@code type} must round-trip
 * through {@link StoreJson}.
 */
public record Table<T>(String name, Class<T> type) {
  public Table {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-z0-9]+\\.[a-z0-9_]+")) {
      throw new IllegalArgumentException("table name must be service.kind: " + name);
    }
  }

  public static <T> Table<T> of(String name, Class<T> type) { return new Table<>(name, type); }
}
