package dev.stratus.core.store;

import java.util.Objects;

/**
 * A kind of stored resource: a table name (service-prefixed, e.g. {@code route53.hosted_zone}),
 * the record type of its rows, and the schema version of that record type. Rows are stored as
 * JSON, so {@code type} must round-trip through {@link StoreJson}.
 *
 * <p>Every row is stored with the schema version of the table that wrote it. Bump the version
 * when the record's shape changes in a way old rows must be recognised by (a field renamed or
 * given a new meaning); adding a field needs no bump, old rows simply lack it. A row written
 * with a newer schema than this build's table is refused when read, not guessed at.
 */
public record Table<T>(String name, Class<T> type, int schema) {
  public Table {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-z0-9]+\\.[a-z0-9_]+")) {
      throw new IllegalArgumentException("table name must be service.kind: " + name);
    }
    if (schema < 1) throw new IllegalArgumentException("schema version must be >= 1: " + schema);
  }

  /** A table at schema version 1. */
  public Table(String name, Class<T> type) { this(name, type, 1); }

  public static <T> Table<T> of(String name, Class<T> type) { return new Table<>(name, type); }

  public static <T> Table<T> of(String name, Class<T> type, int schema) { return new Table<>(name, type, schema); }
}
