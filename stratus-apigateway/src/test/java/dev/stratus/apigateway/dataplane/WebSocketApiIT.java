package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket APIs (apigateway.md C) through the JDK's WebSocket client and the SDK's management
 * client: {@code $connect} (and its refusal), routing by {@code $request.body.action}, {@code
 * $default}, Lambda (the WebSocket event shape) and HTTP backends, replies over
 * {@code @connections}, 410 GoneException after the close, AWS's size and time limits.
 */
class WebSocketApiIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-07T10:00:00Z"));
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:ws";
  static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();
  static final BlockingQueue<String[]> BACKEND = new LinkedBlockingQueue<>();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayV2Client v2;
  static HttpServer backend;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(TIME.clock(), module);
    v2 = server.client(ApiGatewayV2Client.builder());
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      BACKEND.add(new String[] {exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("connectionId"), body,
          exchange.getRequestURI().toString()});
      byte[] answer = ("backend got " + body).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    backend.start();
    FunctionInvoker invoker = inv -> {
      JsonNode event = JSON.readTree(inv.payload());
      EVENTS.add(event);
      String route = event.get("requestContext").get("routeKey").asString();
      String deny = event.path("queryStringParameters").path("deny").asString("");
      String answer = switch (route) {
        case "$connect" -> deny.equals("boom") ? null : deny.equals("1") ? "{\"statusCode\":403,\"body\":\"no\"}" : "{\"statusCode\":200}";
        case "sendmessage" -> "{\"statusCode\":200,\"body\":\"echo " + JSON.readTree(event.get("body").asString()).get("text").asString() + "\"}";
        default -> "{\"statusCode\":200}";
      };
      return CompletableFuture.completedFuture(answer == null
          ? new InvocationOutcome.Returned("{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8), "Unhandled")
          : new InvocationOutcome.Returned(answer.getBytes(StandardCharsets.UTF_8), null));
    };
    server.context().extensions().provide(FunctionInvoker.class, invoker);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  /** A WebSocket API with $connect/$disconnect/sendmessage on Lambda and $default on the HTTP backend, stage prod. */
  static String chatApi(boolean withDefault) { return chatApi(withDefault, r -> {}); }

  static String chatApi(boolean withDefault,
      java.util.function.Consumer<software.amazon.awssdk.services.apigatewayv2.model.CreateStageRequest.Builder> stage) {
    String api = v2.createApi(r -> r.name("chat").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String fn = v2.createIntegration(r -> r.apiId(api).integrationType(IntegrationType.AWS_PROXY).integrationUri(
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION + "/invocations")).integrationId();
    v2.createRoute(r -> r.apiId(api).routeKey("$connect").target("integrations/" + fn));
    v2.createRoute(r -> r.apiId(api).routeKey("$disconnect").target("integrations/" + fn));
    String send = v2.createRoute(r -> r.apiId(api).routeKey("sendmessage").target("integrations/" + fn)
        .routeResponseSelectionExpression("$default")).routeId();
    v2.createRouteResponse(r -> r.apiId(api).routeId(send).routeResponseKey("$default"));
    assertThat(v2.getRouteResponses(r -> r.apiId(api).routeId(send)).items()).singleElement()
        .satisfies(rr -> assertThat(rr.routeResponseKey()).isEqualTo("$default"));
    if (withDefault) {
      String http = v2.createIntegration(r -> r.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("POST")
          .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/messages")
          .requestParameters(Map.of("integration.request.header.connectionId", "context.connectionId"))).integrationId();
      v2.createRoute(r -> r.apiId(api).routeKey("$default").target("integrations/" + http));
    }
    v2.createStage(r -> stage.accept(r.apiId(api).stageName("prod").autoDeploy(true)));
    return api;
  }

  static InetSocketAddress listener(String apiId) {
    module.dataPlane().awaitCurrent();
    return module.dataPlane().listener(apiId).orElseThrow();
  }

  static URI wsUri(String apiId, String pathAndQuery) {
    InetSocketAddress at = listener(apiId);
    return URI.create("ws://" + at.getAddress().getHostAddress() + ":" + at.getPort() + pathAndQuery);
  }

  static ApiGatewayManagementApiClient management(String apiId) {
    InetSocketAddress at = listener(apiId);
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + "/prod"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** Collects whole text messages and the close. */
  static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder part = new StringBuilder();
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        messages.add(part.toString());
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }

    String next() throws InterruptedException {
      String m = messages.poll(5, TimeUnit.SECONDS);
      assertThat(m).as("a message within 5 s").isNotNull();
      return m;
    }

    int closeStatus() throws Exception { return closed.get(5, TimeUnit.SECONDS); }
  }

  static Client connect(URI uri) {
    Client c = new Client();
    c.socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, c).join();
    return c;
  }

  static JsonNode event(String routeKey) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      JsonNode e = EVENTS.poll(5, TimeUnit.SECONDS);
      assertThat(e).as("a Lambda event for " + routeKey).isNotNull();
      if (e.get("requestContext").get("routeKey").asString().equals(routeKey)) return e;
    }
    throw new AssertionError("no event for " + routeKey);
  }

  @Test
  void connect_routeByAction_toLambda_andDefaultToHttp_replyViaConnections_thenGone() throws Exception {
    String api = chatApi(true);
    EVENTS.clear();
    BACKEND.clear();
    Client client = connect(wsUri(api, "/prod?room=7"));
    JsonNode connect = event("$connect");
    JsonNode rc = connect.get("requestContext");
    assertThat(rc.get("eventType").asString()).isEqualTo("CONNECT");
    assertThat(rc.get("stage").asString()).isEqualTo("prod");
    assertThat(rc.get("apiId").asString()).isEqualTo(api);
    assertThat(rc.get("domainName").asString()).isEqualTo(api + ".execute-api.us-east-1.localhost");
    assertThat(rc.get("identity").get("sourceIp").asString()).isEqualTo("127.0.0.1");
    assertThat(connect.get("queryStringParameters").get("room").asString()).isEqualTo("7");
    String connectionId = rc.get("connectionId").asString();
    assertThat(connectionId).hasSize(16);

    // A custom route by $request.body.action, two-way: the function's body comes back.
    client.socket.sendText("{\"action\":\"sendmessage\",\"text\":\"hi\"}", true).join();
    assertThat(client.next()).isEqualTo("echo hi");
    JsonNode message = event("sendmessage");
    assertThat(message.get("requestContext").get("eventType").asString()).isEqualTo("MESSAGE");
    assertThat(message.get("requestContext").get("connectionId").asString()).isEqualTo(connectionId);
    assertThat(message.get("body").asString()).isEqualTo("{\"action\":\"sendmessage\",\"text\":\"hi\"}");

    // Not JSON, and an unknown action: $default, the HTTP backend (one-way), with the connection ID mapped in.
    client.socket.sendText("plain words", true).join();
    String[] got = BACKEND.poll(5, TimeUnit.SECONDS);
    assertThat(got).isNotNull();
    assertThat(got[0]).isEqualTo("POST");
    assertThat(got[1]).isEqualTo(connectionId);
    assertThat(got[2]).isEqualTo("plain words");
    assertThat(got[3]).isEqualTo("/messages");
    client.socket.sendText("{\"action\":\"nosuchroute\"}", true).join();
    assertThat(BACKEND.poll(5, TimeUnit.SECONDS)[2]).isEqualTo("{\"action\":\"nosuchroute\"}");
    assertThat(client.messages.poll(200, TimeUnit.MILLISECONDS)).as("a one-way route answers nothing").isNull();

    // The backend's reply goes through @connections (SDK, SigV4-signed).
    try (var mgmt = management(api)) {
      mgmt.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("from the backend")));
      assertThat(client.next()).isEqualTo("from the backend");
      var info = mgmt.getConnection(r -> r.connectionId(connectionId));
      assertThat(info.connectedAt()).isEqualTo(TIME.clock().instant());
      assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
      assertThat(info.lastActiveAt()).isNotNull();

      client.socket.sendClose(1000, "bye").join();
      assertThat(client.closeStatus()).isEqualTo(1000);
      JsonNode disconnect = event("$disconnect");
      assertThat(disconnect.get("requestContext").get("eventType").asString()).isEqualTo("DISCONNECT");
      assertThat(disconnect.get("requestContext").get("disconnectStatusCode").asInt()).isEqualTo(1000);
      assertThatThrownBy(() -> mgmt.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("late"))))
          .isInstanceOfSatisfying(GoneException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
      assertThatThrownBy(() -> mgmt.getConnection(r -> r.connectionId("AAAAAAAAAAAAAAA=")))
          .isInstanceOf(GoneException.class);
    }
  }

  @Test
  void connect_isRefused_whenTheConnectIntegrationSaysNoOrFails() {
    String api = chatApi(false);
    assertThatThrownBy(() -> connect(wsUri(api, "/prod?deny=1")))
        .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> connect(wsUri(api, "/prod?deny=boom")))
        .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(500));
    assertThatThrownBy(() -> connect(wsUri(api, "/nostage")))
        .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    assertThat(module.dataPlane().openWebSockets()).isZero();
  }

  @Test
  void noMatchingRouteAndNoDefault_theClientIsToldForbidden() throws Exception {
    String api = chatApi(false);
    Client client = connect(wsUri(api, "/prod"));
    client.socket.sendText("{\"action\":\"other\"}", true).join();
    JsonNode m = JSON.readTree(client.next());
    assertThat(m.get("message").asString()).isEqualTo("Forbidden");
    assertThat(m.has("connectionId")).isTrue();
    assertThat(m.has("requestId")).isTrue();
    client.socket.abort();
  }

  @Test
  void routeThrottling_appliesToMessages() throws Exception {
    String api = chatApi(false, r -> r.routeSettings(Map.of("sendmessage",
        software.amazon.awssdk.services.apigatewayv2.model.RouteSettings.builder().throttlingRateLimit(1.0).throttlingBurstLimit(2).build())));
    Client client = connect(wsUri(api, "/prod"));
    for (int i = 0; i < 3; i++) client.socket.sendText("{\"action\":\"sendmessage\",\"text\":\"m" + i + "\"}", true).join();
    java.util.List<String> got = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) got.add(client.next());
    assertThat(got).filteredOn(m -> m.startsWith("echo")).hasSize(2);
    assertThat(got).filteredOn(m -> m.contains("Too Many Requests")).hasSize(1);
    client.socket.abort();
  }

  @Test
  void deleteConnection_closesIt_andConnectionsAnswersByHostOnTheApiPort() throws Exception {
    String api = chatApi(false);
    EVENTS.clear();
    Client client = connect(wsUri(api, "/prod"));
    String id = event("$connect").get("requestContext").get("connectionId").asString();
    String host = api + ".execute-api.us-east-1.localhost";
    InetSocketAddress apiPort = new InetSocketAddress("127.0.0.1", server.port());
    var unsigned = Http.send(apiPort, host, "POST", "/prod/@connections/" + id, Map.of(), "x");
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    var signed = Http.send(apiPort, host, "POST", "/prod/@connections/" + id,
        Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/execute-api/aws4_request"), "by host");
    assertThat(signed.status()).isEqualTo(200);
    assertThat(client.next()).isEqualTo("by host");
    try (var mgmt = management(api)) {
      mgmt.deleteConnection(r -> r.connectionId(id));
      assertThat(client.closeStatus()).isEqualTo(1000);
      assertThatThrownBy(() -> mgmt.deleteConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
    }
  }

  @Test
  void upgradeByHostOnTheApiPort_withRawFrames() throws Exception {
    String api = chatApi(false);
    EVENTS.clear();
    module.dataPlane().awaitCurrent(); // the API's Host name is registered on the API port by the projection
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      var out = socket.getOutputStream();
      var in = socket.getInputStream();
      out.write(("GET /prod HTTP/1.1\r\nHost: " + api + ".execute-api.us-east-1.localhost:" + server.port()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
      assertThat(head.toString()).startsWith("HTTP/1.1 101").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="); // RFC 6455's example
      assertThat(event("$connect").get("requestContext").get("domainName").asString())
          .isEqualTo(api + ".execute-api.us-east-1.localhost");
      byte[] payload = "{\"action\":\"sendmessage\",\"text\":\"raw\"}".getBytes(StandardCharsets.UTF_8);
      byte[] mask = {1, 2, 3, 4};
      var frame = new java.io.ByteArrayOutputStream();
      frame.write(0x81);
      frame.write(0x80 | payload.length);
      frame.write(mask);
      for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
      out.write(frame.toByteArray());
      assertThat(in.read()).isEqualTo(0x81);
      int length = in.read();
      assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8)).isEqualTo("echo raw");
    }
  }

  @Test
  void idleTenMinutesOnTheClock_closesWith1001() throws Exception {
    String api = chatApi(false);
    Client client = connect(wsUri(api, "/prod"));
    TIME.advance(Duration.ofMinutes(9));
    Thread.sleep(1200);
    assertThat(client.closed).isNotDone();
    client.socket.sendText("{\"action\":\"sendmessage\",\"text\":\"still here\"}", true).join();
    assertThat(client.next()).isEqualTo("echo still here");
    TIME.advance(Duration.ofMinutes(9));
    Thread.sleep(1200);
    assertThat(client.closed).as("activity restarted the idle time").isNotDone();
    TIME.advance(Duration.ofMinutes(2));
    assertThat(client.closeStatus()).isEqualTo(1001);
  }

  @Test
  void messagesOver128KB_closeWith1009_smallerOnesInFramesArrive() throws Exception {
    String api = chatApi(true);
    BACKEND.clear();
    Client client = connect(wsUri(api, "/prod"));
    String frame = "a".repeat(30 * 1024);
    for (int i = 0; i < 3; i++) client.socket.sendText(frame, false).join();
    client.socket.sendText(frame, true).join(); // 120 KB in four frames: one message
    assertThat(BACKEND.poll(5, TimeUnit.SECONDS)[2]).hasSize(120 * 1024);
    for (int i = 0; i < 4; i++) client.socket.sendText(frame, false).join();
    client.socket.sendText(frame, true);
    assertThat(client.closeStatus()).isEqualTo(1009);
    Client big = connect(wsUri(api, "/prod"));
    big.socket.sendBinary(ByteBuffer.allocate(33 * 1024), true);
    assertThat(big.closeStatus()).as("a frame over 32 KB").isEqualTo(1009);
  }
}
