package dev.stratus.core.store;

import java.util.List;
import java.util.Map;
import org.pcollections.TreePMap;

/**
 * A store that keeps committed state in memory only: what tests and {@code --ephemeral} use.
 * It is the very same mirror, transaction and event code as {@link SqlStore} with the database
 * left out, so every value is still round-tripped through {@link StoreJson} on write and a
 * record that would not survive the durable store fails here too.
 */
public final class MemoryStore extends MirroredStore {

  public MemoryStore() { super(CommittedRows.EMPTY); }

  @Override
  void persist(List<RowChange> changes) {}

  @Override
  void release() {}

  @Override
  Map<String, TreePMap<String, StoredRow>> readTable(String table) { return Map.of(); } // never asked: holds every table

  @Override
  List<String> tableNames() { return List.of(); }
}
