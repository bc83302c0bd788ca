package dev.stratus.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A data plane's view of committed state (ARCHITECTURE "Traffic"): an immutable snapshot built
 * from the store, rebuilt off the event loops when a commit touches one of its tables, and
 * published through one volatile field that request handlers read without locks.
 *
 * <pre>{@code
 * Projection<ListenerTable> listeners = Projection.start("elb listeners", store,
 *     Set.of(LOAD_BALANCERS, LISTENERS, RULES), (previous, events, committed) -> ListenerTable.load(committed));
 * ... listeners.current() on every request ...
 * }</pre>
 */
/*
 * Change events arrive on the store's writer thread and must be quick (ChangeListener), so they
 * are queued and one rebuild thread drains them: events apply in commit order, several commits
 * that arrive during one rebuild are folded into the next (their events in one list), and a
 * rebuild reads committed state, so the latest published snapshot reflects the latest commit it
 * saw. The subscription comes before the initial load, so no commit slips between the two
 * (rebuilds must therefore be idempotent). A failing rebuild keeps the previous snapshot and logs.
 * This is the pattern of Route 53's data plane (Route53DataPlane), extracted.
 */
public final class Projection<S> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Projection.class.getName());

  /** Builds the next snapshot. */
  @FunctionalInterface
  public interface Rebuild<S> {
    /**
     * @param previous the published snapshot; null means nothing is loaded yet: load everything
     *     (the first call, or a commit that raced the first load)
     * @param events the changes since the last rebuild, in commit order (empty for the first load)
     * @param committed the store's committed state, to read whatever the change requires
     */
    S rebuild(S previous, List<ChangeEvent> events, ReadView committed);
  }

  private final String name;
  private final Store store;
  private final Set<String> tables;
  private final Rebuild<S> rebuild;
  private final ExecutorService thread;
  private final Object lock = new Object();
  private List<ChangeEvent> pending = new ArrayList<>();
  private boolean scheduled;
  private volatile boolean closed;
  private volatile S current;

  private Projection(String name, Store store, Set<Table<?>> tables, Rebuild<S> rebuild) {
    this.name = name;
    this.store = store;
    this.tables = tables.stream().map(Table::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.rebuild = rebuild;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "stratus-projection-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Subscribes to commits touching {@code tables} and loads the first snapshot (asynchronously;
   * {@link #awaitCurrent()} waits for it).
   */
  public static <S> Projection<S> start(String name, Store store, Set<Table<?>> tables, Rebuild<S> rebuild) {
    Projection<S> p = new Projection<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(store, "store"),
        Set.copyOf(tables), Objects.requireNonNull(rebuild, "rebuild"));
    store.subscribe(p::committed);
    p.thread.execute(() -> p.apply(List.of()));
    return p;
  }

  /** As {@link #start} for a snapshot that is always loaded whole from committed state. */
  public static <S> Projection<S> ofFullLoad(String name, Store store, Set<Table<?>> tables, Function<ReadView, S> load) {
    return start(name, store, tables, (previous, events, committed) -> load.apply(committed));
  }

  /** The published snapshot: null only before the first load finished. */
  public S current() {
    return current;
  }

  /** Waits until every commit seen so far has been applied, then returns the snapshot. */
  public S awaitCurrent() {
    try {
      thread.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException(name + ": projection stopped", e);
    }
    return current;
  }

  /**
   * Rebuilds from committed state although no table changed, for facts the snapshot reads from
   * elsewhere (an ELB target's health flipped); folded with pending commits like one.
   */
  public void refresh() {
    if (closed) return;
    synchronized (lock) {
      if (scheduled) return;
      scheduled = true;
    }
    try {
      thread.execute(this::drain);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void committed(List<ChangeEvent> events) {
    if (closed) return; // the store has no unsubscribe; a closed projection ignores events
    List<ChangeEvent> relevant = events.stream().filter(e -> tables.contains(e.table().name())).toList();
    if (relevant.isEmpty()) return;
    synchronized (lock) {
      pending.addAll(relevant);
      if (scheduled) return;
      scheduled = true;
    }
    thread.execute(this::drain);
  }

  private void drain() {
    List<ChangeEvent> batch;
    synchronized (lock) {
      batch = pending;
      pending = new ArrayList<>();
      scheduled = false;
    }
    apply(batch);
  }

  private void apply(List<ChangeEvent> events) {
    try {
      current = rebuild.rebuild(current, List.copyOf(events), store);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + ": rebuild failed; the previous snapshot stays published", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
  }
}
