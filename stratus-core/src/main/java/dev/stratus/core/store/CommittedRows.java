package dev.stratus.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

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
  static final CommittedRows EMPTY = new CommittedRows(TreePMap.empty(), 0, TreePMap.empty());

  private static final TreePMap<String, StoredRow> NO_ROWS = TreePMap.empty();
  private static final TreePMap<String, TreePMap<String, StoredRow>> NO_SCOPES = TreePMap.empty();

  private final TreePMap<String, TreePMap<String, TreePMap<String, StoredRow>>> tables;
  private final int size;
  /**
   * The {@link Index}es built so far: index name → (scope, key) → ids of the rows with that key.
   * Persistent too, and updated with the rows in the same snapshot, so a reader of one snapshot
   * sees index and rows agree.
   */
  private final TreePMap<String, TreePMap<String, TreePSet<String>>> indexes;

  private CommittedRows(TreePMap<String, TreePMap<String, TreePMap<String, StoredRow>>> tables, int size,
      TreePMap<String, TreePMap<String, TreePSet<String>>> indexes) {
    this.tables = tables;
    this.size = size;
    this.indexes = indexes;
  }

  /** The ids of {@code scope}'s rows with {@code key} in {@code index}; null when the index is not built. */
  TreePSet<String> indexed(Index<?> index, String scope, String key) {
    var byKey = indexes.get(index.name());
    if (byKey == null) return null;
    var ids = byKey.get(indexKey(scope, key));
    return ids == null ? TreePSet.empty() : ids;
  }

  boolean hasIndex(String name) { return indexes.containsKey(name); }

  /** This snapshot with {@code index} built over every row of its table (O(rows of the table)). */
  CommittedRows withIndex(Index<?> index) {
    var byKey = new TreeMap<String, TreeSet<String>>();
    scopes(index.table().name()).forEach((scope, rows) -> rows.forEach((id, row) -> {
      String key = index.keyOf(row.value(index.table()));
      if (key != null) byKey.computeIfAbsent(indexKey(scope, key), k -> new TreeSet<>()).add(id);
    }));
    var built = TreePMap.<String, TreePSet<String>>empty();
    for (var e : byKey.entrySet()) built = built.plus(e.getKey(), TreePSet.from(e.getValue()));
    return new CommittedRows(tables, size, indexes.plus(index.name(), built));
  }

  /** This snapshot's indexes moved by {@code changes} (the rows are already this snapshot's). */
  CommittedRows withIndexed(Collection<RowChange> changes, Map<String, List<Index<?>>> byTable) {
    var next = indexes;
    for (RowChange c : changes) {
      var list = byTable.get(c.table().name());
      if (list == null) continue;
      for (Index<?> index : list) {
        var byKey = next.get(index.name());
        if (byKey == null) continue; // not built yet: built from the rows when it is
        String before = c.before().map(r -> index.keyOf(r.value(index.table()))).orElse(null);
        String after = c.after().map(r -> index.keyOf(r.value(index.table()))).orElse(null);
        if (Objects.equals(before, after)) continue;
        if (before != null) {
          String k = indexKey(c.scope(), before);
          var ids = byKey.getOrDefault(k, TreePSet.empty()).minus(c.id());
          byKey = ids.isEmpty() ? byKey.minus(k) : byKey.plus(k, ids);
        }
        if (after != null) {
          String k = indexKey(c.scope(), after);
          byKey = byKey.plus(k, byKey.getOrDefault(k, TreePSet.empty()).plus(c.id()));
        }
        next = next.plus(index.name(), byKey);
      }
    }
    return next == indexes ? this : new CommittedRows(tables, size, next);
  }

  private static String indexKey(String scope, String key) { return scope + '\u0000' + key; }

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
    return new CommittedRows(next, nextSize, indexes);
  }

  /**
   * This snapshot with {@code table}, which it did not hold, installed as read from the database,
   * and {@code tableIndexes} built over it. Not a change: the rows are committed already.
   */
  CommittedRows withTable(String table, Map<String, TreePMap<String, StoredRow>> rows, List<Index<?>> tableIndexes) {
    if (tables.containsKey(table)) throw new IllegalStateException("table " + table + " is loaded already");
    var scopes = NO_SCOPES;
    int count = 0;
    for (var e : rows.entrySet()) {
      if (e.getValue().isEmpty()) continue;
      scopes = scopes.plus(e.getKey(), e.getValue());
      count += e.getValue().size();
    }
    var next = new CommittedRows(scopes.isEmpty() ? tables : tables.plus(table, scopes), size + count, indexes);
    for (Index<?> index : tableIndexes) next = next.withIndex(index);
    return next;
  }
}
