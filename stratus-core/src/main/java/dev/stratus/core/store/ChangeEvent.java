package dev.stratus.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One row changed by a committed transaction. Exactly one of {@code before}/{@code after} may be
 * empty: no {@code before} is a create, no {@code after} a delete.
 */
public record ChangeEvent(Table<?> table, String scope, String id, Optional<Object> before, Optional<Object> after) {
  public ChangeEvent {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  public boolean isDelete() { return after.isEmpty(); }
}
