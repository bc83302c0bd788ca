package dev.stratus.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The net effect of one transaction on one row: what was committed before and what is after.
 * At least one side is present and the two differ; a row created and deleted inside the same
 * transaction is no change at all.
 */
record RowChange(Table<?> table, String scope, String id, Optional<StoredRow> before, Optional<StoredRow> after) {
  RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.isEmpty() && after.isEmpty()) throw new IllegalArgumentException("no change for " + id);
  }

  /** The event listeners see, with both sides decoded as the table's record type. */
  ChangeEvent toEvent() {
    return new ChangeEvent(table, scope, id, before.map(r -> (Object) r.value(table)), after.map(r -> (Object) r.value(table)));
  }
}
