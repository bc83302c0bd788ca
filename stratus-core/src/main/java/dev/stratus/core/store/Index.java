package dev.stratus.core.store;

import java.util.Objects;
import java.util.function.Function;

/**
 * A secondary index over one table: the rows of a scope by a key their record gives (the VPC a
 * subnet is in, the transit gateway an attachment belongs to). {@link ReadView#listBy} answers
 * with it in O(matching rows · log n) once the index is registered with {@link Store#index};
 * without that it filters the scope, so an index is only ever a speed-up, never a change in answers.
 *
 * @param key the row's key, or null when the row has none (it is then in no bucket)
 */
public record Index<T>(String name, Table<T> table, Function<? super T, String> key) {
  public Index {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
  }

  public static <T> Index<T> of(Table<T> table, String by, Function<? super T, String> key) {
    return new Index<>(table.name() + "#" + by, table, key);
  }

  /** The key of {@code row} (null: none). */
  String keyOf(Object row) { return key.apply(table.type().cast(row)); }
}
