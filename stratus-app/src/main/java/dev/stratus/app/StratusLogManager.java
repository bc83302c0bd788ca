package dev.stratus.app;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager minus the reset its own shutdown hook does: that hook runs at the
 * same time as Stratus's and would drop the log lines telling how Stratus stops. {@link Main}
 * installs it before anything logs; Stratus's shutdown hook calls {@link #resetAfterShutdown}.
 */
public final class StratusLogManager extends LogManager {

  /** Ignored: only the JDK's shutdown hook (and start-up, with nothing to reset) calls it. */
  @Override
  public void reset() {}

  /** Closes the handlers after Stratus's last log line. */
  void resetAfterShutdown() { super.reset(); }

  /** Calls {@link #resetAfterShutdown} when this is the installed manager. */
  static void resetAfterShutdownIfInstalled() {
    if (LogManager.getLogManager() instanceof StratusLogManager m) m.resetAfterShutdown();
  }
}
