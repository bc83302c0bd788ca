package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Stage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST API stage access logs: one line per request in the stage's format, its
 * {@code $context.*} variables filled in ({@code -} when a variable has no value), appended to
 * {@code <dir>/<log group name>.log} where AWS would send it to the CloudWatch Logs group of the
 * destination ARN. Writes are synchronous and small; a log that cannot be written is reported
 * once and skipped.
 */
final class AccessLogs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AccessLogs.class.getName());
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)");

  private final Path dir;
  private final Map<String, BufferedWriter> open = new ConcurrentHashMap<>();
  private final Map<String, Boolean> failed = new ConcurrentHashMap<>();

  AccessLogs(Path dir) { this.dir = dir; }

  /** The file of a destination: the log group's name, {@code /} replaced by {@code _}. */
  Path fileOf(String destinationArn) {
    String name = destinationArn.substring(destinationArn.lastIndexOf(":log-group:") < 0 ? destinationArn.lastIndexOf(':') + 1
        : destinationArn.lastIndexOf(":log-group:") + ":log-group:".length());
    if (name.endsWith(":*")) name = name.substring(0, name.length() - 2);
    return dir.resolve(name.replace('/', '_').replaceAll("^_+", "") + ".log");
  }

  void write(Stage.AccessLogSettings settings, Map<String, Object> context) {
    if (settings == null || settings.destinationArn() == null || settings.format() == null || dir == null) return;
    Matcher m = VARIABLE.matcher(settings.format());
    StringBuilder line = new StringBuilder();
    while (m.find()) m.appendReplacement(line, Matcher.quoteReplacement(value(context, m.group(1))));
    m.appendTail(line);
    String arn = settings.destinationArn();
    try {
      BufferedWriter out = open.computeIfAbsent(arn, a -> {
        try {
          Files.createDirectories(dir);
          return Files.newBufferedWriter(fileOf(a), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      synchronized (out) {
        out.write(line.toString());
        out.newLine();
        out.flush();
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      if (failed.putIfAbsent(arn, true) == null) LOG.log(Level.WARNING, "cannot write the access log of " + arn, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String value(Map<String, Object> context, String path) {
    Object v = context;
    for (String part : path.split("\\.")) {
      if (!(v instanceof Map<?, ?> m)) return "-";
      v = ((Map<String, Object>) m).get(part);
    }
    return v == null || v instanceof Map ? "-" : String.valueOf(v);
  }

  @Override
  public void close() {
    open.values().forEach(w -> {
      try {
        w.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing an access log failed", e);
      }
    });
    open.clear();
  }
}
