package dev.stratus.net.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies a {@link StreamingHttpService} asks to spool, over real sockets: far past the listener's
 * in-memory body limit, 100-continue, a chunked body over the plan's maximum (413), a refusal
 * from the head alone, pipelined requests kept in order, and a file streamed back.
 */
class StreamingBodyIT {
  @TempDir Path dir;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Path> files = new CopyOnWriteArrayList<>();
  private HttpFrontEnd frontEnd;
  private final HttpFilterRegistry filters = new HttpFilterRegistry();

  /** POST /spool… spools (1 MiB + 10 at most), POST /refuse is refused 403, anything else aggregates; GET /file streams. */
  private final StreamingHttpService service = new StreamingHttpService() {
    @Override
    public BodyPlan plan(HttpRequest head) {
      if (head.uri().startsWith("/spool")) return new BodyPlan.Spool(dir, 20L * 1024 * 1024 + 10);
      if (head.uri().startsWith("/refuse")) {
        return new BodyPlan.Refuse(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
            Unpooled.copiedBuffer("no", StandardCharsets.US_ASCII)));
      }
      return BodyPlan.AGGREGATE;
    }

    @Override
    public CompletionStage<FullHttpResponse> serve(HttpExchange exchange, SpooledBody body) {
      files.add(body.file());
      try {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(body.file())));
        seen.add(exchange.request().uri() + " spooled " + body.length() + " " + md5);
        return CompletableFuture.completedFuture(text("spooled " + body.length() + " " + md5));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    @Override
    public CompletionStage<FullHttpResponse> serve(HttpExchange exchange) {
      var r = exchange.request();
      seen.add(r.uri() + " aggregated " + r.content().readableBytes());
      if (r.uri().equals("/file")) {
        try {
          Path f = dir.resolve("served.bin");
          FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
          return CompletableFuture.completedFuture(new FileHttpResponse(HttpResponseStatus.OK, ch, 3, Files.size(f) - 3));
        } catch (Exception e) {
          return CompletableFuture.failedFuture(e);
        }
      }
      return CompletableFuture.completedFuture(text("aggregated " + r.content().readableBytes()));
    }
  };

  private static FullHttpResponse text(String s) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
  }

  @BeforeEach
  void start() {
    frontEnd = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("streaming", "arn:test", filters, service)
            .withLimits(HttpLimits.ALB.withMaxBodyBytes(1_000).withBodyBudget(new BodyBudget(10_000))));
  }

  @AfterEach
  void stop() {
    frontEnd.close();
  }

  @Test
  void filters_seeASpooledBodysFirst64Kb_andItsFullLength() throws Exception {
    var views = new CopyOnWriteArrayList<dev.stratus.core.http.HttpRequestView>();
    var prefixes = new CopyOnWriteArrayList<byte[]>();
    filters.register("arn:test", dev.stratus.core.http.FilterSlot.WAF, view -> {
      views.add(view);
      byte[] prefix = new byte[view.body().remaining()];
      view.body().duplicate().get(prefix);
      prefixes.add(prefix);
      return view.path().equals("/spool-blocked") ? new dev.stratus.core.http.FilterVerdict.Respond(403, java.util.Map.of(),
          "blocked".getBytes(StandardCharsets.US_ASCII)) : dev.stratus.core.http.FilterVerdict.CONTINUE;
    });
    byte[] body = new byte[1024 * 1024];
    new java.util.Random(11).nextBytes(body);
    String head = "Host: x\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    String passed = RawHttp.exchange(frontEnd.address(), "POST /spool HTTP/1.1\r\n" + head
        + new String(body, StandardCharsets.ISO_8859_1));
    assertThat(RawHttp.status(passed)).isEqualTo(200);
    assertThat(views).hasSize(1);
    assertThat(views.getFirst().bodyLength()).isEqualTo(body.length);
    assertThat(prefixes.getFirst()).isEqualTo(java.util.Arrays.copyOf(body, dev.stratus.core.http.HttpRequestView.SPOOLED_BODY_PREFIX));
    // A filter's answer ends the request; the spooled file is deleted all the same.
    String refused = RawHttp.exchange(frontEnd.address(), "POST /spool-blocked HTTP/1.1\r\n" + head
        + new String(body, StandardCharsets.ISO_8859_1));
    assertThat(RawHttp.status(refused)).isEqualTo(403);
    assertThat(views).hasSize(2);
    assertThat(seen).noneMatch(x -> x.startsWith("/spool-blocked"));
    try (var left = Files.list(dir)) {
      assertThat(left.filter(f -> !f.getFileName().toString().equals("served.bin")).toList()).isEmpty();
    }
  }

  @Test
  void spooled_20MiB_pastTheInMemoryLimit_withContinue_thenFileRemoved() throws Exception {
    byte[] body = new byte[20 * 1024 * 1024];
    new java.util.Random(7).nextBytes(body);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(("POST /spool HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] cont = new byte[25];
      assertThat(in.readNBytes(cont, 0, 25)).isEqualTo(25);
      assertThat(new String(cont, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      out.write(body);
      out.write("GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String raw = RawHttp.readAll(in);
      assertThat(raw).contains("spooled " + body.length + " " + md5);
      assertThat(raw.indexOf("spooled ")).isLessThan(raw.indexOf("aggregated 0")); // in request order
    }
    assertThat(seen).containsExactly("/spool spooled " + body.length + " " + md5, "/after aggregated 0");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> files.stream().noneMatch(Files::exists));
  }

  @Test
  void spooled_chunked_overThePlansMaximum_413AndClosed_fileRemoved() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("POST /spool HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      String head = Integer.toHexString(chunk.length) + "\r\n";
      try {
        for (int i = 0; i < 400; i++) { // 25 MiB
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
      } catch (java.io.IOException closed) {
        // the server answered and closed mid-body
      }
      String raw = RawHttp.readAll(s.getInputStream());
      assertThat(raw).startsWith("HTTP/1.1 413 ");
    }
    assertThat(seen).isEmpty();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> {
      try (var l = Files.list(dir)) {
        return l.findAny().isEmpty();
      }
    });
  }

  @Test
  void refusedFromTheHead_answeredUnread_andClosed() throws Exception {
    String raw = RawHttp.exchange(frontEnd.address(), "POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nabc");
    assertThat(raw).startsWith("HTTP/1.1 403 ").containsIgnoringCase("connection: close").endsWith("no");
    assertThat(seen).isEmpty();
  }

  @Test
  void notPlannedForSpooling_aggregatedWithTheListenersLimits() throws Exception {
    assertThat(RawHttp.status(RawHttp.exchange(frontEnd.address(),
        "POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"))).isEqualTo(200);
    assertThat(RawHttp.status(RawHttp.exchange(frontEnd.address(),
        "POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"))).isEqualTo(413);
    assertThat(seen).containsExactly("/other aggregated 3");
  }

  @Test
  void fileResponse_streamsTheRegion() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024];
    new java.util.Random(9).nextBytes(content);
    Files.write(dir.resolve("served.bin"), content);
    try (Socket s = new Socket()) {
      s.connect(frontEnd.address());
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int bodyStart = text.indexOf("\r\n\r\n") + 4;
      assertThat(text).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: " + (content.length - 3));
      assertThat(java.util.Arrays.copyOfRange(all, bodyStart, all.length))
          .isEqualTo(java.util.Arrays.copyOfRange(content, 3, content.length));
    }
  }
}
