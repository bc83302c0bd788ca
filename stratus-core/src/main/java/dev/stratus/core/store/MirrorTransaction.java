package dev.stratus.core.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.pcollections.TreePMap;

/**
 * A transaction over a snapshot of committed rows: writes go to private versions of the scopes
 * they touch, reads see those copies, and at the end the store turns them into
 * {@link RowChange}s to persist and into the next {@link CommittedRows}.
 *
 * <p>Once the store has finished with it (committed or not) every call fails, so a transaction
 * that escaped its {@code write} block cannot change a published snapshot.
 */
final class MirrorTransaction implements Transaction {
  private record RowKey(Table<?> table, String scope, String id) {}

  /**
   * The committed snapshot, holding every table this transaction has used: the store loads a
   * table at the transaction's first use of it ({@link #base(String)}), so a later snapshot
   * replaces this one; it differs only by the tables installed meanwhile (only the writer, this
   * transaction's caller, changes the rows of a loaded table).
   */
  private CommittedRows base;
  private final Function<String, CommittedRows> load;
  private final Set<String> used = new HashSet<>();
  /**
   * The touched scopes as they stand in this transaction: persistent maps that start as the
   * committed scope and share all but the changed paths with it; they become part of the next
   * snapshot.
   */
  private final Map<TableScope, TreePMap<String, StoredRow>> working = new LinkedHashMap<>();
  /** Every row touched, with what was committed before this transaction. */
  private final Map<RowKey, Optional<StoredRow>> touched = new LinkedHashMap<>();
  private boolean finished;

  /** {@code load} returns the current committed snapshot once it holds the table named. */
  MirrorTransaction(CommittedRows base, Function<String, CommittedRows> load) {
    this.base = Objects.requireNonNull(base, "base");
    this.load = Objects.requireNonNull(load, "load");
  }

  /** The committed snapshot, with {@code table} in it. */
  private CommittedRows base(String table) {
    if (used.add(table)) base = load.apply(table);
    return base;
  }

  @Override
  public <T> Optional<T> get(Table<T> table, String scope, String id) {
    return Optional.ofNullable(rows(table, scope).get(id)).map(r -> r.value(table));
  }

  @Override
  public <T> List<T> list(Table<T> table, String scope) {
    return rows(table, scope).values().stream().map(r -> r.value(table)).toList();
  }

  @Override
  public <T> List<T> listAll(Table<T> table) {
    checkOpen();
    var scopes = new TreeSet<>(base(table.name()).scopes(table.name()).keySet());
    working.keySet().stream().filter(ts -> ts.table().equals(table.name())).forEach(ts -> scopes.add(ts.scope()));
    return scopes.stream().flatMap(s -> list(table, s).stream()).toList();
  }

  @Override
  public <T> List<T> listBy(Index<T> index, String scope, String key) {
    checkOpen();
    var committedIds = base(index.table().name()).indexed(index, scope, key);
    if (committedIds == null) return Transaction.super.listBy(index, scope, key);
    // The committed index, plus any row this transaction touched in the scope, checked as it stands now.
    var ids = new TreeSet<>(committedIds);
    String table = index.table().name();
    touched.keySet().forEach(k -> {
      if (k.table().name().equals(table) && k.scope().equals(scope)) ids.add(k.id());
    });
    var rows = rows(index.table(), scope);
    var out = new ArrayList<T>(ids.size());
    for (String id : ids) {
      var row = rows.get(id);
      if (row == null) continue;
      T value = row.value(index.table());
      if (Objects.equals(key, index.key().apply(value))) out.add(value);
    }
    return out;
  }

  @Override
  public <T> void put(Table<T> table, String scope, String id, T value) {
    Objects.requireNonNull(id, "id");
    var before = touch(table, scope, id);
    var row = StoredRow.encode(table, value, before.map(r -> r.version() + 1).orElse(1L));
    var key = new TableScope(table.name(), scope);
    working.put(key, writable(key).plus(id, row));
  }

  @Override
  public <T> boolean delete(Table<T> table, String scope, String id) {
    Objects.requireNonNull(id, "id");
    if (!rows(table, scope).containsKey(id)) return false;
    touch(table, scope, id);
    var key = new TableScope(table.name(), scope);
    working.put(key, writable(key).minus(id));
    return true;
  }

  /** The net change of every touched row, in first-touch order; ends the transaction. */
  List<RowChange> finish() {
    checkOpen();
    finished = true;
    var changes = new ArrayList<RowChange>(touched.size());
    touched.forEach((key, before) -> {
      var after = Optional.ofNullable(working.get(new TableScope(key.table().name(), key.scope())).get(key.id()));
      if (before.isPresent() || after.isPresent()) {
        changes.add(new RowChange(key.table(), key.scope(), key.id(), before, after));
      }
    });
    return changes;
  }

  /**
   * The snapshot after this transaction, made from {@code current}, the committed snapshot now
   * (which may hold tables installed since this transaction began); only valid after {@link #finish}.
   */
  CommittedRows applyTo(CommittedRows current) {
    if (!finished) throw new IllegalStateException("transaction not finished");
    return current.with(working);
  }

  /** Ends the transaction without a commit (the work threw). */
  void abandon() { finished = true; }

  private Optional<StoredRow> touch(Table<?> table, String scope, String id) {
    checkOpen();
    var committed = base(table.name());
    return touched.computeIfAbsent(new RowKey(table, scope, id), k -> committed.get(table.name(), scope, id));
  }

  private NavigableMap<String, StoredRow> rows(Table<?> table, String scope) {
    checkOpen();
    Objects.requireNonNull(scope, "scope");
    NavigableMap<String, StoredRow> own = working.get(new TableScope(table.name(), scope));
    return own != null ? own : base(table.name()).scope(table.name(), scope);
  }

  private TreePMap<String, StoredRow> writable(TableScope key) {
    var own = working.get(key);
    return own != null ? own : base(key.table()).scope(key.table(), key.scope());
  }

  private void checkOpen() {
    if (finished) throw new IllegalStateException("the transaction is over; use the Transaction only inside store.write");
  }
}
