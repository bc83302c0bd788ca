package dev.stratus.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The behaviour every {@link Store} shares: committed rows mirrored in memory, one writer at a
 * time, persistence before visibility, change events after commit. Subclasses only decide where
 * a commit is made durable ({@link MemoryStore}: nowhere; {@link SqlStore}: a JDBC database).
 */
/*
 * Invariants.
 *
 * Reads: every read outside a transaction sees one published CommittedRows snapshot through one
 * volatile field. Snapshots are immutable, so reads take no lock and never touch the database.
 *
 * Writes, under the writer lock, in this order:
 *   1. the work runs against a MirrorTransaction over the current snapshot;
 *      if it throws, the transaction is abandoned and nothing else happens;
 *   2. persist() makes the net row changes durable in one database transaction;
 *      if it throws, the snapshot stays as it was and the exception propagates;
 *   3. the next snapshot is published (now reads see the change);
 *   4. listeners get the events, still under the lock, so they see commits in commit order
 *      and a listener reading the store sees at least the state its events describe.
 * Hence an acknowledged write (write() returned) is durable, and nothing is ever visible or
 * published that is not durable.
 *
 * A write from inside a transaction or a listener would deadlock a non-reentrant design and
 * corrupt this one, so it is refused.
 */
public abstract sealed class MirroredStore implements Store permits MemoryStore, SqlStore {
  private static final Logger LOG = Logger.getLogger(MirroredStore.class.getName());

  private final ReentrantLock writer = new ReentrantLock();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  /** Registered indexes by table name (lists replaced, never changed in place). */
  private final Map<String, List<Index<?>>> indexes = new ConcurrentHashMap<>();
  /** The published snapshot; null only until the initial rows have loaded. */
  private volatile CommittedRows committed;
  private final CompletableFuture<CommittedRows> loaded;
  private volatile boolean closed;

  MirroredStore(CommittedRows initial) {
    this.committed = Objects.requireNonNull(initial, "initial");
    this.loaded = CompletableFuture.completedFuture(initial);
  }

  /**
   * A store whose committed rows are still being read ({@link SqlStore} at open): every read and
   * write waits for them, so the rest of start-up runs while the database is read.
   */
  MirroredStore(CompletableFuture<CommittedRows> loading) {
    this.loaded = Objects.requireNonNull(loading, "loading");
  }

  @Override
  public final <T> Optional<T> get(Table<T> table, String scope, String id) {
    return rows().get(table.name(), scope, id).map(r -> r.value(table));
  }

  @Override
  public final <T> List<T> list(Table<T> table, String scope) {
    return rows().scope(table.name(), scope).values().stream().map(r -> r.value(table)).toList();
  }

  @Override
  public final <T> List<T> listAll(Table<T> table) {
    return rows().scopes(table.name()).values().stream()
        .flatMap(rows -> rows.values().stream()).map(r -> r.value(table)).toList();
  }

  @Override
  public final <T> List<T> listBy(Index<T> index, String scope, String key) {
    CommittedRows snapshot = rows();
    var ids = snapshot.indexed(index, scope, key);
    if (ids == null) return Store.super.listBy(index, scope, key);
    var rows = snapshot.scope(index.table().name(), scope);
    var out = new ArrayList<T>(ids.size());
    for (String id : ids) out.add(rows.get(id).value(index.table()));
    return out;
  }

  @Override
  public final void index(Index<?> index) {
    Objects.requireNonNull(index, "index");
    indexes.compute(index.table().name(), (table, list) -> {
      if (list != null && list.stream().anyMatch(i -> i.name().equals(index.name()))) return list;
      var next = new ArrayList<Index<?>>(list == null ? List.of() : list);
      next.add(index);
      return List.copyOf(next);
    });
  }

  /** Waits until the committed rows are loaded; throws what loading them threw. */
  @Override
  public final void awaitLoaded() { rows(); }

  /** The current snapshot, waiting for the initial load the first time. */
  private CommittedRows rows() {
    CommittedRows current = committed;
    if (current != null) return current;
    CommittedRows initial;
    try {
      initial = loaded.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
    synchronized (this) {
      // Writes publish only after they have seen the loaded rows, so the first to get here sets them.
      if (committed == null) committed = initial;
      return committed;
    }
  }

  @Override
  public final <R> R write(Function<Transaction, R> work) {
    Objects.requireNonNull(work, "work");
    if (writer.isHeldByCurrentThread()) {
      throw new IllegalStateException("store.write called inside a transaction or a change listener");
    }
    writer.lock();
    try {
      if (closed) throw new IllegalStateException("the store is closed");
      var tx = new MirrorTransaction(withIndexesBuilt());
      R result;
      try {
        result = work.apply(tx);
      } catch (RuntimeException | Error e) {
        tx.abandon();
        throw e;
      }
      var changes = tx.finish();
      if (!changes.isEmpty()) {
        persist(changes);
        committed = tx.next().withIndexed(changes, indexes);
        publish(changes);
      }
      return result;
    } finally {
      writer.unlock();
    }
  }

  @Override
  public final void subscribe(ChangeListener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  /** How many rows are committed, across every table and scope. */
  public final int size() { return rows().size(); }

  @Override
  public final void close() {
    writer.lock();
    try {
      if (closed) return;
      closed = true;
      loaded.handle((rows, failure) -> null).join(); // never close the database under the loader
      release();
    } finally {
      writer.unlock();
    }
  }

  /**
   * The current snapshot with every registered index built (under the writer lock): an index
   * registered since the last write is built here, once, over the rows there are, and published.
   */
  private CommittedRows withIndexesBuilt() {
    CommittedRows current = rows();
    CommittedRows next = current;
    for (var list : indexes.values()) {
      for (Index<?> index : list) {
        if (!next.hasIndex(index.name())) next = next.withIndex(index);
      }
    }
    if (next != current) committed = next; // the same rows, now with the index: nothing to persist or announce
    return next;
  }

  /** Makes the changes durable, all or nothing; throws (having rolled back) on failure. */
  abstract void persist(List<RowChange> changes);

  /** Frees the backing resources; called once, under the writer lock. */
  abstract void release();

  private void publish(List<RowChange> changes) {
    if (listeners.isEmpty()) return;
    var events = changes.stream().map(RowChange::toEvent).toList();
    for (var listener : listeners) {
      try {
        listener.committed(events);
      } catch (RuntimeException e) {
        // The change is committed; a failing listener must not make the caller think otherwise.
        LOG.log(Level.WARNING, "change listener " + listener + " failed", e);
      }
    }
  }
}
