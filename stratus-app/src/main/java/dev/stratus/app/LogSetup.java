package dev.stratus.app;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Sends java.util.logging to stderr, one line per record, at the level of {@code --log-level}. */
final class LogSetup {
  private LogSetup() {}

  /** Stratus's own loggers, whose level {@code --log-level} sets; a reference keeps it configured. */
  private static final Logger STRATUS = Logger.getLogger("dev.stratus");

  /**
   * Stratus's loggers log at {@code level}; the JDK's and libraries' only from INFO up, unless
   * {@code level} is finer than FINE ({@code trace}), so {@code debug} shows Stratus's detail only.
   */
  static void configure(Level level) {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) root.removeHandler(h);
    var handler = new ConsoleHandler();
    handler.setFormatter(new OneLineFormatter());
    handler.setLevel(level);
    root.addHandler(handler);
    root.setLevel(level.intValue() < Level.FINE.intValue() || level.intValue() > Level.INFO.intValue() ? level : Level.INFO);
    STRATUS.setLevel(level);
  }

  /**
   * Accepts java.util.logging's names and the usual ones: {@code error}, {@code warn},
   * {@code info}, {@code debug}, {@code trace}, {@code off}.
   */
  static Level parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "error", "severe" -> Level.SEVERE;
      case "warn", "warning" -> Level.WARNING;
      case "info" -> Level.INFO;
      case "debug", "fine" -> Level.FINE;
      case "trace", "finest", "all" -> Level.FINEST;
      case "off" -> Level.OFF;
      default -> throw new IllegalArgumentException(
          "unknown log level '" + name + "' (use error, warn, info, debug, trace or off)");
    };
  }
}
