package dev.stratus.route53.dataplane;

import dev.stratus.core.store.Store;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.core.vpc.VpcLookup;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the {@link VpcResolver}'s views in step with EC2's committed state: reads
 * {@link VpcLookup#resolverFacts()} after every change that may touch them, off the event loop.
 */
final class ResolverProjection implements AutoCloseable {

  /*
   * EC2 is found per refresh (it provides VpcLookup when it starts, possibly after Route 53), and
   * the first read retries until it is there. EC2 says which changes matter (none, until something
   * carries a stratus:host or stratus:resolver tag). Changes are coalesced: one refresh at most
   * per delay, the delay growing with the time a read takes (10×, so reads take at most a tenth
   * of a core while thousands of VPCs are built through the API).
   */

  private static final Logger LOG = Logger.getLogger(ResolverProjection.class.getName());
  private static final long MIN_DELAY_MILLIS = 50;
  private static final int FIRST_READ_ATTEMPTS = 100;

  private final Supplier<Optional<VpcLookup>> lookup;
  private final Consumer<ResolverFacts> consumer;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stratus-route53-resolver");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long lastReadMillis;

  private ResolverProjection(Supplier<Optional<VpcLookup>> lookup, Consumer<ResolverFacts> consumer) {
    this.lookup = lookup;
    this.consumer = consumer;
  }

  /** Reads the facts now (retrying until EC2 is there) and after every relevant change to {@code store}. */
  static ResolverProjection start(Store store, Supplier<Optional<VpcLookup>> lookup, Consumer<ResolverFacts> consumer) {
    ResolverProjection p = new ResolverProjection(Objects.requireNonNull(lookup, "lookup"),
        Objects.requireNonNull(consumer, "consumer"));
    store.subscribe(events -> {
      VpcLookup l = lookup.get().orElse(null);
      if (l != null && events.stream().anyMatch(l::affectsResolver)) {
        p.schedule();
      }
    });
    p.executor.execute(() -> p.first(FIRST_READ_ATTEMPTS));
    return p;
  }

  private void first(int attempts) {
    if (lookup.get().isPresent() || attempts <= 0) {
      refresh();
    } else {
      executor.schedule(() -> first(attempts - 1), 100, TimeUnit.MILLISECONDS);
    }
  }

  private void schedule() {
    if (pending.compareAndSet(false, true)) {
      executor.schedule(this::refresh, Math.max(MIN_DELAY_MILLIS, 10 * lastReadMillis), TimeUnit.MILLISECONDS);
    }
  }

  private void refresh() {
    pending.set(false);
    Optional<VpcLookup> l = lookup.get();
    if (l.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    try {
      consumer.accept(l.get().resolverFacts());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "VPC resolver could not read EC2 state; it keeps the previous views", e);
    }
    lastReadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS); // a refresh under way finishes before its listeners close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
