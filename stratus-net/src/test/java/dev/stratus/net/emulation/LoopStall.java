package dev.stratus.net.emulation;

/**
 * A task that keeps the event loop running it busy for a while: what a late timer on a loaded
 * machine looks like, so that delayed writes and closes come due in the same loop turn.
 */
public final class LoopStall {
  private LoopStall() {}

  /** Sleeps {@code millis} on whichever thread runs it (an event loop, in the tests). */
  public static Runnable of(long millis) {
    return () -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
