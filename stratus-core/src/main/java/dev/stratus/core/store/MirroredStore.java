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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pcollections.TreePMap;

/**
 * The behaviour every {@link Store} shares: committed rows mirrored in memory, one writer at a
 * time, persistence before visibility, change events after commit. Subclasses only decide where
 * a commit is made durable ({@link MemoryStore}: nowhere; {@link SqlStore}: a JDBC database).
 */
/*
 * Invariants.
 *
 * Reads: every read outside a transaction sees one published CommittedRows snapshot through one
 * volatile field. Snapshots are immutable, so reads take no lock and never touch the database,
 * except the first read of a table the snapshot does not hold yet (below).
 *
 * Tables load lazily (SqlStore): a snapshot starts without any table, and the first read or write
 * of a table reads that table from the database (readTable) and installs it, so start-up does not
 * wait for the whole database and a request waits only for the tables it uses. loadInBackground
 * then reads the rest. Why this needs no lock against writers: a write to a table first loads it
 * (MirrorTransaction asks for every table it touches), so a table's rows in the database cannot
 * change while the table is not loaded, and whoever reads it reads the rows committed at open.
 * One future per table makes every thread wait for the one read; installing (and any publish)
 * replaces the snapshot under `install`, each from the current one, so neither loses the other's
 * change. Installing is not a change: no event, nothing persisted.
 *
 * Writes, under the writer lock, in this order:
 *   1. the work runs against a MirrorTransaction over the current snapshot;
 *      if it throws, the transaction is abandoned and nothing else happens;
 *   2. persist() makes the net row changes durable in one database transaction;
 *      if it throws, the snapshot stays as it was and the exception propagates;
 *   3. the next snapshot is published (now reads see the change), made from the current snapshot
 *      (tables another thread installed meanwhile stay) and the transaction's scopes;
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
  /** The published snapshot. */
  private volatile CommittedRows committed;
  /** Guards replacing {@link #committed} (writers publishing, loaders installing a table). */
  private final Object install = new Object();
  /** Each table's load from the database, done once it is in the snapshot. */
  private final Map<String, CompletableFuture<Void>> tableLoads = new ConcurrentHashMap<>();
  /** Every table is in the snapshot: nothing more to read from the database. */
  private volatile boolean allLoaded;
  private final AtomicBoolean backgroundStarted = new AtomicBoolean();
  /** Done unless the server holds start-up work ({@link #holdUntilStartedUp}). */
  private volatile CompletableFuture<Void> startUp = CompletableFuture.completedFuture(null);
  private volatile boolean closed;

  /** A store that holds all its rows from the start ({@link MemoryStore}). */
  MirroredStore(CommittedRows initial) {
    this.committed = Objects.requireNonNull(initial, "initial");
    this.allLoaded = true;
  }

  /** A store whose tables are read from its database at their first use ({@link SqlStore}). */
  MirroredStore() {
    this.committed = CommittedRows.EMPTY;
  }

  @Override
  public final <T> Optional<T> get(Table<T> table, String scope, String id) {
    return rows(table).get(table.name(), scope, id).map(r -> r.value(table));
  }

  @Override
  public final <T> List<T> list(Table<T> table, String scope) {
    return rows(table).scope(table.name(), scope).values().stream().map(r -> r.value(table)).toList();
  }

  @Override
  public final <T> List<T> listAll(Table<T> table) {
    return rows(table).scopes(table.name()).values().stream()
        .flatMap(rows -> rows.values().stream()).map(r -> r.value(table)).toList();
  }

  @Override
  public final <T> List<T> listBy(Index<T> index, String scope, String key) {
    CommittedRows snapshot = rows(index.table());
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

  /** Reads every table not loaded yet (waiting for those other threads are reading); throws what reading threw. */
  @Override
  public final void awaitLoaded() {
    if (allLoaded) return;
    for (String table : tableNames()) loaded(table);
    // A table without rows now is loaded empty: its first rows can only come from a write, which loads it first.
    allLoaded = true;
  }

  @Override
  public final void loadInBackground() {
    if (allLoaded || !backgroundStarted.compareAndSet(false, true)) return;
    Thread.ofPlatform().daemon().name("stratus-store-load").start(() -> {
      long start = System.nanoTime();
      try {
        awaitLoaded();
        LOG.fine(() -> "store loaded " + committed.size() + " rows in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      } catch (RuntimeException e) {
        // The tables it could not read fail their own reads too; say so now rather than at the first use.
        if (!closed) LOG.log(Level.SEVERE, "the store could not be read", e);
      }
    });
  }

  @Override
  public final void afterStartUp(Runnable work) {
    Objects.requireNonNull(work, "work");
    startUp.thenRun(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "work deferred to the end of start-up failed", e);
      }
    });
  }

  @Override
  public final void holdUntilStartedUp() {
    if (startUp.isDone()) startUp = new CompletableFuture<>();
  }

  @Override
  public final void startUpDone() { startUp.complete(null); }

  /** The published snapshot as it stands, loaded tables only (tests). */
  final CommittedRows snapshot() { return committed; }

  /** The current snapshot, with {@code table} in it. */
  private CommittedRows rows(Table<?> table) { return loaded(table.name()); }

  /**
   * The current snapshot once it holds {@code table}: the first caller reads the table from the
   * database and installs it, others wait for that; a failed read fails every caller.
   */
  private CommittedRows loaded(String table) {
    if (allLoaded) return committed;
    var load = tableLoads.get(table);
    if (load == null) {
      var mine = new CompletableFuture<Void>();
      load = tableLoads.putIfAbsent(table, mine);
      if (load == null) {
        load = mine;
        try {
          long start = System.nanoTime();
          var rows = readTable(table);
          synchronized (install) {
            // Once awaitLoaded has read every table, this one had no rows when it listed them: any
            // it has now came from writes (which then did not wait for this read) and are in the snapshot.
            if (!allLoaded) committed = committed.withTable(table, rows, indexes.getOrDefault(table, List.of()));
          }
          LOG.finer(() -> "store loaded " + table + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
          mine.complete(null);
        } catch (RuntimeException | Error e) {
          mine.completeExceptionally(e instanceof StoreException || e instanceof Error ? e
              : new StoreException("Cannot read " + table + " from the store: " + e.getMessage(), e));
        }
      }
    }
    try {
      load.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw e;
    }
    return committed;
  }

  /** True when {@code table} is in the snapshot (an index can be built over it). */
  private boolean isLoaded(String table) {
    if (allLoaded) return true;
    var load = tableLoads.get(table);
    return load != null && load.isDone() && !load.isCompletedExceptionally();
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
      var tx = new MirrorTransaction(withIndexesBuilt(), this::loaded);
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
        synchronized (install) {
          committed = tx.applyTo(committed).withIndexed(changes, indexes);
        }
        publish(changes);
      }
      return result;
    } finally {
      writer.unlock();
    }
  }

  @Override
  public final void subscribe(ChangeListener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  /** How many rows are committed, across every table and scope (reads every table not loaded yet). */
  public final int size() {
    awaitLoaded();
    return committed.size();
  }

  @Override
  public final void close() {
    writer.lock();
    try {
      if (closed) return;
      closed = true;
      release(); // waits for a table read under way (SqlStore), and makes later ones fail
    } finally {
      writer.unlock();
    }
  }

  /**
   * The current snapshot with every registered index of a loaded table built (under the writer
   * lock): an index registered since the last write is built here, once, over the rows there are,
   * and published. An index of a table not loaded yet is built when the table is installed.
   */
  private CommittedRows withIndexesBuilt() {
    synchronized (install) {
      CommittedRows current = committed;
      CommittedRows next = current;
      for (var list : indexes.values()) {
        for (Index<?> index : list) {
          if (!next.hasIndex(index.name()) && isLoaded(index.table().name())) next = next.withIndex(index);
        }
      }
      if (next != current) committed = next; // the same rows, now with the index: nothing to persist or announce
      return next;
    }
  }

  /**
   * The committed rows of {@code table} from the database, scope → id → row; called at most once
   * per table, never for a table this store has written. {@link MemoryStore} holds every table
   * from the start and is never asked.
   */
  abstract Map<String, TreePMap<String, StoredRow>> readTable(String table);

  /** The names of the tables the database has rows of. */
  abstract List<String> tableNames();

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
