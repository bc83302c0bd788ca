package dev.stratus.core.store;

import java.util.Objects;

/**
 * One row as the in-memory mirror keeps it: the JSON the database holds, the row's version, and
 * the decoded record, so that reads never parse JSON twice.
 *
 * <p>Rows loaded from the database at open carry only their JSON; the first read with a
 * {@link Table} decodes it and keeps the result. Records are immutable, so one decoded instance
 * is shared by every reader; two racing readers may both decode, which is harmless.
 */
final class StoredRow {
  private final String json;
  private final long version;
  private final int schema;
  private volatile Object decoded;

  private StoredRow(String json, long version, int schema, Object decoded) {
    this.json = Objects.requireNonNull(json, "json");
    this.version = version;
    this.schema = schema;
    this.decoded = decoded;
  }

  /**
   * Encodes {@code value} and decodes it back, so the row holds an independent copy and a record
   * that would not survive the database fails at once, inside the writer's transaction.
   */
  static <T> StoredRow encode(Table<T> table, T value, long version) {
    Objects.requireNonNull(value, "value");
    String json = StoreJson.MAPPER.writerFor(table.type()).writeValueAsString(value);
    return new StoredRow(json, version, table.schema(), StoreJson.read(json, table.type()));
  }

  /** A row read from the database, decoded on first use. */
  static StoredRow loaded(String json, long version, int schema) { return new StoredRow(json, version, schema, null); }

  String json() { return json; }

  /** 1 for a new row, one more on every committed replacement; the database's optimistic check. */
  long version() { return version; }

  /** The schema version of the record type that wrote the row ({@link Table#schema()}). */
  int schema() { return schema; }

  <T> T value(Table<T> table) {
    Object current = decoded;
    if (table.type().isInstance(current)) return table.type().cast(current);
    if (schema > table.schema()) {
      throw new StoreException("A row of " + table.name() + " has schema version " + schema
          + " but this Stratus knows only up to " + table.schema() + "; it was written by a newer Stratus.");
    }
    T fresh = StoreJson.read(json, table.type());
    decoded = fresh;
    return fresh;
  }
}
