package dev.stratus.net.emulation;

/**
 * How late a timer fires after the time it was set for, measured as it runs, so that an emulated
 * delay can be set that much early and end on time. A wake-up on this kind of machine comes
 * 0.3–0.5 ms after its time, and sending what was held takes a little more: nothing on a 285 ms
 * round trip to another continent, but 3–4 % of a 14 ms one to the nearest edge, on every held
 * SYN and every delayed message. Each kind of timer keeps its own (an event loop's lateness is
 * not the SYN queue's thread's).
 *
 * <p>A moving mean of the last ~16 firings; updates from several threads may overwrite one
 * another, which only slows the mean. One firing counts for at most {@link #MAX_NANOS}: a
 * collector's pause is not how late the timer usually is.
 */
public final class TimerLateness {
  /** The most one late firing adds to the mean, so the most a timer is ever set early. */
  public static final long MAX_NANOS = 2_000_000;
  private static final int WEIGHT = 16;

  /** The event loops' timers, shared by every {@link DelayHandler} and {@link #onEventLoop}. */
  static final TimerLateness EVENT_LOOPS = new TimerLateness();

  private volatile long meanNanos;

  /** How much earlier than its time to set a timer: the mean lateness so far, 0 before any. */
  public long leadNanos() {
    return meanNanos;
  }

  /** A wait of {@code nanos} set early by the lead: what to schedule, never below zero. */
  public long aim(long nanos) {
    return Math.max(0, nanos - meanNanos);
  }

  /**
   * Runs {@code task} on {@code timer} after {@code aimNanos} (already set early, {@link #aim}),
   * and notes how late it ran, its work included.
   */
  public void schedule(java.util.concurrent.ScheduledExecutorService timer, long aimNanos, Runnable task) {
    long due = System.nanoTime() + aimNanos;
    timer.schedule(() -> {
      task.run();
      fired(due);
    }, aimNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code task} on {@code loop} {@code nanos} from now, the timer set early by how late the
   * event loops' timers have been: for a held answer with no order to keep among others (a
   * connection's own messages go through {@link DelayHandler}).
   */
  public static void onEventLoop(io.netty.util.concurrent.EventExecutor loop, long nanos, Runnable task) {
    EVENT_LOOPS.schedule(loop, EVENT_LOOPS.aim(nanos), task);
  }

  /** A timer set for {@code dueNanos} ({@link System#nanoTime}) has fired and done its work now. */
  public void fired(long dueNanos) {
    long late = Math.clamp(System.nanoTime() - dueNanos, 0, MAX_NANOS);
    long mean = meanNanos;
    meanNanos = mean + (late - mean) / WEIGHT;
  }
}
