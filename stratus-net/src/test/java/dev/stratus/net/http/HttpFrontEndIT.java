package dev.stratus.net.http;

import static dev.stratus.net.testing.RawHttp.exchange;
import static dev.stratus.net.testing.RawHttp.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP front end over real sockets: smuggling vectors, limits, filter slots. */
class HttpFrontEndIT {
  private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1";

  private final AtomicInteger served = new AtomicInteger();
  private final AtomicReference<String> lastRequest = new AtomicReference<>();
  private final HttpFilterRegistry filters = new HttpFilterRegistry();
  private HttpFrontEnd frontEnd;

  private HttpFrontEnd start(HttpLimits limits) {
    HttpService echo = exchange -> {
      served.incrementAndGet();
      var r = exchange.request();
      lastRequest.set(r.method() + " " + r.uri() + " x-added=" + r.headers().get("x-added") + " body="
          + r.content().toString(StandardCharsets.UTF_8));
      var out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.copiedBuffer("ok " + r.content().readableBytes(), StandardCharsets.US_ASCII));
      return CompletableFuture.completedFuture(out);
    };
    frontEnd = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("test", ARN, filters, echo).withLimits(limits));
    return frontEnd;
  }

  @BeforeEach
  void setUp() {
    start(HttpLimits.ALB.withMaxBodyBytes(1_000).withBodyBudget(new BodyBudget(10_000)));
  }

  @AfterEach
  void tearDown() {
    frontEnd.close();
  }

  @Test
  void serve_keepAlive_twoRequestsOnOneConnection() throws Exception {
    String raw = exchange(frontEnd.address(), "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    assertThat(raw).startsWith("HTTP/1.1 200").contains("ok 0").contains("ok 5");
    assertThat(served).hasValue(2);
    assertThat(lastRequest.get()).isEqualTo("POST /b x-added=null body=hello");
  }

  @Test
  void serve_chunkedBody_aggregated() throws Exception {
    String raw = exchange(frontEnd.address(), "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 200").contains("ok 5");
  }

  /** Each vector reads differently in some HTTP parser; none may reach the service. */
  @ParameterizedTest
  @ValueSource(strings = {
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 5\r\n\r\nabcde",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
      "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\nX-Smuggle: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nX-Smuggle: a\rb\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nBad Name: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nBad\u0001Name: a\r\n\r\n",
      "GET / HTTP/1.1\r\nX: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
      "GARBAGE\r\n\r\n",
  })
  void guard_smugglingVector_400AndNeverServed(String vector) throws Exception {
    String raw = exchange(frontEnd.address(), vector);
    assertThat(status(raw)).as(raw).isEqualTo(400);
    assertThat(raw.toLowerCase()).contains("connection: close").contains("server: awselb/2.0");
    assertThat(served).hasValue(0);
  }

  @Test
  void guard_vectorThenSecondRequest_secondNeverRead() throws Exception {
    String raw = exchange(frontEnd.address(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(status(raw)).isEqualTo(400);
    assertThat(raw).doesNotContain("200");
    assertThat(served).hasValue(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9"})
  void guard_otherVersion_505(String version) throws Exception {
    String raw = exchange(frontEnd.address(), "GET / " + version + "\r\nHost: x\r\n\r\n");
    assertThat(status(raw)).isEqualTo(505);
    assertThat(served).hasValue(0);
  }

  @Test
  void guard_http10WithoutHost_served() throws Exception {
    assertThat(status(exchange(frontEnd.address(), "GET / HTTP/1.0\r\n\r\n"))).isEqualTo(200);
  }

  @Test
  void guard_oversizedHeaders_400() throws Exception {
    String big = "a".repeat(70 * 1024);
    assertThat(status(exchange(frontEnd.address(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"))).isEqualTo(400);
    assertThat(status(exchange(frontEnd.address(), "GET /" + "u".repeat(17 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"))).isEqualTo(400);
    assertThat(served).hasValue(0);
  }

  @Test
  void limits_bodyOverMax_413() throws Exception {
    String raw = exchange(frontEnd.address(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "b".repeat(2000));
    assertThat(status(raw)).isEqualTo(413);
    String chunked = exchange(frontEnd.address(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "600\r\n" + "c".repeat(0x600) + "\r\n0\r\n\r\n");
    assertThat(status(chunked)).isEqualTo(413);
    assertThat(served).hasValue(0);
  }

  @Test
  void limits_bodyBudgetSpent_503ThenBytesReturned() throws Exception {
    tearDown();
    BodyBudget budget = new BodyBudget(600);
    start(HttpLimits.ALB.withMaxBodyBytes(1_000).withBodyBudget(budget));
    try (Socket holder = new Socket()) {
      holder.connect(frontEnd.address());
      // Declares 500 bytes and sends none: the budget stays held while the body is awaited.
      holder.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n".getBytes());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> budget.available() == 100);
      String raw = exchange(frontEnd.address(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n" + "d".repeat(200));
      assertThat(status(raw)).isEqualTo(503);
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> budget.available() == 600);
    assertThat(status(exchange(frontEnd.address(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\nConnection: close\r\n\r\n"
        + "d".repeat(200)))).isEqualTo(200);
    assertThat(budget.available()).isEqualTo(600);
  }

  @Test
  void limits_slowlorisTrickle_closedAtHeaderDeadline() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      long start = System.nanoTime();
      byte[] trickle = "GET / HTTP/1.1\r\nHost: x\r\nX-A: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes();
      boolean closed = false;
      for (byte b : trickle) {
        try {
          s.getOutputStream().write(b);
          s.getOutputStream().flush();
        } catch (java.io.IOException e) {
          closed = true;
          break;
        }
        Thread.sleep(100);
      }
      s.setSoTimeout(2_000);
      assertThat(closed || RawHttp.closedByServer(s)).isTrue();
      // The whole trickle takes over 5 s; a deadline reset by each byte would never fire.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_000));
    }
    assertThat(served).hasValue(0);
  }

  @Test
  void limits_chunkedBodyNeverEnds_408AtBodyDeadline_thenClosed() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofSeconds(5)));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n".getBytes());
      s.setSoTimeout(2_000);
      String raw = RawHttp.readAll(s.getInputStream()); // returns at the server's close
      assertThat(raw).startsWith("HTTP/1.1 408 ").contains("408 Request Time-out", "server: awselb/2.0");
    }
    assertThat(served).hasValue(0);
  }

  @Test
  void limits_headersStopMidway_408AtHeaderDeadline_thenClosed() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      long start = System.nanoTime();
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes());
      s.setSoTimeout(3_000);
      String raw = RawHttp.readAll(s.getInputStream());
      assertThat(raw).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(350), Duration.ofMillis(2_500));
    }
    assertThat(served).hasValue(0);
  }

  @Test
  void limits_connectionThatSendsNothing_closedSilentlyAtIdleTimeout() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(300)));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.setSoTimeout(3_000);
      assertThat(RawHttp.readAll(s.getInputStream())).isEmpty(); // ALB: no 408 for a client that sent nothing
    }
  }

  @Test
  void limits_idleKeepAlive_closedAfterIdleTimeout() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300)));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      s.setSoTimeout(3_000);
      long start = System.nanoTime();
      String raw = RawHttp.readAll(s.getInputStream()); // returns at the server's close
      assertThat(raw).startsWith("HTTP/1.1 200");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  void limits_overConnectionCap_oldestIdleShed() throws Exception {
    tearDown();
    start(HttpLimits.ALB.withMaxConnections(3));
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket();
        s.connect(frontEnd.address());
        s.setSoTimeout(1_000);
        sockets.add(s);
        Thread.sleep(30);
      }
      // The second connection is busy (a request half sent), so it is not idle.
      sockets.get(1).getOutputStream().write("GET / HTTP/1.1\r\n".getBytes());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> frontEnd.guard().openConnections() == 3);
      Socket fourth = new Socket();
      fourth.connect(frontEnd.address());
      sockets.add(fourth);
      assertThat(RawHttp.closedByServer(sockets.get(0))).isTrue();
      fourth.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
      assertThat(RawHttp.readAll(fourth.getInputStream())).startsWith("HTTP/1.1 200");
      assertThat(frontEnd.guard().shedConnections()).isEqualTo(1);
    } finally {
      for (Socket s : sockets) s.close();
    }
  }

  @Test
  void filters_wafSlotBlocks_serviceNeverCalled() throws Exception {
    filters.register(ARN, FilterSlot.WAF, request -> request.path().startsWith("/admin")
        ? new FilterVerdict.Respond(403, Map.of("x-waf", "blocked"), "Forbidden".getBytes())
        : FilterVerdict.CONTINUE);
    String raw = exchange(frontEnd.address(), "GET /admin/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(status(raw)).isEqualTo(403);
    assertThat(raw).contains("x-waf: blocked").endsWith("Forbidden");
    assertThat(served).hasValue(0);
    assertThat(status(exchange(frontEnd.address(), "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).isEqualTo(200);
    assertThat(served).hasValue(1);
  }

  @Test
  void filters_continueWithHeaders_serviceSeesThem() throws Exception {
    filters.register(ARN, FilterSlot.AUTH, request -> new FilterVerdict.Continue(Map.of("x-added", "yes")));
    filters.register(ARN, FilterSlot.THROTTLE, request -> request.header("X-Added").orElse("").equals("yes")
        ? FilterVerdict.CONTINUE : new FilterVerdict.Respond(429, Map.of(), new byte[0]));
    String raw = exchange(frontEnd.address(), "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
    assertThat(status(raw)).isEqualTo(200);
    assertThat(lastRequest.get()).isEqualTo("POST /p x-added=yes body=hi");
  }

  @Test
  void filters_throwing_500NotServed() throws Exception {
    filters.register(ARN, FilterSlot.WAF, request -> { throw new IllegalStateException("boom"); });
    assertThat(status(exchange(frontEnd.address(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).isEqualTo(500);
    assertThat(served).hasValue(0);
  }
}
