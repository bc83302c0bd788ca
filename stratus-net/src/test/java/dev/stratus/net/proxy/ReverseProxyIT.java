package dev.stratus.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reverse proxy over real sockets: headers added, pooling, and each failure outcome. */
class ReverseProxyIT {
  private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1";

  private final ReverseProxy proxy = new ReverseProxy(Transport.shared(),
      ReverseProxy.Settings.ALB.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
  private HttpFrontEnd target;
  private HttpFrontEnd front;

  @BeforeEach
  void setUp() {
    HttpService echoHeaders = exchange -> {
      var r = exchange.request();
      String body = r.method() + " " + r.uri() + "\nxff=" + r.headers().get("X-Forwarded-For")
          + "\nproto=" + r.headers().get("X-Forwarded-Proto") + "\nport=" + r.headers().get("X-Forwarded-Port")
          + "\nhost=" + r.headers().get("Host") + "\npeer=" + exchange.remote().getPort()
          + "\nbody=" + r.content().toString(StandardCharsets.UTF_8);
      return CompletableFuture.completedFuture(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED,
          Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
    };
    target = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("target", ARN, new HttpFilterRegistry(), echoHeaders));
    HttpService forward = exchange -> proxy.forward(exchange, target.address(), XffMode.APPEND)
        .thenApply(outcome -> switch (outcome) {
          case ProxyOutcome.Response r -> r.response();
          case ProxyOutcome.ConnectFailed c -> status(502);
          case ProxyOutcome.TimedOut t -> status(504);
          case ProxyOutcome.Reset r -> status(502);
          case ProxyOutcome.MalformedResponse m -> status(502);
        });
    front = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("front", ARN, new HttpFilterRegistry(), forward));
  }

