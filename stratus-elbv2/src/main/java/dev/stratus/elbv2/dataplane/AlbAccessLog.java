package dev.stratus.elbv2.dataplane;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One load balancer's access log in AWS's ALB format (one line per request, fields in AWS's
 * order: type, time, elb, client:port, target:port, the three processing times, status codes,
 * bytes, "request", "user_agent", TLS fields, target group ARN, "trace_id", ...), written where
 * AWS would put it under the bucket: {@code <dir>/AWSLogs/<account>/elasticloadbalancing/<region>/
 * <account>_elasticloadbalancing_<region>_app.<name>.<id>.log} (one file per balancer, appended,
 * not rotated or gzipped).
 */
final class AlbAccessLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AlbAccessLog.class.getName());
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  /** One request as the log line tells it; -1 times and codes print as AWS's {@code -1} / {@code -}. */
  record Entry(String type, Instant time, String elb, String client, String target, double requestTime,
      double targetTime, double responseTime, int elbStatus, int targetStatus, long receivedBytes, long sentBytes,
      String request, String userAgent, String targetGroupArn, String traceId, String domain, int rulePriority,
      Instant created, String action, String redirectUrl, String errorReason, String sslCipher, String sslProtocol) {}

  private final Path file;
  private final BufferedWriter out;

  private AlbAccessLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** The file of the balancer {@code arn} under {@code dir}. */
  static Path fileOf(Path dir, String lbArn) {
    String[] parts = lbArn.split(":");
    String region = parts[3];
    String account = parts[4];
    String[] name = parts[5].split("/"); // loadbalancer/app/<name>/<id>
    return dir.resolve("AWSLogs").resolve(account).resolve("elasticloadbalancing").resolve(region)
        .resolve(account + "_elasticloadbalancing_" + region + "_" + name[1] + "." + name[2] + "." + name[3] + ".log");
  }

  static AlbAccessLog open(Path dir, String lbArn) throws IOException {
    Path file = fileOf(dir, lbArn);
    Files.createDirectories(file.getParent());
    return new AlbAccessLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND));
  }

  Path file() { return file; }

  void write(Entry e) {
    String line = e.type() + " " + TIME.format(e.time()) + " " + e.elb() + " " + e.client() + " " + dash(e.target()) + " "
        + seconds(e.requestTime()) + " " + seconds(e.targetTime()) + " " + seconds(e.responseTime()) + " "
        + code(e.elbStatus()) + " " + code(e.targetStatus()) + " " + e.receivedBytes() + " " + e.sentBytes() + " "
        + quote(e.request()) + " " + quote(e.userAgent()) + " " + dash(e.sslCipher()) + " " + dash(e.sslProtocol()) + " " + dash(e.targetGroupArn()) + " " + quote(e.traceId())
        + " " + quote(e.domain()) + " \"-\" " + (e.rulePriority() < 0 ? "-" : (e.rulePriority() == 0 ? "0" : e.rulePriority()))
        + " " + TIME.format(e.created()) + " " + quote(e.action()) + " " + quote(e.redirectUrl()) + " " + quote(e.errorReason())
        + " " + quote(e.target()) + " " + quote(e.targetStatus() < 0 ? null : String.valueOf(e.targetStatus()))
        + " \"-\" \"-\" -\n";
    synchronized (this) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException ex) {
        LOG.log(Level.FINE, "access log write failed: " + file, ex);
      }
    }
  }

  private static String seconds(double s) { return s < 0 ? "-1" : String.format(java.util.Locale.ROOT, "%.3f", s); }

  private static String code(int c) { return c < 0 ? "-" : String.valueOf(c); }

  private static String dash(String s) { return s == null || s.isEmpty() ? "-" : s; }

  private static String quote(String s) { return "\"" + (s == null || s.isEmpty() ? "-" : s.replace("\"", "\\\"")) + "\""; }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "access log close failed: " + file, e);
    }
  }
}
