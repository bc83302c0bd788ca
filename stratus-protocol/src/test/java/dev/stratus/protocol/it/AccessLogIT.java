package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.protocol.ApiDispatcher;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;

/** The access log: one line per API call at debug (FINE), every 501 at info naming the operation. */
class AccessLogIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());

  /** EC2 with one implemented operation. */
  public static final class Handlers {
    public DescribeVpcsResponse describeVpcs(RequestContext c, DescribeVpcsRequest r) {
      return DescribeVpcsResponse.builder().build();
    }
  }

  final List<LogRecord> records = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override public void publish(LogRecord r) { records.add(r); }
    @Override public void flush() {}
    @Override public void close() {}
  };
  ApiTestServer server;
  Level before;

  @BeforeEach void start() {
    before = LOG.getLevel();
    LOG.setLevel(Level.FINE);
    LOG.addHandler(capture);
    server = ApiTestServer.start(new Handlers());
  }

  @AfterEach void stop() {
    server.close();
    LOG.removeHandler(capture);
    LOG.setLevel(before);
  }

  int post(String action) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20261122/eu-west-1/ec2/aws4_request, "
            + "SignedHeaders=host, Signature=abc")
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("Action=" + action + "&Version=2016-11-15")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  List<String> lines(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
  }

  @Test void implementedCall_oneDebugLineWithServiceOperationStatusAndMillis() throws Exception {
    assertThat(post("DescribeVpcs")).isEqualTo(200);

    assertThat(lines(Level.FINE)).singleElement().asString().matches("ec2 DescribeVpcs 200 \\d+ ms");
    assertThat(lines(Level.INFO)).isEmpty();
  }

  @Test void notImplementedCall_infoLineNamingTheOperation_andTheDebugLine() throws Exception {
    assertThat(post("DeleteVpc&VpcId=vpc-1")).isEqualTo(501);

    assertThat(lines(Level.INFO)).singleElement().asString().contains("NotImplemented").contains("ec2 DeleteVpc");
    assertThat(lines(Level.FINE)).singleElement().asString().matches("ec2 DeleteVpc 501 \\d+ ms");
  }

  @Test void malformedHttp_loggedAs400() throws Exception {
    // The engine's request guard answers a malformed request before the API handler sees it.
    var http = Logger.getLogger("dev.stratus.net.http.RequestGuard");
    Level was = http.getLevel();
    http.setLevel(Level.FINE);
    http.addHandler(capture);
    try (var socket = new java.net.Socket(server.endpoint().getHost(), server.endpoint().getPort())) {
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".getBytes());
      socket.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
      assertThat(status).startsWith("HTTP/1.1 400");
    } finally {
      http.removeHandler(capture);
      http.setLevel(was);
    }
    assertThat(lines(Level.FINE)).anyMatch(l -> l.startsWith("- - 400 ") && l.contains("malformed HTTP request"));
  }

  @Test void unknownAction_loggedWithItsStatus() throws Exception {
    assertThat(post("DescribeUnicorns")).isEqualTo(400);

    assertThat(lines(Level.FINE)).singleElement().asString().startsWith("ec2 - 400 ");
  }
}
