package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket APIs' {@code $connect} checks through the JDK's WebSocket client: a Lambda REQUEST
 * authorizer (identity from a header and the query string, 401 when missing, 403 on deny, 500 on
 * failure, its context in every later event) and a required API key in a usage plan (403).
 */
class WebSocketAuthorizerIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-07T10:00:00Z"));
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String LAMBDA = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:";
  static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();
  static final AtomicInteger AUTHORIZER_CALLS = new AtomicInteger();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayV2Client v2;
  static ApiGatewayClient v1;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(TIME.clock(), module);
    v2 = server.client(ApiGatewayV2Client.builder());
    v1 = server.client(ApiGatewayClient.builder());
    FunctionInvoker invoker = inv -> {
      JsonNode event = JSON.readTree(inv.payload());
      String answer;
      if (inv.functionArn().endsWith(":auth")) {
        AUTHORIZER_CALLS.incrementAndGet();
        EVENTS.add(event);
        String token = event.path("headers").path("Auth").asString("");
        if (token.equals("boom")) {
          return CompletableFuture.completedFuture(new InvocationOutcome.Returned("{}".getBytes(StandardCharsets.UTF_8), "Unhandled"));
        }
        answer = "{\"principalId\":\"ana\",\"context\":{\"team\":\"blue\"},\"policyDocument\":{\"Version\":\"2012-10-17\","
            + "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + (token.equals("allow") ? "Allow" : "Deny")
            + "\",\"Resource\":\"" + event.get("methodArn").asString() + "\"}]}}";
      } else {
        EVENTS.add(event);
        answer = "{\"statusCode\":200}";
      }
      return CompletableFuture.completedFuture(new InvocationOutcome.Returned(answer.getBytes(StandardCharsets.UTF_8), null));
    };
    server.context().extensions().provide(FunctionInvoker.class, invoker);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** A WebSocket API whose $connect has a REQUEST authorizer (header Auth, query token) and/or requires an API key. */
  static String api(boolean authorizer, boolean apiKey) { return api(authorizer, apiKey, 0); }

  /** @param ttl the authorizer's authorizerResultTtlInSeconds */
  static String api(boolean authorizer, boolean apiKey, int ttl) {
    String api = v2.createApi(r -> r.name("secured").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String fn = v2.createIntegration(r -> r.apiId(api).integrationType(IntegrationType.AWS_PROXY)
        .integrationUri(LAMBDA + "ws/invocations")).integrationId();
    String auth = !authorizer ? null : v2.createAuthorizer(r -> r.apiId(api).name("tokens").authorizerType(AuthorizerType.REQUEST)
        .authorizerUri(LAMBDA + "auth/invocations")
        .identitySource("route.request.header.Auth", "route.request.querystring.room").authorizerResultTtlInSeconds(ttl))
        .authorizerId();
    v2.createRoute(r -> r.apiId(api).routeKey("$connect").target("integrations/" + fn).apiKeyRequired(apiKey)
        .authorizationType(authorizer ? AuthorizationType.CUSTOM : AuthorizationType.NONE).authorizerId(auth));
    v2.createRoute(r -> r.apiId(api).routeKey("$default").target("integrations/" + fn));
    v2.createStage(r -> r.apiId(api).stageName("prod").autoDeploy(true));
    return api;
  }

  static URI wsUri(String apiId, String pathAndQuery) {
    module.dataPlane().awaitCurrent();
    InetSocketAddress at = module.dataPlane().listener(apiId).orElseThrow();
    return URI.create("ws://" + at.getAddress().getHostAddress() + ":" + at.getPort() + pathAndQuery);
  }

  static WebSocket connect(URI uri, Map<String, String> headers) {
    var b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(b::header);
    return b.buildAsync(uri, new WebSocket.Listener() {}).join();
  }

  static void refused(URI uri, Map<String, String> headers, int status) {
    assertThatThrownBy(() -> connect(uri, headers))
        .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
          assertThat(e.getResponse().statusCode()).isEqualTo(status);
        });
  }

  static JsonNode event(String routeKey) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      JsonNode e = EVENTS.poll(5, TimeUnit.SECONDS);
      assertThat(e).as("an event for " + routeKey).isNotNull();
      if (!e.has("type") && e.get("requestContext").get("routeKey").asString().equals(routeKey)) return e;
    }
    throw new AssertionError("no event for " + routeKey);
  }

  @Test
  void requestAuthorizer_onConnect_refusesOrPassesItsContext() throws Exception {
    String api = api(true, false);
    EVENTS.clear();
    AUTHORIZER_CALLS.set(0);
    refused(wsUri(api, "/prod?room=7"), Map.of(), 401);
    refused(wsUri(api, "/prod"), Map.of("Auth", "allow"), 401);
    assertThat(AUTHORIZER_CALLS.get()).as("a missing identity source is refused without invoking").isZero();
    refused(wsUri(api, "/prod?room=7"), Map.of("Auth", "deny"), 403);
    refused(wsUri(api, "/prod?room=7"), Map.of("Auth", "boom"), 500);

    EVENTS.clear();
    WebSocket ws = connect(wsUri(api, "/prod?room=7"), Map.of("Auth", "allow"));
    JsonNode authEvent = EVENTS.poll(5, TimeUnit.SECONDS);
    assertThat(authEvent.get("type").asString()).isEqualTo("REQUEST");
    assertThat(authEvent.get("methodArn").asString()).isEqualTo("arn:aws:execute-api:us-east-1:000000000000:" + api + "/prod/$connect");
    assertThat(authEvent.get("queryStringParameters").get("room").asString()).isEqualTo("7");
    JsonNode connect = event("$connect");
    assertThat(connect.get("requestContext").get("authorizer").get("principalId").asString()).isEqualTo("ana");
    assertThat(connect.get("requestContext").get("authorizer").get("team").asString()).isEqualTo("blue");
    ws.sendText("hello", true).join();
    JsonNode message = event("$default");
    assertThat(message.get("requestContext").get("authorizer").get("principalId").asString()).isEqualTo("ana");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void authorizerResults_areCachedPerIdentityForTheTtl() throws Exception {
    String api = api(true, false, 300);
    AUTHORIZER_CALLS.set(0);
    EVENTS.clear();
    URI room7 = wsUri(api, "/prod?room=7");
    connect(room7, Map.of("Auth", "allow")).sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    WebSocket again = connect(room7, Map.of("Auth", "allow"));
    assertThat(AUTHORIZER_CALLS.get()).as("the same identity within the TTL is answered from the cache").isEqualTo(1);
    // The cached answer still brings the authorizer's context to the connection's events.
    again.sendText("hello", true).join();
    assertThat(event("$default").get("requestContext").get("authorizer").get("team").asString()).isEqualTo("blue");
    again.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

    // Another value of any identity source is another cache entry; a deny is cached too.
    connect(wsUri(api, "/prod?room=8"), Map.of("Auth", "allow")).sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(2);
    refused(room7, Map.of("Auth", "deny"), 403);
    refused(room7, Map.of("Auth", "deny"), 403);
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(3);

    // Past the TTL the authorizer is asked again.
    TIME.advance(Duration.ofSeconds(299));
    connect(room7, Map.of("Auth", "allow")).sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(3);
    TIME.advance(Duration.ofSeconds(2));
    connect(room7, Map.of("Auth", "allow")).sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(4);

    // A failure is not cached: the next try invokes again.
    refused(room7, Map.of("Auth", "boom"), 500);
    refused(room7, Map.of("Auth", "boom"), 500);
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(6);
  }

  @Test
  void apiKeyRequired_onConnect_needsAKeyOfAUsagePlanOfTheStage() throws Exception {
    String api = api(false, true);
    String key = v1.createApiKey(r -> r.name("ws-key").enabled(true).value("ws-key-0123456789abcdefghij")).id();
    v1.createApiKey(r -> r.name("stray").enabled(true).value("stray-0123456789abcdefghijk"));
    String plan = v1.createUsagePlan(r -> r.name("ws-plan").apiStages(s -> s.apiId(api).stage("prod"))).id();
    v1.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key).keyType("API_KEY"));
    refused(wsUri(api, "/prod"), Map.of(), 403);
    refused(wsUri(api, "/prod"), Map.of("x-api-key", "stray-0123456789abcdefghijk"), 403);
    EVENTS.clear();
    WebSocket ws = connect(wsUri(api, "/prod"), Map.of("x-api-key", "ws-key-0123456789abcdefghij"));
    JsonNode connect = event("$connect");
    assertThat(connect.get("requestContext").get("identity").get("apiKeyId").asString()).isEqualTo(key);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }
}