  private static DefaultFullHttpResponse status(int code) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code));
  }

  @AfterEach
  void tearDown() {
    front.close();
    target.close();
  }

  @Test
  void forward_addsForwardedHeaders_keepsPathQueryHostAndBody() throws Exception {
    String raw = RawHttp.exchange(front.address(), "POST /a/b?c=d HTTP/1.1\r\nHost: web.example\r\n"
        + "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    assertThat(raw).startsWith("HTTP/1.1 201")
        .contains("POST /a/b?c=d")
        .contains("xff=203.0.113.9, 127.0.0.1")
        .contains("proto=http")
        .contains("port=" + front.address().getPort())
        .contains("host=web.example")
        .contains("body=abc");
  }

  @Test
  void forward_twoRequests_reuseOnePooledConnection() throws Exception {
    String raw = RawHttp.exchange(front.address(), "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    var peers = raw.lines().filter(l -> l.startsWith("peer=")).toList();
    assertThat(peers).hasSize(2);
    assertThat(peers.get(0)).isEqualTo(peers.get(1));
  }

  @Test
  void forward_pooledConnectionClosedByTarget_retriedOnNewConnection() throws Exception {
    try (ServerSocket flaky = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket first = flaky.accept()) {
          first.getInputStream().read(new byte[4096]);
          first.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes());
          first.getInputStream().read(new byte[4096]); // the reused connection's request: close unanswered
        } catch (IOException ignored) {
          // asserted through the outcomes
        }
        try (Socket second = flaky.accept()) {
          second.getInputStream().read(new byte[4096]);
          second.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes());
          second.getInputStream().read(new byte[4096]);
        } catch (IOException ignored) {
          // asserted through the outcomes
        }
      });
      var loop = Transport.shared().workers().next();
      var to = (InetSocketAddress) flaky.getLocalSocketAddress();
      assertThat(statusOf(proxy.forward(get(), loop, to).toCompletableFuture().get(5, TimeUnit.SECONDS))).isEqualTo(200);
      assertThat(statusOf(proxy.forward(get(), loop, to).toCompletableFuture().get(5, TimeUnit.SECONDS))).isEqualTo(202);
    }
  }

  private static FullHttpRequest get() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    request.headers().set("Host", "x");
    return request;
  }

  private static int statusOf(ProxyOutcome outcome) {
    assertThat(outcome).isInstanceOf(ProxyOutcome.Response.class);
    var response = ((ProxyOutcome.Response) outcome).response();
    int code = response.status().code();
    response.release();
    return code;
  }

  @Test
  void upgrade_websocket_tunnelsBytesBothWays() throws Exception {
    try (ServerSocket ws = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      AtomicReference<String> handshake = new AtomicReference<>();
      Thread.ofVirtual().start(() -> {
        try (Socket s = ws.accept()) {
          var in = s.getInputStream();
          StringBuilder head = new StringBuilder();
          while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
          handshake.set(head.toString());
          s.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n".getBytes());
          in.transferTo(s.getOutputStream());
        } catch (IOException ignored) {
          // asserted through the client
        }
      });
      HttpService tunnel = exchange -> (exchange.isWebSocketUpgrade()
          ? proxy.upgrade(exchange, (InetSocketAddress) ws.getLocalSocketAddress(), XffMode.APPEND, Duration.ofSeconds(5))
          : proxy.forward(exchange, (InetSocketAddress) ws.getLocalSocketAddress(), XffMode.APPEND))
          .thenApply(o -> o instanceof ProxyOutcome.Response r ? r.response() : status(502));
      try (HttpFrontEnd wsFront = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
          HttpFrontEnd.Config.of("ws", ARN, new HttpFilterRegistry(), tunnel));
           Socket client = new Socket()) {
        client.connect(wsFront.address());
        client.setSoTimeout(3_000);
        client.getOutputStream().write(("GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes());
        var in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        assertThat(head.toString()).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket")
            .doesNotContainIgnoringCase("content-length");
        client.getOutputStream().write(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
        assertThat(in.readNBytes(4)).containsExactly((byte) 0x81, 0x02, 'h', 'i');
        assertThat(handshake.get()).contains("GET /chat").containsIgnoringCase("upgrade: websocket")
            .containsIgnoringCase("x-forwarded-for: 127.0.0.1");
      }
    }
  }

  @Test
  void forward_xffModes() {
    var headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
    var client = new InetSocketAddress("127.0.0.7", 5555);
    ForwardedHeaders.apply(headers, client, true, 443, XffMode.PRESERVE);
    assertThat(headers.get("X-Forwarded-For")).isNull();
    assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("https");
    headers.set("X-Forwarded-For", "10.0.0.1");
    ForwardedHeaders.apply(headers, client, true, 443, XffMode.REMOVE);
    assertThat(headers.contains("X-Forwarded-For")).isFalse();
    ForwardedHeaders.apply(headers, client, false, 80, XffMode.APPEND);
    assertThat(headers.get("X-Forwarded-For")).isEqualTo("127.0.0.7");
    assertThat(XffMode.fromAws("preserve")).isEqualTo(XffMode.PRESERVE);
  }

  @Test
  void forward_refusedPort_connectFailed() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    assertThat(send(new InetSocketAddress("127.0.0.1", free))).isInstanceOf(ProxyOutcome.ConnectFailed.class);
    assertThat(RawHttp.status(RawHttp.exchange(front.address(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
        .isEqualTo(201);
  }

  @Test
  void forward_sleepingTarget_timedOut() throws Exception {
    try (ServerSocket sleeper = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      assertThat(send((InetSocketAddress) sleeper.getLocalSocketAddress())).isInstanceOf(ProxyOutcome.TimedOut.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1_500));
    }
  }

  @Test
  void forward_targetClosesAfterRequest_reset() throws Exception {
    try (ServerSocket closer = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = Thread.ofVirtual().start(() -> {
        try (Socket s = closer.accept()) {
          s.getInputStream().read(new byte[1024]);
        } catch (IOException ignored) {
          // the test asserts the outcome
        }
      });
      assertThat(send((InetSocketAddress) closer.getLocalSocketAddress())).isInstanceOf(ProxyOutcome.Reset.class);
      t.join();
    }
  }

  @Test
  void forward_garbageResponse_malformed() throws Exception {
    try (ServerSocket liar = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = Thread.ofVirtual().start(() -> {
        try (Socket s = liar.accept()) {
          s.getInputStream().read(new byte[1024]);
          s.getOutputStream().write("SMTP ready\r\nContent-Length: zz\r\n\r\n".getBytes());
          Thread.sleep(300);
        } catch (IOException | InterruptedException ignored) {
          // the test asserts the outcome
        }
      });
      assertThat(send((InetSocketAddress) liar.getLocalSocketAddress())).isInstanceOf(ProxyOutcome.MalformedResponse.class);
      t.join();
    }
  }

  @Test
  void forward_http10Target_answeredInHttp11() throws Exception {
    try (ServerSocket old = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = Thread.ofVirtual().start(() -> {
        try (Socket s = old.accept()) {
          s.getInputStream().read(new byte[1024]);
          s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes());
        } catch (IOException ignored) {
          // the test asserts the outcome
        }
      });
      var outcome = send((InetSocketAddress) old.getLocalSocketAddress());
      assertThat(outcome).isInstanceOf(ProxyOutcome.Response.class);
      var response = ((ProxyOutcome.Response) outcome).response();
      assertThat(response.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1); // send() released the body
      t.join();
    }
  }

  private ProxyOutcome send(InetSocketAddress to) throws Exception {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    request.headers().set("Host", "x");
    ProxyOutcome outcome = proxy.forward(request, Transport.shared().workers().next(), to)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    if (outcome instanceof ProxyOutcome.Response r) r.response().release();
    return outcome;
  }
}
