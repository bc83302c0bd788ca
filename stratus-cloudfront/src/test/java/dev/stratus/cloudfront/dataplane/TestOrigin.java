package dev.stratus.cloudfront.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An origin on 127.0.0.1: answers per path with what the test sets, counts and records requests. */
final class TestOrigin implements AutoCloseable {

  /** One answer. */
  record Reply(int status, Map<String, String> headers, byte[] body, Duration delay) {
    static Reply ok(String body, String... headers) {
      return new Reply(200, pairs(headers), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    static Reply status(int status, String... headers) {
      return new Reply(status, pairs(headers), ("status " + status).getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    Reply slow(Duration d) { return new Reply(status, headers, body, d); }

    private static Map<String, String> pairs(String... kv) {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
      return m;
    }
  }

  /** A request as the origin saw it. */
  record Seen(String method, String uri, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
          .findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  /** When set, a conditional request whose If-None-Match equals the reply's ETag gets 304. */
  volatile boolean revalidates = true;

  TestOrigin() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  int port() { return server.getAddress().getPort(); }

  TestOrigin on(String path, Reply reply) {
    replies.put(path, reply);
    return this;
  }

  /** Requests for {@code path} (without query) so far. */
  int count(String path) {
    AtomicInteger c = counts.get(path);
    return c == null ? 0 : c.get();
  }

  int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders())));
    Reply r = replies.getOrDefault(path, Reply.ok("echo " + ex.getRequestURI()));
    if (!r.delay().isZero()) {
      try {
        Thread.sleep(r.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String inm = ex.getRequestHeaders().getFirst("If-None-Match");
    String etag = r.headers().get("ETag");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (revalidates && inm != null && inm.equals(etag)) {
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length == 0 ? -1 : r.body().length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
