package dev.stratus.core.store;

/**
 * A write in progress. Reads see the transaction's own writes; nothing is visible to others, or
 * published, until {@link Store#write} returns.
 */
public interface Transaction extends ReadView {

  /** Creates or replaces the row. */
  <T> void put(Table<T> table, String scope, String id, T value);

  /** Removes the row; false when there was none. */
  <T> boolean delete(Table<T> table, String scope, String id);
}
