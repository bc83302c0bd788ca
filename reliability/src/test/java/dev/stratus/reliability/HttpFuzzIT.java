package dev.stratus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The API port under hostile HTTP: malformed requests, smuggling vectors, slowloris, many idle
 * connections and concurrent large bodies. Required: no 5xx, no stack trace in any answer, and
 * the health endpoint answering during and after every attack. Measured (figures, not asserted:
 * the engine's limits are another branch's work): what stays open and how much memory is held.
 */
class HttpFuzzIT {

  private static final String AUTH = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDRELIABILITY/20261207/us-east-1/ec2/"
      + "aws4_request, SignedHeaders=host, Signature=abc\r\n";

  /** A stack frame, a Java class or a parser's internals in an answer. */
  private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
      "\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.(lang|io|util)\\.|io\\.netty|dev\\.stratus|StreamReadConstraints|JAXP|jdk\\.xml");

  /** Raw requests: malformed, smuggling and parser-edge vectors. */
  static Map<String, String> vectors() {
    Map<String, String> v = new TreeMap<>();
    v.put("empty-line", "\r\n\r\n");
    v.put("no-version", "GET /\r\n\r\n");
    v.put("garbage-method", "G\u0000ET / HTTP/1.1\r\nHost: x\r\n\r\n");
    v.put("http-9.9", "GET /_stratus/health HTTP/9.9\r\nHost: x\r\n\r\n");
    v.put("http-0.9", "GET /_stratus/health\r\n");
    v.put("header-no-colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n");
    v.put("header-64k", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(65_536) + "\r\n\r\n");
    v.put("uri-64k", "GET /" + "a".repeat(65_536) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    v.put("cl-negative", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
    v.put("cl-huge", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n");
    v.put("cl-duplicate", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nAction");
    v.put("cl-te", "POST / HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    v.put("te-cl", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
        + "8\r\nAction=X\r\n0\r\n\r\n");
    v.put("te-obfuscated", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc");
    v.put("te-space", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n");
    v.put("chunk-overflow", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n");
    v.put("chunk-no-terminator", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    v.put("obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n");
    v.put("bare-lf", "GET /_stratus/health HTTP/1.1\nHost: x\n\n");
    String form = "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=%FF%FE&GroupDescription=d";
    v.put("form-non-utf8", "POST / HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + form.length() + "\r\n\r\n" + form);
    v.put("json-deep", "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential=A/20261207/us-east-1/wafv2/"
        + "aws4_request, SignedHeaders=host, Signature=abc\r\nX-Amz-Target: AWSWAF_20190729.ListIPSets\r\n"
        + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 20000\r\n\r\n" + "[".repeat(20_000));
    return v;
  }

  @Test
  void hostileHttp_neverA5xxOrStackTrace_healthAnswersThroughout() throws Exception {
    Mode mode = Mode.current();
    StratusChild stratus = StratusChild.shared();
    Figures figures = new Figures("http-fuzz");
    long rss0 = stratus.rssKib();
    long fds0 = stratus.openFds();
    List<String> findings = new ArrayList<>();
    Map<String, String> outcomes = new TreeMap<>();

    // 1. Malformed and smuggling vectors, mode.httpFuzz() rounds.
    for (int round = 0; round < mode.httpFuzz(); round++) {
      for (Map.Entry<String, String> v : vectors().entrySet()) {
        String answer = send(stratus, v.getValue(), Duration.ofSeconds(2));
        String status = answer.startsWith("HTTP/") && answer.length() >= 12 ? answer.substring(9, 12)
            : answer.isEmpty() ? "closed" : answer.equals("timeout") ? "timeout" : "non-http";
        outcomes.merge(v.getKey(), status, (a, b) -> a.equals(b) ? a : a + "," + b);
        // 505 is the one right 5xx: the answer RFC 9110 §15.6.6 gives a version the server does not speak.
        boolean fault = status.startsWith("5") && !(v.getKey().equals("http-9.9") && status.equals("505"));
        if (fault || INTERNALS.matcher(answer).find()) {
          findings.add(v.getKey() + ": " + answer.substring(0, Math.min(300, answer.length())));
        }
      }
      assertThat(stratus.healthy(Duration.ofSeconds(5))).as("health after vector round " + round).isTrue();
    }
    figures.put("vectors", outcomes.size()).put("outcomes", outcomes.toString().replace(' ', '_'));

    // 2. Slowloris: header bytes trickled, one per second per connection.
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < mode.slowloris(); i++) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), stratus.port());
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      slow.add(s);
    }
    boolean healthyUnderSlowloris = true;
    for (int second = 0; second < 4; second++) {
      for (Socket s : slow) {
        try {
          s.getOutputStream().write('a');
        } catch (IOException e) {
          // closed by the server: that is allowed
        }
      }
      healthyUnderSlowloris &= stratus.healthy(Duration.ofSeconds(5));
      Thread.sleep(1_000);
    }
    figures.put("slowlorisOpenAfter4s", stillOpen(slow) + "/" + slow.size());
    closeAll(slow);
    assertThat(healthyUnderSlowloris).as("health answers under slowloris").isTrue();

    // 3. Many idle connections.
    List<Socket> idle = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < mode.idleConnections(); i++) {
      try {
        idle.add(new Socket(InetAddress.getLoopbackAddress(), stratus.port()));
      } catch (IOException e) {
        refused++;
      }
    }
    boolean healthyUnderIdle = stratus.healthy(Duration.ofSeconds(10));
    long fdsUnderIdle = stratus.openFds();
    Thread.sleep(2_000);
    figures.put("idleOpened", idle.size()).put("idleRefused", refused).put("idleOpenAfter2s", stillOpen(idle))
        .put("fdsUnderIdle", fdsUnderIdle);
    closeAll(idle);
    assertThat(healthyUnderIdle).as("health answers with " + mode.idleConnections() + " idle connections").isTrue();

    // 4. Concurrent large bodies.
    AtomicLong peakRss = new AtomicLong(stratus.rssKib());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    byte[] body = ("Action=DescribeVpcs&Version=2016-11-15&Filler=" + "x".repeat(mode.largeBodyBytes()))
        .getBytes(StandardCharsets.US_ASCII);
    Map<Integer, Integer> statuses = new TreeMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < mode.largeBodies(); i++) {
        calls.add(pool.submit(() -> {
          try {
            return http.send(HttpRequest.newBuilder(URI.create(stratus.endpoint() + "/"))
                .header("Authorization", AUTH.substring("Authorization: ".length()).trim())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException e) {
            return -1; // refused or reset mid-upload: allowed
          }
        }));
      }
      pool.submit(() -> {
        while (calls.stream().anyMatch(f -> !f.isDone())) {
          peakRss.accumulateAndGet(stratus.rssKib(), Math::max);
          Thread.sleep(100);
        }
        return null;
      });
      for (Future<Integer> f : calls) {
        statuses.merge(f.get(), 1, Integer::sum);
      }
    }
    Thread.sleep(3_000);
    figures.put("largeBodies", mode.largeBodies() + "x" + mode.largeBodyBytes() / (1024 * 1024) + "MiB")
        .put("largeBodyStatuses", statuses.toString().replace(' ', '_')).put("rssPeakKiB", peakRss.get())
        .put("rssAfter3sKiB", stratus.rssKib());
    // 503 is the body budget's answer (the protocol's "try again"), not a fault; any other 5xx is.
    assertThat(statuses.keySet()).as("no 5xx but the body budget's 503 to a large body").allMatch(s -> s < 500 || s == 503);
    assertThat(stratus.healthy(Duration.ofSeconds(10))).as("health after large bodies").isTrue();

    assertThat(stratus.alive()).isTrue();
    figures.put("rssKiB", rss0 + "->" + stratus.rssKib()).put("fds", fds0 + "->" + stratus.openFds())
        .put("findings", findings.size()).report();
    assertThat(findings).as("5xx or internals in answers").isEmpty();
    assertThat(outcomes.get("http-9.9")).as("an HTTP version the API port does not speak").isEqualTo("505");
  }

  /** Sends raw bytes and returns what came back ("" when closed without an answer, "timeout"). */
  static String send(StratusChild stratus, String raw, Duration timeout) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), stratus.port())) {
      s.setSoTimeout((int) timeout.toMillis());
      OutputStream out = s.getOutputStream();
      try {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server may refuse before reading it all; read what it said
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0 && got.size() < 1_000_000) {
          got.write(buf, 0, n);
          if (got.size() > 12 && complete(got.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        if (got.size() == 0) {
          return "timeout";
        }
      } catch (IOException e) {
        // reset: report what arrived
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /** A response whose Content-Length body has fully arrived. */
  private static boolean complete(String r) {
    int head = r.indexOf("\r\n\r\n");
    if (head < 0) {
      return false;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(r.substring(0, head));
    return m.find() && r.length() - head - 4 >= Integer.parseInt(m.group(1));
  }

  private static int stillOpen(List<Socket> sockets) {
    int open = 0;
    for (Socket s : sockets) {
      try {
        s.setSoTimeout(1);
        // a 408 may be waiting before the close: read past it to see whether the connection is gone
        while (s.getInputStream().read() != -1) {
          s.setSoTimeout(50);
        }
      } catch (SocketTimeoutException e) {
        open++;
      } catch (IOException e) {
        // closed
      }
    }
    return open;
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
