package dev.stratus.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reading rows: from committed state ({@link Store}) or inside a transaction ({@link Transaction}). */
public interface ReadView {

  <T> Optional<T> get(Table<T> table, String scope, String id);

  /** Every row of {@code scope}, in id order. */
  <T> List<T> list(Table<T> table, String scope);

  /** Every row of every scope, by scope then id (data planes serving all accounts). */
  <T> List<T> listAll(Table<T> table);

  /**
   * The rows of {@code scope} whose {@link Index#key} is {@code key}, in id order: the same
   * answer as filtering {@link #list}, from the index when the store keeps it.
   */
  default <T> List<T> listBy(Index<T> index, String scope, String key) {
    return list(index.table(), scope).stream().filter(r -> Objects.equals(key, index.key().apply(r))).toList();
  }
}
