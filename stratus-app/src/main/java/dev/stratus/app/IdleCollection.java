package dev.stratus.app;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Gives memory back to the OS once Stratus is idle after a burst, as G1's periodic collection
 * does for G1. The launcher runs the Serial collector, whose plain card-marking write barrier
 * costs the data planes' event-loop code less than G1's (bench/elb: about a fifth less CPU per
 * proxied request). Serial shrinks the heap only in a full collection, which an idle process
 * never has, so this runs one when no collection ran for a whole interval (nothing much is
 * allocating) and the heap grew since the last one it ran; the launcher's MaxHeapFreeRatio and
 * -XX:-ShrinkHeapInSteps then let the JVM uncommit the rest at once. The heap's "used" figure
 * counts garbage until a full collection, so it cannot tell by itself whether one would help.
 */
final class IdleCollection {
  private static final Logger LOG = Logger.getLogger(IdleCollection.class.getName());
  /** Growth since the last idle collection below which another one is not worth its pause. */
  private static final long GROWTH_BYTES = 16L << 20;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private long lastCollections = -1;
  private long usedAfterLast;

  private IdleCollection() {}

  /**
   * Starts the check every {@code interval} on a daemon thread, unless the JVM runs G1 (which
   * has its own periodic collection) or {@code interval} is zero.
   */
  static void start(Duration interval) {
    if (interval.isZero() || ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(b -> b.getName().startsWith("G1"))) {
      return;
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stratus-idle-gc");
      t.setDaemon(true);
      return t;
    });
    IdleCollection check = new IdleCollection();
    timer.scheduleWithFixedDelay(check::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long collections = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) collections += Math.max(0, b.getCollectionCount());
    boolean idle = collections == lastCollections;
    lastCollections = collections;
    long used = memory.getHeapMemoryUsage().getUsed();
    if (idle && used > usedAfterLast + GROWTH_BYTES) {
      LOG.fine(() -> "idle: a full collection to return the heap a burst took (" + (used >> 20) + " MiB used)");
      System.gc();
      usedAfterLast = memory.getHeapMemoryUsage().getUsed();
      lastCollections = -1; // the collection just made is not activity
    }
  }
}
