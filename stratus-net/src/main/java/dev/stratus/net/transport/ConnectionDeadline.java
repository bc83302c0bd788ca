package dev.stratus.net.transport;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline of one connection, kept on the connection's event loop, that costs a field write
 * to set again later. A keep-alive connection moves its deadlines on every request (header, body,
 * idle and response timeouts); scheduling and cancelling a Netty task for each move is a
 * priority-queue insert and removal per request, about a twentieth of an ALB request's CPU.
 * Here a task is scheduled only when the new deadline comes before the pending task fires; a task
 * that fires early re-arms itself for what is left, and one that finds no deadline does nothing.
 *
 * <p>Not thread-safe: every method runs on {@code loop}.
 */
public final class ConnectionDeadline {

  private final EventExecutor loop;
  private final Runnable onExpiry;
  private boolean set;
  /** System.nanoTime() of the deadline, meaningful while {@link #set}. */
  private long deadline;
  /** The pending task and when it fires; null when none is pending. */
  private ScheduledFuture<?> task;
  private long taskFiresAt;

  /** A deadline on {@code loop} that runs {@code onExpiry} there when it passes. */
  public ConnectionDeadline(EventExecutor loop, Runnable onExpiry) {
    this.loop = loop;
    this.onExpiry = onExpiry;
  }

  /** Sets the deadline {@code nanos} from now, replacing any other. */
  public void after(long nanos) {
    long at = System.nanoTime() + nanos;
    set = true;
    deadline = at;
    if (task != null) {
      if (at - taskFiresAt >= 0) return; // the pending task fires first and re-arms for the rest
      task.cancel(false);
    }
    arm(at);
  }

  /** Moves a set deadline {@code nanos} later (a body that earns time by the bytes it delivers). */
  public void extend(long nanos) {
    if (set) deadline += nanos; // later than before: the pending task re-arms when it fires
  }

  /** No deadline any more; a pending task stays and finds nothing due (cheaper than cancelling). */
  public void clear() {
    set = false;
  }

  /** No deadline and no pending task: call when the connection closes. */
  public void cancel() {
    set = false;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void arm(long at) {
    taskFiresAt = at;
    task = loop.schedule(this::fire, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    task = null;
    if (!set) return;
    if (System.nanoTime() - deadline >= 0) {
      set = false;
      onExpiry.run();
    } else {
      arm(deadline);
    }
  }
}
