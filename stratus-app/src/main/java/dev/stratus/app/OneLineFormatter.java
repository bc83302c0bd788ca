package dev.stratus.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats a log record on one line: instant, level as {@code --log-level} names it ({@code debug},
 * not {@code FINE}), short logger name, message; a stack trace, if any, follows on its own lines.
 */
final class OneLineFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    var line = new StringBuilder(160)
        .append(record.getInstant()).append(' ')
        .append(String.format("%-5s", LogSetup.name(record.getLevel()))).append(' ')
        .append(shortName(record.getLoggerName())).append(": ")
        .append(formatMessage(record)).append(System.lineSeparator());
    if (record.getThrown() != null) {
      var trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  /** {@code dev.stratus.core.store.SqlStore} → {@code SqlStore}. */
  static String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) return "root";
    return loggerName.substring(loggerName.lastIndexOf('.') + 1);
  }
}
