package dev.stratus.cloudfront.dataplane;

import dev.stratus.core.s3.LogDelivery;
import dev.stratus.net.http.HttpExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * CloudFront's standard logs (legacy): one tab-separated line per viewer request in AWS's 33
 * fields, gathered per distribution and hour and written every {@code flushEvery} as a gzipped
 * file {@code <prefix><distribution-id>.YYYY-MM-DD-HH.<unique>.gz} in the distribution's logging
 * bucket through S3's {@link LogDelivery}. Cookies are logged only with IncludeCookies.
 */
final class AccessLogs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AccessLogs.class.getName());
  static final String FIELDS = "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status"
      + " cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header"
      + " cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type"
      + " cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type"
      + " sc-content-type sc-content-len sc-range-start sc-range-end";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH").withZone(ZoneOffset.UTC);

  /** Where a distribution's logs go: Logging's Bucket (its bucket name), Prefix and IncludeCookies. */
  record Target(String bucket, String prefix, boolean includeCookies) {}

  /** What is read of a viewer request when it arrives (the request may be released before the answer). */
  record Arrival(String method, String uri, String host, String referer, String userAgent, String cookie,
      String forwardedFor, String protocolVersion, String clientIp, int clientPort, boolean tls, String sslProtocol,
      String sslCipher, long requestBytes, long startNanos) {

    static Arrival of(HttpExchange ex) {
      var req = ex.request();
      HttpHeaders h = req.headers();
      long headerBytes = req.method().name().length() + req.uri().length() + 12;
      for (Map.Entry<String, String> e : h) headerBytes += e.getKey().length() + e.getValue().length() + 4;
      String protocol = "-";
      String cipher = "-";
      if (ex.tls()) {
        SslHandler ssl = ex.channel().pipeline().get(SslHandler.class);
        if (ssl == null && ex.channel().parent() != null) ssl = ex.channel().parent().pipeline().get(SslHandler.class);
        if (ssl != null && ssl.engine().getSession() != null) {
          protocol = ssl.engine().getSession().getProtocol();
          cipher = ssl.engine().getSession().getCipherSuite();
        }
      }
      return new Arrival(req.method().name(), req.uri(), h.get("Host"), h.get("Referer"), h.get("User-Agent"),
          h.get("Cookie"), h.get("X-Forwarded-For"), req.protocolVersion().text(), ex.remote().getAddress().getHostAddress(),
          ex.remote().getPort(), ex.tls(), protocol, cipher, headerBytes + req.content().readableBytes(), System.nanoTime());
    }
  }

  private record Batch(String distributionId, String hour, Target target) {}

  private final LogDelivery delivery;
  private final Clock clock;
  private final Map<Batch, ConcurrentLinkedQueue<String>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  AccessLogs(LogDelivery delivery, Clock clock, Duration flushEvery) {
    this.delivery = delivery;
    this.clock = clock;
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cloudfront-access-logs");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(100, flushEvery.toMillis());
    flusher.scheduleWithFixedDelay(() -> {
      try {
        flush();
      } catch (RuntimeException e) {
        LOG.warning(() -> "access log flush failed: " + e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One line for the answer {@code r} to {@code a}, served by distribution {@code d}. */
  void record(CompiledDistribution d, Target target, Arrival a, FullHttpResponse r) {
    Instant now = clock.instant();
    String xCache = r.headers().get("X-Cache", "Miss from cloudfront");
    String result = xCache.contains(" ") ? xCache.substring(0, xCache.indexOf(' ')) : xCache;
    long bodyBytes = r.content().readableBytes();
    long headerBytes = 17;
    for (Map.Entry<String, String> e : r.headers()) headerBytes += e.getKey().length() + e.getValue().length() + 4;
    int q = a.uri().indexOf('?');
    String stem = q < 0 ? a.uri() : a.uri().substring(0, q);
    String query = q < 0 || q == a.uri().length() - 1 ? "-" : a.uri().substring(q + 1);
    String seconds = String.format("%.3f", (System.nanoTime() - a.startNanos()) / 1e9);
    List<String> f = new ArrayList<>(33);
    f.add(DATE.format(now));
    f.add(TIME.format(now));
    f.add(orDash(r.headers().get("X-Amz-Cf-Pop")));
    f.add(String.valueOf(headerBytes + bodyBytes));
    f.add(a.clientIp());
    f.add(a.method());
    f.add(d.domainName());
    f.add(stem.isEmpty() ? "/" : stem);
    f.add(String.valueOf(r.status().code()));
    f.add(encode(a.referer()));
    f.add(encode(a.userAgent()));
    f.add(query);
    f.add(target.includeCookies() ? encode(a.cookie()) : "-");
    f.add(result);
    f.add(orDash(r.headers().get("X-Amz-Cf-Id")));
    f.add(orDash(CloudFrontEdge.host(a.host())));
    f.add(a.tls() ? "https" : "http");
    f.add(String.valueOf(a.requestBytes()));
    f.add(seconds);
    f.add(orDash(a.forwardedFor()));
    f.add(a.sslProtocol());
    f.add(a.sslCipher());
    f.add(result);
    f.add(a.protocolVersion());
    f.add("-");
    f.add("-");
    f.add(String.valueOf(a.clientPort()));
    f.add(seconds);
    f.add(result);
    f.add(encode(r.headers().get("Content-Type")));
    f.add(String.valueOf(bodyBytes));
    String range = r.headers().get("Content-Range");
    if (range != null && range.startsWith("bytes ") && range.contains("-") && range.contains("/")) {
      f.add(range.substring(6, range.indexOf('-')));
      f.add(range.substring(range.indexOf('-') + 1, range.indexOf('/')));
    } else {
      f.add("-");
      f.add("-");
    }
    String line = String.join("\t", f);
    // added under the map's lock for the key, so a flush removing the batch never loses a line
    pending.compute(new Batch(d.id(), HOUR.format(now), target), (k, held) -> {
      var lines = held == null ? new ConcurrentLinkedQueue<String>() : held;
      lines.add(line);
      return lines;
    });
  }

  /** Writes every line gathered so far, one file per distribution and hour; completes when S3 has them. */
  java.util.concurrent.CompletableFuture<Void> flush() {
    List<java.util.concurrent.CompletableFuture<?>> writes = new ArrayList<>();
    for (Batch b : List.copyOf(pending.keySet())) {
      ConcurrentLinkedQueue<String> lines = pending.remove(b);
      if (lines == null || lines.isEmpty()) continue;
      StringBuilder text = new StringBuilder("#Version: 1.0\n#Fields: ").append(FIELDS).append('\n');
      for (String l : lines) text.append(l).append('\n');
      String key = b.target().prefix() + b.distributionId() + "." + b.hour() + "."
          + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".gz";
      writes.add(delivery.deliver(b.target().bucket(), key, gzip(text.toString()), "application/x-gzip").thenAccept(ok -> {
        if (!ok) LOG.warning(() -> "access log " + key + " not delivered to bucket " + b.target().bucket());
      }));
    }
    return java.util.concurrent.CompletableFuture.allOf(writes.toArray(java.util.concurrent.CompletableFuture[]::new));
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A header value as AWS logs it ({@code Slackbot%201.0%20(+https://api.slack.com/robots)}):
   * spaces, control characters, non-ASCII bytes, {@code "} and {@code \} percent-encoded, the rest
   * as sent; {@code -} when absent.
   */
  static String encode(String value) {
    if (value == null || value.isEmpty()) return "-";
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '%') out.append('%').append(String.format("%02X", c));
      else out.append((char) c);
    }
    return out.toString();
  }

  private static String orDash(String v) {
    return v == null || v.isEmpty() ? "-" : v;
  }

  /** Writes what is pending, then stops. */
  @Override
  public void close() {
    flusher.shutdownNow();
    try {
      flush().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning(() -> "access logs not all delivered at close: " + e);
    }
  }
}
