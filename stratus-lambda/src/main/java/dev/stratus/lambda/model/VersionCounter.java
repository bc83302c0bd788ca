package dev.stratus.lambda.model;

import dev.stratus.core.store.Table;

/** The last version number published for a function: Lambda never reuses one, even after a delete. */
public record VersionCounter(String functionName, long last) {
  public static final Table<VersionCounter> TABLE = Table.of("lambda.version_counter", VersionCounter.class);
}
