package dev.stratus.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock that only moves when a test says so, and a scheduler on it: {@link #advance} runs,
 * on the calling thread and in time order, every task that falls due, with the clock set to each
 * task's time. What a timer-driven component does over minutes is then a few method calls and
 * no sleeping.
 */
public final class ManualTime {
  private Instant now;
  private long sequence;
  private final PriorityQueue<Task<?>> due = new PriorityQueue<>();
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }

    @Override public Instant instant() { synchronized (ManualTime.this) { return now; } }
  };

  public ManualTime(Instant start) { this.now = start; }

  public Clock clock() { return clock; }

  /** Moves the clock by {@code step}, running every task due up to the new time. */
  public void advance(Duration step) {
    Instant until;
    synchronized (this) {
      until = now.plus(step);
    }
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = due.peek();
        if (next == null || next.at.isAfter(until)) {
          now = until;
          return;
        }
        due.poll();
        now = next.at;
      }
      next.runOnce();
    }
  }

  /** A scheduler whose timers fire in {@link #advance}. */
  public ScheduledExecutorService scheduler() { return new Scheduler(); }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private Instant at;
    private final long period; // ms, 0 for one-shot
    private final long order;

    Task(Callable<V> work, Instant at, long period) {
      super(work);
      this.at = at;
      this.period = period;
      this.order = sequence++;
    }

    void runOnce() {
      if (period == 0) {
        run();
        return;
      }
      if (runAndReset()) {
        synchronized (ManualTime.this) {
          at = at.plusMillis(period);
          due.add(this);
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      synchronized (ManualTime.this) {
        due.remove(this);
      }
      return super.cancel(mayInterrupt);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), at));
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> o = (Task<?>) other;
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private volatile boolean shutdown;

    private <V> ScheduledFuture<V> add(Callable<V> work, long delay, long period, TimeUnit unit) {
      if (shutdown) throw new java.util.concurrent.RejectedExecutionException("shut down");
      synchronized (ManualTime.this) {
        var task = new Task<>(work, now.plusMillis(unit.toMillis(delay)), unit.toMillis(period));
        due.add(task);
        return task;
      }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return add(() -> { command.run(); return null; }, delay, 0, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return add(callable, delay, 0, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return add(() -> { command.run(); return null; }, initialDelay, Math.max(1, period), unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) { schedule(command, 0, TimeUnit.MILLISECONDS); }

    @Override
    public void shutdown() { shutdown = true; }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      synchronized (ManualTime.this) {
        due.clear();
      }
      return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() { return shutdown; }

    @Override
    public boolean isTerminated() { return shutdown; }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
  }
}
