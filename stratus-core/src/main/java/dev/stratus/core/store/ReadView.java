package dev.stratus.core.store;

import java.util.List;
import java.util.Optional;

/** Reading rows: from committed state ({@link Store}) or inside a transaction ({@link Transaction}). */
public interface ReadView {

  <T> Optional<T> get(Table<T> table, String scope, String id);

  /** Every row of {@code scope}, in id order. */
  <T> List<T> list(Table<T> table, String scope);

  /** Every row of every scope, by scope then id (data planes serving all accounts). */
  <T> List<T> listAll(Table<T> table);
}
