package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP APIs (apigatewayv2) through the SDK and real sockets: route precedence, the {@code $default}
 * stage, 404 Not Found, CORS answered by API Gateway, route throttling, Lambda payloads 1.0 and 2.0
 * (with 2.0 response inference), quick create with HTTP_PROXY, and JWT authorizers against a
 * local issuer serving its discovery document and JWKS (apigateway.md A).
 */
class HttpApiDataPlaneIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-07T10:00:00Z"));
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final AtomicReference<ServiceInvocation> LAST = new AtomicReference<>();
  static final java.util.concurrent.atomic.AtomicInteger AUTHORIZER_CALLS = new java.util.concurrent.atomic.AtomicInteger();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayV2Client v2;
  static HttpServer backend;
  static HttpServer issuer;
  static RSAKey key;
  static String issuerUrl;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(TIME.clock(), module);
    v2 = server.client(ApiGatewayV2Client.builder());
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().startsWith("/slow")) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = ("backend " + exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "https://evil.example");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    backend.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    backend.start();
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort();
    issuer.createContext("/.well-known/openid-configuration", exchange -> {
      byte[] body = ("{\"issuer\":\"" + issuerUrl + "\",\"jwks_uri\":\"" + issuerUrl + "/jwks.json\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    issuer.createContext("/jwks.json", exchange -> {
      byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    issuer.start();
    FunctionInvoker invoker = inv -> {
      JsonNode event = JSON.readTree(inv.payload());
      if (inv.functionArn().endsWith(":authz")) {
        AUTHORIZER_CALLS.incrementAndGet();
        boolean ok = event.path("headers").path("x-who").asString("").equals("friend");
        String answer = "{\"isAuthorized\":" + ok + ",\"context\":{\"tier\":\"gold\"}}";
        return CompletableFuture.completedFuture(new InvocationOutcome.Returned(answer.getBytes(StandardCharsets.UTF_8), null));
      }
      LAST.set(inv);
      String answer = event.has("version") && event.get("version").asString().equals("2.0")
          ? "{\"route\":\"" + event.get("routeKey").asString() + "\",\"params\":" + (event.has("pathParameters") ? event.get("pathParameters").toString() : "null") + "}"
          : "{\"statusCode\":200,\"body\":\"v1 " + event.get("resource").asString() + "\"}";
      return CompletableFuture.completedFuture(new InvocationOutcome.Returned(answer.getBytes(StandardCharsets.UTF_8), null));
    };
    server.context().extensions().provide(FunctionInvoker.class, invoker);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
    if (issuer != null) issuer.stop(0);
  }

  static String lambdaIntegration(String apiId, String version) {
    return v2.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationUri("arn:aws:lambda:us-east-1:000000000000:function:echo").payloadFormatVersion(version)).integrationId();
  }

  static String route(String apiId, String key, String integrationId) {
    return v2.createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integrationId)).routeId();
  }

  static InetSocketAddress listener(String apiId) {
    module.dataPlane().awaitCurrent();
    return module.dataPlane().listener(apiId).orElseThrow();
  }

  static String host(String apiId) { return apiId + ".execute-api.us-east-1.localhost"; }

  static Http.Response send(String apiId, String method, String target, Map<String, String> headers) {
    return Http.send(listener(apiId), host(apiId), method, target, headers, null);
  }

  static Http.Response get(String apiId, String target) { return send(apiId, "GET", target, Map.of()); }

  @Test
  void routes_exactThenGreedyThenDefault_andPayload20Inference() {
    String api = v2.createApi(r -> r.name("routes").protocolType(ProtocolType.HTTP)).apiId();
    String fn = lambdaIntegration(api, "2.0");
    route(api, "GET /pets/dog/1", fn);
    route(api, "GET /pets/dog/{id}", fn);
    route(api, "GET /pets/{proxy+}", fn);
    route(api, "ANY /{proxy+}", fn);
    route(api, "$default", fn);
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
    assertThat(JSON.readTree(get(api, "/pets/dog/1").body()).get("route").asString()).isEqualTo("GET /pets/dog/1");
    var byId = JSON.readTree(get(api, "/pets/dog/2").body());
    assertThat(byId.get("route").asString()).isEqualTo("GET /pets/dog/{id}");
    assertThat(byId.get("params").get("id").asString()).isEqualTo("2");
    assertThat(JSON.readTree(get(api, "/pets/cat/1").body()).get("route").asString()).isEqualTo("GET /pets/{proxy+}");
    var post = send(api, "POST", "/test/5", Map.of());
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    assertThat(JSON.readTree(post.body()).get("route").asString()).isEqualTo("ANY /{proxy+}");
    assertThat(JSON.readTree(get(api, "/").body()).get("route").asString()).isEqualTo("$default");
    JsonNode event = JSON.readTree(LAST.get().payload());
    assertThat(event.get("rawPath").asString()).isEqualTo("/");
    assertThat(event.get("requestContext").get("http").get("method").asString()).isEqualTo("GET");
    assertThat(LAST.get().sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:000000000000:" + api + "/$default/$default");
  }

  @Test
  void noRouteOrNoStage_is404NotFound_notRest403() {
    String api = v2.createApi(r -> r.name("notfound").protocolType(ProtocolType.HTTP)).apiId();
    route(api, "GET /only", lambdaIntegration(api, "2.0"));
    v2.createStage(r -> r.apiId(api).stageName("prod").autoDeploy(true));
    assertThat(get(api, "/prod/only").status()).isEqualTo(200);
    var missing = get(api, "/prod/other");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"message\":\"Not Found\"}");
    var noStage = get(api, "/dev/only");
    assertThat(noStage.status()).isEqualTo(404);
    assertThat(noStage.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  void payload10_sendsTheRestShapedEvent() {
    String api = v2.createApi(r -> r.name("v1").protocolType(ProtocolType.HTTP)).apiId();
    route(api, "GET /items/{id}", lambdaIntegration(api, "1.0"));
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
    var r = get(api, "/items/3?a=1&a=2");
    assertThat(r.body()).isEqualTo("v1 GET /items/{id}");
    JsonNode event = JSON.readTree(LAST.get().payload());
    assertThat(event.get("multiValueQueryStringParameters").get("a").size()).isEqualTo(2);
    assertThat(event.get("pathParameters").get("id").asString()).isEqualTo("3");
  }

  @Test
  void quickCreate_httpProxy_passesThePath_andCorsIsApiGateways() {
    String api = v2.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:" + backend.getAddress().getPort())
        .corsConfiguration(c -> c.allowOrigins("https://app.example").allowMethods("GET", "POST").allowHeaders("authorization")
            .maxAge(300))).apiId();
    var r = send(api, "GET", "/a/b?x=1", Map.of("Origin", "https://app.example"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("backend GET /a/b?x=1");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    var preflight = send(api, "OPTIONS", "/a/b", Map.of("Origin", "https://app.example",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
    assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("300");
    var otherOrigin = send(api, "GET", "/a", Map.of("Origin", "https://evil.example"));
    assertThat(otherOrigin.header("Access-Control-Allow-Origin")).isNull(); // the backend's header is dropped too
  }

  @Test
  void routeThrottling_answers429TooManyRequests() {
    String api = v2.createApi(r -> r.name("throttled").protocolType(ProtocolType.HTTP)).apiId();
    route(api, "GET /t", lambdaIntegration(api, "2.0"));
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true)
        .routeSettings(Map.of("GET /t", RouteSettings.builder().throttlingBurstLimit(1).throttlingRateLimit(1.0).build())));
    assertThat(get(api, "/t").status()).isEqualTo(200);
    var second = get(api, "/t");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    TIME.advance(Duration.ofSeconds(1));
    assertThat(get(api, "/t").status()).isEqualTo(200);
  }

  static String token(String audience, Instant expires, String scope) throws Exception {
    var claims = new JWTClaimsSet.Builder().issuer(issuerUrl).audience(audience).subject("user-1")
        .expirationTime(Date.from(expires)).issueTime(Date.from(TIME.clock().instant().minusSeconds(10)));
    if (scope != null) claims.claim("scope", scope);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void jwtAuthorizer_checksSignatureAudienceExpiryAndScope() throws Exception {
    String api = v2.createApi(r -> r.name("jwt").protocolType(ProtocolType.HTTP)).apiId();
    String auth = v2.createAuthorizer(r -> r.apiId(api).name("cognito").authorizerType(AuthorizerType.JWT)
        .identitySource("$request.header.Authorization")
        .jwtConfiguration(j -> j.issuer(issuerUrl).audience("my-app"))).authorizerId();
    String fn = lambdaIntegration(api, "2.0");
    v2.createRoute(r -> r.apiId(api).routeKey("GET /me").target("integrations/" + fn).authorizationType(AuthorizationType.JWT)
        .authorizerId(auth).authorizationScopes("read"));
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
    Instant later = TIME.clock().instant().plusSeconds(3600);

    var none = get(api, "/me");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    var ok = send(api, "GET", "/me", Map.of("Authorization", "Bearer " + token("my-app", later, "read write")));
    assertThat(ok.status()).isEqualTo(200);
    JsonNode jwt = JSON.readTree(LAST.get().payload()).get("requestContext").get("authorizer").get("jwt");
    assertThat(jwt.get("claims").get("sub").asString()).isEqualTo("user-1");
    assertThat(jwt.get("scopes").toString()).contains("read");
    var expired = send(api, "GET", "/me", Map.of("Authorization", token("my-app", TIME.clock().instant().minusSeconds(1), "read")));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("www-authenticate")).startsWith("Bearer scope=\"\" error=\"invalid_token\" error_description=");
    assertThat(send(api, "GET", "/me", Map.of("Authorization", token("other-app", later, "read"))).status()).isEqualTo(401);
    var noScope = send(api, "GET", "/me", Map.of("Authorization", token("my-app", later, "write")));
    assertThat(noScope.status()).isEqualTo(403);
    assertThat(noScope.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    var forged = token("my-app", later, "read");
    String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
    assertThat(send(api, "GET", "/me", Map.of("Authorization", tampered)).status()).isEqualTo(401);
  }

  @Test
  void controlPlane_refusesDuplicateAndMalformedRouteKeys() {
    String api = v2.createApi(r -> r.name("refusals").protocolType(ProtocolType.HTTP)).apiId();
    String fn = lambdaIntegration(api, "2.0");
    route(api, "GET /a", fn);
    assertThatThrownBy(() -> route(api, "GET /a", fn)).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.statusCode()).isEqualTo(409));
    assertThatThrownBy(() -> route(api, "FETCH /a", fn)).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> route(api, "GET /a", "nope123")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> v2.getRoute(r -> r.apiId(api).routeId("nope123"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> v2.createIntegration(r -> r.apiId(api).integrationType(IntegrationType.HTTP_PROXY)
        .integrationUri("http://127.0.0.1:9").timeoutInMillis(31_000))).isInstanceOf(BadRequestException.class);
    v2.createStage(r -> r.apiId(api).stageName("prod"));
    assertThatThrownBy(() -> v2.createStage(r -> r.apiId(api).stageName("prod"))).isInstanceOf(ConflictException.class);
    assertThat(v2.getRoutes(r -> r.apiId(api)).items()).extracting(Route::routeKey).containsExactly("GET /a");
    assertThat(List.of(v2.getApi(r -> r.apiId(api)).apiEndpoint())).containsExactly("https://" + api + ".execute-api.us-east-1.amazonaws.com");
    String arn = "arn:aws:apigateway:us-east-1::/apis/" + api;
    v2.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "web")));
    assertThat(v2.getTags(r -> r.resourceArn(arn)).tags()).containsEntry("team", "web");
    assertThat(v2.getApi(r -> r.apiId(api)).tags()).containsEntry("team", "web");
    assertThatThrownBy(() -> v2.getTags(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/apis/nope000000")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void lambdaAuthorizer_simpleResponses_cachedByIdentity() {
    String api = v2.createApi(r -> r.name("lambda-auth").protocolType(ProtocolType.HTTP)).apiId();
    String auth = v2.createAuthorizer(r -> r.apiId(api).name("simple").authorizerType(AuthorizerType.REQUEST)
        .identitySource("$request.header.x-who").authorizerPayloadFormatVersion("2.0").enableSimpleResponses(true)
        .authorizerResultTtlInSeconds(300)
        .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:authz/invocations"))
        .authorizerId();
    String fn = lambdaIntegration(api, "2.0");
    v2.createRoute(r -> r.apiId(api).routeKey("GET /club").target("integrations/" + fn)
        .authorizationType(AuthorizationType.CUSTOM).authorizerId(auth));
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
    int before = AUTHORIZER_CALLS.get();
    assertThat(get(api, "/club").status()).isEqualTo(401); // no identity source: not invoked
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(before);
    var stranger = send(api, "GET", "/club", Map.of("x-who", "stranger"));
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(send(api, "GET", "/club", Map.of("x-who", "friend")).status()).isEqualTo(200);
    assertThat(JSON.readTree(LAST.get().payload()).get("requestContext").get("authorizer").get("lambda").get("tier").asString())
        .isEqualTo("gold");
    send(api, "GET", "/club", Map.of("x-who", "friend"));
    assertThat(AUTHORIZER_CALLS.get()).isEqualTo(before + 2); // the friend's answer came from the cache
  }

  @Test
  void httpProxy_slowerThanTheIntegrationTimeout_is503() {
    String api = v2.createApi(r -> r.name("slow").protocolType(ProtocolType.HTTP)).apiId();
    String i = v2.createIntegration(r -> r.apiId(api).integrationType(IntegrationType.HTTP_PROXY).integrationMethod("ANY")
        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/slow").timeoutInMillis(300)).integrationId();
    route(api, "GET /wait", i);
    v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
    var r = get(api, "/wait");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
  }
}
