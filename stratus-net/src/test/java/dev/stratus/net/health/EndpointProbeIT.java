package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real probes against a loopback com.sun.net.httpserver server. */
class EndpointProbeIT {

  private HttpServer server;
  private final AtomicReference<String> lastHost = new AtomicReference<>();
  private final EndpointProbe probe = new EndpointProbe(Clock.systemUTC());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ok", ex -> {
      lastHost.set(ex.getRequestHeaders().getFirst("Host"));
      respond(ex, 200, "all good".getBytes(StandardCharsets.UTF_8), null);
    });
    server.createContext("/boom", ex -> respond(ex, 500, "oops".getBytes(StandardCharsets.UTF_8), null));
    server.createContext("/gzip", ex -> respond(ex, 200, gzip("hello healthy world"), "gzip"));
    server.createContext("/late-string", ex -> {
      byte[] body = ("x".repeat(5_118) + "MARKER").getBytes(StandardCharsets.UTF_8);
      respond(ex, 200, body, null);
    });
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(2_600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(ex, 200, new byte[0], null);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int code, byte[] body, String encoding)
      throws IOException {
    if (encoding != null) {
      ex.getResponseHeaders().add("Content-Encoding", encoding);
    }
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : 0); // 0 = chunked
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private HealthCheckerConfig config(HealthCheckType type, String path, String search) {
    return HealthCheckerConfig.endpoint("hc-1", type, "127.0.0.1", server.getAddress().getPort(), path,
        Optional.ofNullable(search));
  }

  @Test
  void probe_http200_successWithAwsWording_andHostHeaderWithPort() {
    ProbeResult r = probe.probe(config(HealthCheckType.HTTP, "/ok", null).withDomainName("app.example.com"));
    assertThat(r.success()).isTrue();
    assertThat(r.status()).isEqualTo("Success: HTTP Status Code 200, OK");
    assertThat(lastHost.get()).isEqualTo("app.example.com:" + server.getAddress().getPort());
  }

  @Test
  void probe_http500_failureWithAwsWording() {
    ProbeResult r = probe.probe(config(HealthCheckType.HTTP, "/boom", null));
    assertThat(r.success()).isFalse();
    assertThat(r.status()).isEqualTo("Failure: HTTP Status Code 500, Internal Server Error");
  }

  @Test
  void probe_http404_failure() {
    assertThat(probe.probe(config(HealthCheckType.HTTP, "/missing", null)).status())
        .isEqualTo("Failure: HTTP Status Code 404, Not Found");
  }

  @Test
  void probe_stringMatchInChunkedGzipBody_success() {
    assertThat(probe.probe(config(HealthCheckType.HTTP_STR_MATCH, "/gzip", "healthy")).success()).isTrue();
  }

  @Test
  void probe_stringMatchMissingOrCaseDiffers_failure() {
    ProbeResult r = probe.probe(config(HealthCheckType.HTTP_STR_MATCH, "/ok", "All good"));
    assertThat(r.success()).isFalse();
    assertThat(r.status()).contains("All good");
  }

  @Test
  void probe_stringPastFirst5120Bytes_failure() {
    assertThat(probe.probe(config(HealthCheckType.HTTP_STR_MATCH, "/late-string", "MARKER")).success()).isFalse();
    assertThat(probe.probe(config(HealthCheckType.HTTP_STR_MATCH, "/late-string", "xxMA")).success()).isTrue();
  }

  @Test
  void probe_noResponseWithin2s_responseTimeout() {
    ProbeResult r = probe.probe(config(HealthCheckType.HTTP, "/slow", null));
    assertThat(r.success()).isFalse();
    assertThat(r.status()).isEqualTo(HealthCheckReasons.responseTimedOut());
  }

  @Test
  void probe_closedPort_connectionRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HealthCheckerConfig cfg = HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTP, "127.0.0.1", port, "/",
        Optional.empty());
    assertThat(probe.probe(cfg).status()).startsWith("Failure: Connection refused.");
    HealthCheckerConfig tcp = HealthCheckerConfig.endpoint("hc", HealthCheckType.TCP, "127.0.0.1", port, "/",
        Optional.empty());
    assertThat(probe.probe(tcp).success()).isFalse();
  }

  @Test
  void probe_tcpOpenPort_success() {
    ProbeResult r = probe.probe(config(HealthCheckType.TCP, "/", null));
    assertThat(r.success()).isTrue();
    assertThat(r.status()).startsWith("Success");
  }

  @Test
  void probe_unresolvableName_dnsResolutionFailed() {
    HealthCheckerConfig cfg = new HealthCheckerConfig("hc", HealthCheckType.HTTP, Optional.empty(),
        Optional.of("no-such-host.invalid"), 80, "/", Optional.empty(), HealthCheckerConfig.FAST_INTERVAL, 3,
        false, false, java.util.List.of(), 0);
    assertThat(probe.probe(cfg).status()).isEqualTo(HealthCheckReasons.dnsResolutionFailed());
  }

  /** ELB's HealthCheckTimeoutSeconds: one deadline from the probe's start replaces Route 53's 2 s for the first byte. */
  @Test
  void probe_overallTimeout_oneDeadlineFromStart() {
    long started = System.nanoTime();
    ProbeResult r = probe.probe(config(HealthCheckType.HTTP, "/slow", null).withTimeout(java.time.Duration.ofSeconds(4)));
    assertThat(r.success()).as("the 2.6 s answer comes within 4 s").isTrue();
    ProbeResult tight = probe.probe(config(HealthCheckType.HTTP, "/slow", null).withTimeout(java.time.Duration.ofSeconds(1)));
    assertThat(tight.status()).isEqualTo(HealthCheckReasons.responseTimedOut());
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(6));
  }

  /** Non-blocking: a probe returns at once, and a hundred waiting probes hold no thread each. */
  @Test
  void probeAsync_hundredSilentEndpoints_noThreadPerProbe_allTimeOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 500, java.net.InetAddress.getLoopbackAddress())) {
      HealthCheckerConfig cfg = HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTP, "127.0.0.1",
          silent.getLocalPort(), "/", Optional.empty());
      probe.probe(config(HealthCheckType.TCP, "/", null)); // event loops started
      int threads = Thread.activeCount();
      long started = System.nanoTime();
      var probes = java.util.stream.IntStream.range(0, 100).mapToObj(i -> probe.probeAsync(cfg)).toList();
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
      assertThat(probes).noneMatch(java.util.concurrent.CompletableFuture::isDone);
      assertThat(Thread.activeCount()).isLessThan(threads + 5);
      assertThat(probes).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(HealthCheckReasons.responseTimedOut()));
    }
  }
}
