package dev.stratus.core.store;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.pcollections.TreePMap;

/**
 * An immutable snapshot of every committed row: table → scope → id → row. Readers hold one
 * snapshot for as long as they like; a commit builds the next one.
 */
/*
 * Persistent maps all the way down (pcollections' TreePMap, a balanced tree with path copying):
 * replacing one row builds O(log n) new nodes in its scope's map, one new entry in its table's
 * map of scopes and one in the map of tables, and shares every other node with the previous
 * snapshot. A write therefore costs O(rows changed · log n), whatever the size of the scope it
 * touches (EC2 scopes are whole Regions, so a scope can hold tens of thousands of rows). No map
 * reachable from a published snapshot can be modified: TreePMap has no mutators.
 */
final class CommittedRows {
  static final CommittedRows EMPTY = new CommittedRows(TreePMap.empty(), 0);

  private static final TreePMap<String, StoredRow> NO_ROWS = TreePMap.empty();
  private static final TreePMap<String, TreePMap<String, StoredRow>> NO_SCOPES = TreePMap.empty();

  private final TreePMap<String, TreePMap<String, TreePMap<String, StoredRow>>> tables;
  private final int size;

  private CommittedRows(TreePMap<String, TreePMap<String, TreePMap<String, StoredRow>>> tables, int size) {
    this.tables = tables;
    this.size = size;
  }

  Optional<StoredRow> get(String table, String scope, String id) {
    return Optional.ofNullable(scope(table, scope).get(id));
  }

  /** The rows of one scope by id; empty when the scope has none. Immutable. */
  TreePMap<String, StoredRow> scope(String table, String scope) {
    var rows = scopes(table).get(scope);
    return rows == null ? NO_ROWS : rows;
  }

  /** Every scope of a table, in scope order. Immutable. */
  NavigableMap<String, TreePMap<String, StoredRow>> scopes(String table) {
    var scopes = tables.get(table);
    return scopes == null ? NO_SCOPES : scopes;
  }

  /** How many rows, across every table and scope; kept on each commit, not counted. */
  int size() { return size; }

  /**
   * The next snapshot: this one with each given scope replaced by its new rows (empty drops it).
   * The new rows are expected to share structure with the old ones (a transaction's working
   * copy starts as the committed scope), so this costs O(scopes touched · log n).
   */
  CommittedRows with(Map<TableScope, TreePMap<String, StoredRow>> replaced) {
    if (replaced.isEmpty()) return this;
    var next = tables;
    int nextSize = size;
    for (var entry : replaced.entrySet()) {
      String table = entry.getKey().table();
      String scopeName = entry.getKey().scope();
      var rows = entry.getValue();
      var scopes = next.getOrDefault(table, NO_SCOPES);
      nextSize += rows.size() - scopes.getOrDefault(scopeName, NO_ROWS).size();
      scopes = rows.isEmpty() ? scopes.minus(scopeName) : scopes.plus(scopeName, rows);
      next = scopes.isEmpty() ? next.minus(table) : next.plus(table, scopes);
    }
    return new CommittedRows(next, nextSize);
  }

  /** Collects rows read from the database at open. */
  static final class Builder {
    private final HashMap<TableScope, TreeMap<String, StoredRow>> rows = new HashMap<>();

    Builder add(String table, String scope, String id, StoredRow row) {
      if (rows.computeIfAbsent(new TableScope(table, scope), k -> new TreeMap<>()).put(id, row) != null) {
        throw new IllegalStateException("duplicate row " + table + "/" + scope + "/" + id);
      }
      return this;
    }

    CommittedRows build() {
      var scopes = new HashMap<TableScope, TreePMap<String, StoredRow>>();
      rows.forEach((ts, byId) -> scopes.put(ts, TreePMap.fromSortedMap(byId)));
      return EMPTY.with(scopes);
    }
  }
}
