package dev.stratus.core.store;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of every committed row: table → scope → id → row. Readers hold one
 * snapshot for as long as they like; a commit builds the next one.
 */
/*
 * Copy on write by path: a commit copies the outer map, the scope maps of the tables it touched
 * and the row maps of the scopes it touched, and shares everything else with the previous
 * snapshot. The cost of a write is therefore the size of the scopes it touches (one account's
 * hosted zones, one zone's record sets), not the size of the store. No map reachable from a
 * published snapshot is ever modified again.
 */
final class CommittedRows {
  static final CommittedRows EMPTY = new CommittedRows(Map.of());

  private final Map<String, NavigableMap<String, NavigableMap<String, StoredRow>>> tables;

  private CommittedRows(Map<String, NavigableMap<String, NavigableMap<String, StoredRow>>> tables) {
    this.tables = tables;
  }

  Optional<StoredRow> get(String table, String scope, String id) {
    return Optional.ofNullable(scope(table, scope).get(id));
  }

  /** The rows of one scope by id; empty when the scope has none. Never modify the result. */
  NavigableMap<String, StoredRow> scope(String table, String scope) {
    var rows = scopes(table).get(scope);
    return rows == null ? Collections.emptyNavigableMap() : rows;
  }

  /** Every scope of a table, in scope order. Never modify the result. */
  NavigableMap<String, NavigableMap<String, StoredRow>> scopes(String table) {
    var scopes = tables.get(table);
    return scopes == null ? Collections.emptyNavigableMap() : scopes;
  }

  int size() {
    return tables.values().stream().flatMap(s -> s.values().stream()).mapToInt(Map::size).sum();
  }

  /** The next snapshot: this one with each given scope replaced by its new rows (empty drops it). */
  CommittedRows with(Map<TableScope, ? extends NavigableMap<String, StoredRow>> replaced) {
    if (replaced.isEmpty()) return this;
    var next = new HashMap<>(tables);
    var copiedTables = new HashMap<String, NavigableMap<String, NavigableMap<String, StoredRow>>>();
    replaced.forEach((ts, rows) -> {
      var scopes = copiedTables.computeIfAbsent(ts.table(), t -> new TreeMap<>(scopes(t)));
      if (rows.isEmpty()) scopes.remove(ts.scope());
      else scopes.put(ts.scope(), rows);
    });
    copiedTables.forEach((table, scopes) -> {
      if (scopes.isEmpty()) next.remove(table);
      else next.put(table, scopes);
    });
    return new CommittedRows(next);
  }

  /** Collects rows read from the database at open. */
  static final class Builder {
    private final Map<TableScope, TreeMap<String, StoredRow>> rows = new HashMap<>();

    Builder add(String table, String scope, String id, StoredRow row) {
      if (rows.computeIfAbsent(new TableScope(table, scope), k -> new TreeMap<>()).put(id, row) != null) {
        throw new IllegalStateException("duplicate row " + table + "/" + scope + "/" + id);
      }
      return this;
    }

    CommittedRows build() { return EMPTY.with(rows); }
  }
}
