package dev.stratus.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
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

  /**
   * How soon a rebuild may follow the previous one: at least {@code minGap}, and {@code factor}
   * times as long as the previous rebuild took, so a projection whose full read is expensive
   * uses at most 1/factor of a core while commits stream in (they are folded meanwhile).
   */
  public record Pacing(Duration minGap, int factor) {
    public Pacing {
      Objects.requireNonNull(minGap, "minGap");
      if (factor < 0) throw new IllegalArgumentException("factor must be >= 0: " + factor);
    }

    /** No pacing: rebuild as soon as the previous one finished. */
    public static final Pacing NONE = new Pacing(Duration.ZERO, 0);
  }

  private final String name;
  private final Store store;
  private final Predicate<ChangeEvent> relevant;
  private final Pacing pacing;
  private final Rebuild<S> rebuild;
  private final ScheduledExecutorService thread;
  private volatile long lastRebuildNanos;
  private final Object lock = new Object();
  private List<ChangeEvent> pending = new ArrayList<>();
  private boolean scheduled;
  private volatile boolean closed;
  private volatile S current;
  private boolean loggedFirst; // the rebuild thread's only

  private Projection(String name, Store store, Predicate<ChangeEvent> relevant, Pacing pacing, Rebuild<S> rebuild) {
    this.name = name;
    this.store = store;
    this.relevant = relevant;
    this.pacing = pacing;
    this.rebuild = rebuild;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stratus-projection-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Subscribes to commits touching {@code tables} and loads the first snapshot (asynchronously,
   * after start-up when the store holds start-up work, see {@link Store#afterStartUp};
   * {@link #awaitCurrent()} waits for it, loading it at once if it is still held).
   */
  public static <S> Projection<S> start(String name, Store store, Set<Table<?>> tables, Rebuild<S> rebuild) {
    Set<String> names = tables.stream().map(Table::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
    return start(name, store, e -> names.contains(e.table().name()), Pacing.NONE, rebuild);
  }

  /**
   * As {@link #start(String, Store, Set, Rebuild)} for a projection that cannot name its tables
   * (another service's state read through a core contract, which says which commits matter),
   * paced as {@code pacing} says.
   */
  public static <S> Projection<S> start(String name, Store store, Predicate<ChangeEvent> relevant, Pacing pacing,
      Rebuild<S> rebuild) {
    Projection<S> p = new Projection<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(relevant, "relevant"), Objects.requireNonNull(pacing, "pacing"),
        Objects.requireNonNull(rebuild, "rebuild"));
    store.subscribe(p::committed);
    // The first full read waits for the end of start-up (Store.afterStartUp) unless someone needs it sooner.
    store.afterStartUp(() -> {
      try {
        p.thread.execute(p::loadFirst);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closed meanwhile
      }
    });
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

  /**
   * Waits until every commit seen so far has been applied, then returns the snapshot (loading the
   * first one now if it still waits for the end of start-up).
   */
  public S awaitCurrent() {
    try {
      while (true) {
        thread.submit(this::loadFirst).get();
        synchronized (lock) {
          if (!scheduled) break; // else a paced rebuild is still waiting for its gap
        }
        Thread.sleep(5);
      }
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
    schedule();
  }

  /** Runs the next drain, after the pacing gap when there is one. */
  private void schedule() {
    try {
      long gap = Math.max(pacing.minGap().toNanos(), pacing.factor() * lastRebuildNanos);
      if (gap <= 0) {
        thread.execute(this::drain);
      } else {
        thread.schedule(this::drain, gap, TimeUnit.NANOSECONDS);
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private void committed(List<ChangeEvent> events) {
    if (closed) return; // the store has no unsubscribe; a closed projection ignores events
    List<ChangeEvent> matching = events.stream().filter(relevant).toList();
    if (matching.isEmpty()) return;
    synchronized (lock) {
      pending.addAll(matching);
      if (scheduled) return;
      scheduled = true;
    }
    schedule();
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

  /** The first full load, unless a rebuild already published a snapshot (rebuild thread). */
  private void loadFirst() {
    if (current == null) apply(List.of());
  }

  private void apply(List<ChangeEvent> events) {
    long start = System.nanoTime();
    try {
      current = rebuild.rebuild(current, List.copyOf(events), store);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + ": rebuild failed; the previous snapshot stays published", e);
    }
    lastRebuildNanos = System.nanoTime() - start;
    if (!loggedFirst && current != null) {
      loggedFirst = true; // when a data plane serves what the store holds (start-up; --log-level debug)
      LOG.fine(() -> name + ": first snapshot in " + lastRebuildNanos / 1_000_000 + " ms");
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS); // a rebuild under way finishes before what it feeds closes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
