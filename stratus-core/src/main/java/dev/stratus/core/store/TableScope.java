package dev.stratus.core.store;

import java.util.Objects;

/** The partition the mirror copies on write: one scope of one table. */
record TableScope(String table, String scope) {
  TableScope {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(scope, "scope");
  }
}
