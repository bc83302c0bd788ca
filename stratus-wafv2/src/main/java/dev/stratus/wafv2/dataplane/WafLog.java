package dev.stratus.wafv2.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends WAF log lines (one JSON object per request, AWS's format) to a file per log destination
 * under the data directory, off the event loop: the filter only enqueues.
 */
final class WafLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WafLog.class.getName());

  private final Path dir;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "stratus-waf-log");
    t.setDaemon(true);
    return t;
  });

  WafLog(Path dir) { this.dir = dir; }

  /** The file a destination's lines go to: {@code <dir>/<destination name>.log}. */
  Path fileOf(String destinationArn) {
    String name = destinationArn.substring(Math.max(destinationArn.lastIndexOf(':'), destinationArn.lastIndexOf('/')) + 1);
    return dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  void append(String destinationArn, String line) {
    Path file = fileOf(destinationArn);
    try {
      writer.execute(() -> {
        try {
          Files.createDirectories(file.getParent());
          Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "cannot write WAF log " + file, e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the line is dropped, as on shutdown in AWS's delivery
    }
  }

  /** Waits until every line enqueued so far is written (tests, shutdown). */
  void flush() {
    try {
      writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort
    }
  }

  @Override
  public void close() {
    flush();
    writer.shutdown();
  }
}
