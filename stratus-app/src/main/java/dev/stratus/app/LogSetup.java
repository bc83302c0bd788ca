package dev.stratus.app;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Sends java.util.logging to stderr, one line per record, at the level of {@code --log-level}. */
final class LogSetup {
  private LogSetup() {}

  /** Stratus's own loggers, whose level {@code --log-level} sets; a reference keeps it configured. */
  private static final Logger STRATUS = Logger.getLogger("dev.stratus");

  /** The names {@code --log-level} takes, as help and errors print them. */
  static final String NAMES = "error, warn, info, debug, trace or off";

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

  /** Whether Stratus logs at {@code debug}: then failures carry their stack traces. */
  static boolean debugEnabled() {
    return STRATUS.isLoggable(Level.FINE);
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
      case "trace", "finer", "finest", "all" -> Level.FINEST;
      case "off" -> Level.OFF;
      default -> throw new IllegalArgumentException("unknown log level '" + name + "' (use " + NAMES + ")");
    };
  }

  /** The name {@code --log-level} uses for {@code level}: {@code debug}, not {@code FINE}. */
  static String name(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) return "error";
    if (v >= Level.WARNING.intValue()) return "warn";
    if (v >= Level.INFO.intValue()) return "info";
    if (v >= Level.FINE.intValue()) return "debug";
    return "trace";
  }

  /** {@code --log-level}'s converter: a bad name is a usage error (exit code 2), not a stack trace. */
  static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a log level (use " + NAMES + ")");
      }
    }
  }

  /** An exception as one line: its message (or its type), with the messages of its causes. */
  static String oneLine(Throwable e) {
    var out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
      if (out.indexOf(m) >= 0) continue;
      if (!out.isEmpty()) out.append(": ");
      out.append(m.lines().findFirst().orElse(m));
    }
    return out.toString();
  }
}
