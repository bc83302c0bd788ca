package dev.stratus.protocol.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.http.HttpLimits;
import dev.stratus.protocol.AwsApiServer;
import dev.stratus.protocol.OperationRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 13 item 2 on the AWS API port: the data planes' guard, over real sockets. */
class ApiPortLimitsIT {
  private AwsApiServer server;

  private InetSocketAddress start(HttpLimits limits) {
    server = AwsApiServer.start("127.0.0.1", 0, OperationRegistry.of(List.of()), Clock.systemUTC(), Map.of(), limits);
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void apiPort_http99_refused505() throws Exception {
    var address = start(HttpLimits.AWS_API);
    assertThat(exchange(address, "GET /_stratus/health HTTP/9.9\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 505");
    assertThat(exchange(address, "GET /_stratus/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void apiPort_contentLengthAndTransferEncoding_refused400() throws Exception {
    var address = start(HttpLimits.AWS_API);
    assertThat(exchange(address, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
  }

  @Test
  void apiPort_slowlorisTrickle_closedAfterHeaderTimeout() throws Exception {
    var address = start(HttpLimits.AWS_API.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    try (Socket s = new Socket()) {
      s.connect(address);
      s.setSoTimeout(100);
      long start = System.nanoTime();
      boolean closed = false;
      String answer = "";
      for (byte b : "POST / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes()) {
        try {
          s.getOutputStream().write(b);
          int first = s.getInputStream().read();
          if (first != -1) { // the server answers the half request before it closes
            s.setSoTimeout(2_000);
            answer = (char) first + readAll(s);
          }
          closed = true;
          break;
        } catch (SocketTimeoutException e) {
          continue; // still open: keep trickling
        } catch (IOException e) {
          closed = true;
          break;
        }
      }
      assertThat(closed).isTrue();
      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("408 Request Timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(4_000)); // the whole trickle takes over 5 s
    }
  }

  @Test
  void apiPort_1001stConnectionOverCap_shedsOldestIdle() throws Exception {
    var address = start(HttpLimits.AWS_API.withMaxConnections(1_000));
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 1_000; i++) {
        Socket s = new Socket();
        s.connect(address);
        sockets.add(s);
        if (i == 0) {
          // The first is idle longest by a clear margin: connections accepted together may be
          // registered by two event loops in either order, so their idle times can tie or swap.
          Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.guard().openConnections() == 1);
          Thread.sleep(50);
        }
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.guard().openConnections() == 1_000);
      Socket last = new Socket();
      sockets.add(last);
      last.connect(address);
      Socket oldest = sockets.getFirst();
      oldest.setSoTimeout(2_000);
      assertThat(readAll(oldest)).isEmpty(); // closed by the server, no response
      assertThat(server.guard().shedConnections()).isEqualTo(1);
      last.setSoTimeout(2_000);
      last.getOutputStream().write("GET /_stratus/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
      assertThat(readAll(last)).startsWith("HTTP/1.1 200");
      Socket second = sockets.get(1);
      second.setSoTimeout(200);
      assertThatStillOpen(second);
    } finally {
      for (Socket s : sockets) s.close();
    }
  }

  private static void assertThatStillOpen(Socket s) throws IOException {
    try {
      assertThat(s.getInputStream().read()).isNotEqualTo(-1);
    } catch (SocketTimeoutException expected) {
      // nothing to read and not closed: open
    }
  }

  private static String exchange(InetSocketAddress address, String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(address);
      s.setSoTimeout(3_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return readAll(s);
    }
  }

  private static String readAll(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // return what came
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
