package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API data plane through real sockets: APIs built with the SDK on an in-process Stratus,
 * requests sent to each API's own listener (and by Host header to the API port), a local HTTP
 * server as the HTTP_PROXY backend, a test-double FunctionInvoker as Lambda, a manual clock for
 * throttles and quotas (apigateway.md §12–19).
 */
class RestDataPlaneIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-07T10:00:00Z"));
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final AtomicReference<Function<ServiceInvocation, InvocationOutcome>> LAMBDA = new AtomicReference<>();
  static final AtomicReference<ServiceInvocation> LAST_INVOCATION = new AtomicReference<>();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static HttpServer backend;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(TIME.clock(), module);
    apigw = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().startsWith("/slow")) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = ("backend " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
          + " host=" + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("X-Backend", "yes");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
    backend.createContext("/count", exchange -> {
      byte[] body = String.valueOf(counter.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    backend.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    backend.start();
    FunctionInvoker invoker = inv -> {
      LAST_INVOCATION.set(inv);
      return CompletableFuture.completedFuture(LAMBDA.get().apply(inv));
    };
    server.context().extensions().provide(FunctionInvoker.class, invoker);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  /** A REGIONAL API; returns its id and root resource id. */
  static String[] api(String name) {
    var a = apigw.createRestApi(r -> r.name(name).endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    return new String[] {a.id(), a.rootResourceId()};
  }

  static String resource(String apiId, String parentId, String part) {
    return apigw.createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(part)).id();
  }

  static void mock(String apiId, String resourceId, String method, String status, String body) {
    apigw.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method).authorizationType("NONE"));
    mockIntegration(apiId, resourceId, method, status, body);
  }

  static void mockIntegration(String apiId, String resourceId, String method, String status, String body) {
    apigw.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method).type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": " + status + "}")));
    apigw.putMethodResponse(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method).statusCode(status));
    apigw.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method).statusCode(status)
        .responseTemplates(Map.of("application/json", body)));
  }

  static InetSocketAddress deploy(String apiId, String stage) {
    apigw.createDeployment(r -> r.restApiId(apiId).stageName(stage));
    return listener(apiId);
  }

  static InetSocketAddress listener(String apiId) {
    module.dataPlane().awaitCurrent();
    return module.dataPlane().listener(apiId).orElseThrow();
  }

  static String host(String apiId) { return apiId + ".execute-api.us-east-1.localhost"; }

  static Http.Response get(String apiId, String target) { return Http.get(listener(apiId), host(apiId), target); }

  static Http.Response get(String apiId, String target, Map<String, String> headers) {
    return Http.send(listener(apiId), host(apiId), "GET", target, headers, null);
  }

  static JsonNode json(Http.Response r) { return JSON.readTree(r.body()); }

  @Test
  void unknownResourceOrMethod_isMissingAuthenticationToken403() {
    String[] a = api("missing");
    mock(a[0], resource(a[0], a[1], "pets"), "GET", "200", "{\"ok\":true}");
    deploy(a[0], "prod");
    assertThat(get(a[0], "/prod/pets").status()).isEqualTo(200);
    var unknownPath = get(a[0], "/prod/dogs");
    assertThat(unknownPath.status()).isEqualTo(403);
    assertThat(json(unknownPath).get("message").asString()).isEqualTo("Missing Authentication Token");
    assertThat(unknownPath.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    var wrongMethod = Http.send(listener(a[0]), host(a[0]), "POST", "/prod/pets", Map.of(), "{}");
    assertThat(wrongMethod.status()).isEqualTo(403);
    assertThat(json(wrongMethod).get("message").asString()).isEqualTo("Missing Authentication Token");
    var wrongStage = get(a[0], "/dev/pets");
    assertThat(wrongStage.status()).isEqualTo(403);
    assertThat(json(wrongStage).get("message").asString()).isEqualTo("Forbidden");
  }

  @Test
  void mock_templateStatus_selectsIntegrationResponse_andRendersVtl() {
    String[] a = api("mock");
    String r = resource(a[0], a[1], "items");
    String id = resource(a[0], r, "{id}");
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "#if($input.params('id') == '404'){\"statusCode\": 404}#else{\"statusCode\": 200}#end")));
    apigw.putMethodResponse(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Mock", false)));
    apigw.putMethodResponse(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").statusCode("404"));
    apigw.putIntegrationResponse(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").statusCode("200")
        .responseParameters(Map.of("method.response.header.X-Mock", "'yes'"))
        .responseTemplates(Map.of("application/json",
            "{\"id\":\"$input.params('id')\",\"stage\":\"$context.stage\",\"v\":\"$stageVariables.color\",\"q\":\"$util.urlEncode($input.params('q'))\"}")));
    apigw.putIntegrationResponse(x -> x.restApiId(a[0]).resourceId(id).httpMethod("GET").statusCode("404").selectionPattern("404")
        .responseTemplates(Map.of("application/json", "{\"error\":\"no item $input.params('id')\"}")));
    apigw.createDeployment(x -> x.restApiId(a[0]).stageName("v1").variables(Map.of("color", "blue")));
    var ok = get(a[0], "/v1/items/42?q=a%20b");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("X-Mock")).isEqualTo("yes");
    assertThat(json(ok).get("id").asString()).isEqualTo("42");
    assertThat(json(ok).get("stage").asString()).isEqualTo("v1");
    assertThat(json(ok).get("v").asString()).isEqualTo("blue");
    assertThat(json(ok).get("q").asString()).isEqualTo("a+b");
    var missing = get(a[0], "/v1/items/404");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get("error").asString()).isEqualTo("no item 404");
  }

  @Test
  void integrationResponse_templateChosenByAccept_elseJson_elseFirst() {
    String[] a = api("accept");
    String both = resource(a[0], a[1], "both");
    mock(a[0], both, "GET", "200", "{\"kind\":\"json\"}");
    var templates = new java.util.LinkedHashMap<String, String>();
    templates.put("application/xml", "<kind>xml</kind>");
    templates.put("application/json", "{\"kind\":\"json\"}");
    apigw.putIntegrationResponse(x -> x.restApiId(a[0]).resourceId(both).httpMethod("GET").statusCode("200")
        .responseTemplates(templates));
    String plain = resource(a[0], a[1], "plain");
    mock(a[0], plain, "GET", "200", "unused");
    var noJson = new java.util.LinkedHashMap<String, String>();
    noJson.put("text/plain", "kind=text");
    noJson.put("application/xml", "<kind>xml</kind>");
    apigw.putIntegrationResponse(x -> x.restApiId(a[0]).resourceId(plain).httpMethod("GET").statusCode("200")
        .responseTemplates(noJson));
    deploy(a[0], "v1");

    var xml = get(a[0], "/v1/both", Map.of("Accept", "application/xml"));
    assertThat(xml.body()).isEqualTo("<kind>xml</kind>");
    assertThat(xml.header("Content-Type")).isEqualTo("application/xml");
    // The first listed media type that has a template wins; parameters (q=) are ignored.
    assertThat(get(a[0], "/v1/both", Map.of("Accept", "text/html, application/xml;q=0.9")).body()).isEqualTo("<kind>xml</kind>");
    var none = get(a[0], "/v1/both");
    assertThat(none.body()).isEqualTo("{\"kind\":\"json\"}");
    assertThat(none.header("Content-Type")).isEqualTo("application/json");
    assertThat(get(a[0], "/v1/both", Map.of("Accept", "text/csv")).body()).isEqualTo("{\"kind\":\"json\"}");
    // No application/json template: the first one.
    var first = get(a[0], "/v1/plain", Map.of("Accept", "*/*"));
    assertThat(first.body()).isEqualTo("kind=text");
    assertThat(first.header("Content-Type")).isEqualTo("text/plain");
    assertThat(get(a[0], "/v1/plain", Map.of("Accept", "application/xml")).body()).isEqualTo("<kind>xml</kind>");
  }

  @Test
  void httpProxy_greedyPath_reachesBackendWithPathAndQuery() {
    String[] a = api("proxy");
    String proxy = resource(a[0], a[1], "{proxy+}");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    apigw.putIntegration(r -> r.restApiId(a[0]).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("ANY").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/api/{proxy}")
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy",
            "integration.request.querystring.via", "'stratus'")));
    var at = deploy(a[0], "prod");
    var r = Http.send(at, host(a[0]), "POST", "/prod/orders/7/lines?x=1&y=2", Map.of(), "{}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("backend POST /api/orders/7/lines?x=1&y=2&via=stratus host=127.0.0.1:" + backend.getAddress().getPort());
    assertThat(r.header("X-Backend")).isEqualTo("yes");
    assertThat(r.header("x-amzn-RequestId")).isNotBlank();
  }

  @Test
  void httpIntegration_slowerThanTimeout_is504EndpointRequestTimedOut() {
    String[] a = api("slow");
    String slow = resource(a[0], a[1], "slow");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(a[0]).resourceId(slow).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/slow").timeoutInMillis(300));
    deploy(a[0], "prod");
    var r = get(a[0], "/prod/slow");
    assertThat(r.status()).isEqualTo(504);
    assertThat(json(r).get("message").asString()).isEqualTo("Endpoint request timed out");
  }

  @Test
  void apiKey_isNotAuthentication_andWithoutPlanIsForbidden() {
    String[] a = api("keys");
    String open = resource(a[0], a[1], "open");
    String iam = resource(a[0], a[1], "iam");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(open).httpMethod("GET").authorizationType("NONE").apiKeyRequired(true));
    mockIntegration(a[0], open, "GET", "200", "{\"open\":true}");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(iam).httpMethod("GET").authorizationType("AWS_IAM").apiKeyRequired(true));
    mockIntegration(a[0], iam, "GET", "200", "{\"iam\":true}");
    deploy(a[0], "prod");
    var key = apigw.createApiKey(r -> r.name("partner").enabled(true));
    var stray = apigw.createApiKey(r -> r.name("stray").enabled(true));
    var plan = apigw.createUsagePlan(r -> r.name("p").apiStages(s -> s.apiId(a[0]).stage("prod")));
    apigw.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));

    var noKey = get(a[0], "/prod/open");
    assertThat(noKey.status()).isEqualTo(403);
    assertThat(json(noKey).get("message").asString()).isEqualTo("Forbidden");
    assertThat(get(a[0], "/prod/open", Map.of("x-api-key", stray.value())).status()).isEqualTo(403);
    assertThat(get(a[0], "/prod/open", Map.of("x-api-key", key.value())).status()).isEqualTo(200);
    // A valid key does not stand in for a signature: the IAM method still wants one.
    var iamWithKey = get(a[0], "/prod/iam", Map.of("x-api-key", key.value()));
    assertThat(iamWithKey.status()).isEqualTo(403);
    assertThat(json(iamWithKey).get("message").asString()).isEqualTo("Missing Authentication Token");
  }

  @Test
  void usagePlan_throttleAndQuota_answer429WithTheirOwnBodies() {
    String[] a = api("metered");
    String r = resource(a[0], a[1], "m");
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").authorizationType("NONE").apiKeyRequired(true));
    mockIntegration(a[0], r, "GET", "200", "{}");
    deploy(a[0], "prod");
    var key = apigw.createApiKey(x -> x.name("k").enabled(true));
    var plan = apigw.createUsagePlan(x -> x.name("tight").apiStages(s -> s.apiId(a[0]).stage("prod"))
        .throttle(t -> t.rateLimit(1.0).burstLimit(2)).quota(q -> q.limit(4).period(QuotaPeriodType.DAY)));
    apigw.createUsagePlanKey(x -> x.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
    Map<String, String> h = Map.of("x-api-key", key.value());
    module.dataPlane().awaitCurrent();
    assertThat(get(a[0], "/prod/m", h).status()).isEqualTo(200);
    assertThat(get(a[0], "/prod/m", h).status()).isEqualTo(200);
    var throttled = get(a[0], "/prod/m", h);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(json(throttled).get("message").asString()).isEqualTo("Too Many Requests");
    TIME.advance(Duration.ofSeconds(2)); // two tokens back
    assertThat(get(a[0], "/prod/m", h).status()).isEqualTo(200);
    assertThat(get(a[0], "/prod/m", h).status()).isEqualTo(200);
    TIME.advance(Duration.ofSeconds(2));
    var overQuota = get(a[0], "/prod/m", h);
    assertThat(overQuota.status()).isEqualTo(429);
    assertThat(json(overQuota).get("message").asString()).isEqualTo("Limit Exceeded");
    TIME.advance(Duration.ofDays(1)); // the next UTC day: a fresh quota
    assertThat(get(a[0], "/prod/m", h).status()).isEqualTo(200);
    // GetUsage reads the data plane's counters back: [used, remaining] per day.
    var usage = apigw.getUsage(x -> x.usagePlanId(plan.id()).startDate("2026-12-07").endDate("2026-12-08"));
    assertThat(usage.items().get(key.id())).containsExactly(List.of(4L, 0L), List.of(1L, 3L));
  }

  @Test
  void stageMethodThrottling_limitsEveryCaller() {
    String[] a = api("stagethrottle");
    String r = resource(a[0], a[1], "s");
    mock(a[0], r, "GET", "200", "{}");
    deploy(a[0], "prod");
    apigw.updateStage(x -> x.restApiId(a[0]).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/~1s/GET/throttling/rateLimit").value("1").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1s/GET/throttling/burstLimit").value("1").build()));
    module.dataPlane().awaitCurrent();
    assertThat(get(a[0], "/prod/s").status()).isEqualTo(200);
    var second = get(a[0], "/prod/s");
    assertThat(second.status()).isEqualTo(429);
    assertThat(json(second).get("message").asString()).isEqualTo("Too Many Requests");
  }

  @Test
  void requestValidator_missingParameterAndInvalidBody_are400() {
    String[] a = api("validated");
    String r = resource(a[0], a[1], "pets");
    apigw.createModel(x -> x.restApiId(a[0]).name("Pet").contentType("application/json")
        .schema("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\",\"required\":[\"name\"],"
            + "\"properties\":{\"name\":{\"type\":\"string\"}}}"));
    String v = apigw.createRequestValidator(x -> x.restApiId(a[0]).name("all").validateRequestBody(true)
        .validateRequestParameters(true)).id();
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("POST").authorizationType("NONE").requestValidatorId(v)
        .requestParameters(Map.of("method.request.querystring.owner", true))
        .requestModels(Map.of("application/json", "Pet")));
    mockIntegration(a[0], r, "POST", "200", "{\"created\":true}");
    var at = deploy(a[0], "prod");
    Map<String, String> json = Map.of("Content-Type", "application/json");
    var noParam = Http.send(at, host(a[0]), "POST", "/prod/pets", json, "{\"name\":\"rex\"}");
    assertThat(noParam.status()).isEqualTo(400);
    assertThat(json(noParam).get("message").asString()).isEqualTo("Missing required request parameters: [owner]");
    var badBody = Http.send(at, host(a[0]), "POST", "/prod/pets?owner=me", json, "{\"age\":3}");
    assertThat(badBody.status()).isEqualTo(400);
    assertThat(json(badBody).get("message").asString()).isEqualTo("Invalid request body");
    assertThat(Http.send(at, host(a[0]), "POST", "/prod/pets?owner=me", json, "{\"name\":\"rex\"}").status()).isEqualTo(200);
  }

  @Test
  void lambdaProxy_stageVariableNamesTheAlias() {
    String[] a = api("lambda-alias");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(a[1]).httpMethod("GET").authorizationType("NONE"));
    String fn = "arn:aws:lambda:us-east-1:000000000000:function:users";
    apigw.putIntegration(r -> r.restApiId(a[0]).resourceId(a[1]).httpMethod("GET").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST")
        .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn + ":${stageVariables.alias}/invocations"));
    apigw.createDeployment(r -> r.restApiId(a[0]).stageName("prod").variables(Map.of("alias", "live")));
    LAMBDA.set(inv -> new InvocationOutcome.Returned("{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8), null));
    assertThat(get(a[0], "/prod/").status()).isEqualTo(200);
    assertThat(LAST_INVOCATION.get().functionArn()).isEqualTo(fn + ":live");
  }

  @Test
  void lambdaProxy_sendsRestEvent_andMapsTheResponse() {
    String[] a = api("lambda");
    String users = resource(a[0], a[1], "users");
    String id = resource(a[0], users, "{id}");
    apigw.putMethod(r -> r.restApiId(a[0]).resourceId(id).httpMethod("GET").authorizationType("NONE"));
    String fn = "arn:aws:lambda:us-east-1:000000000000:function:users";
    apigw.putIntegration(r -> r.restApiId(a[0]).resourceId(id).httpMethod("GET").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn + "/invocations"));
    apigw.createDeployment(r -> r.restApiId(a[0]).stageName("prod").variables(Map.of("table", "users")));
    LAMBDA.set(inv -> new InvocationOutcome.Returned(
        "{\"statusCode\":201,\"headers\":{\"X-From\":\"lambda\"},\"body\":\"{\\\"hi\\\":1}\"}".getBytes(StandardCharsets.UTF_8), null));
    var r = get(a[0], "/prod/users/7?verbose=true");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("X-From")).isEqualTo("lambda");
    assertThat(r.body()).isEqualTo("{\"hi\":1}");
    ServiceInvocation inv = LAST_INVOCATION.get();
    assertThat(inv.functionArn()).isEqualTo(fn);
    assertThat(inv.principal()).isEqualTo("apigateway.amazonaws.com");
    assertThat(inv.sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:000000000000:" + a[0] + "/prod/GET/users/{id}");
    assertThat(inv.callerTimeout()).isEqualTo(Duration.ofSeconds(29));
    JsonNode event = JSON.readTree(inv.payload());
    assertThat(event.get("resource").asString()).isEqualTo("/users/{id}");
    assertThat(event.get("path").asString()).isEqualTo("/users/7");
    assertThat(event.get("httpMethod").asString()).isEqualTo("GET");
    assertThat(event.get("pathParameters").get("id").asString()).isEqualTo("7");
    assertThat(event.get("queryStringParameters").get("verbose").asString()).isEqualTo("true");
    assertThat(event.get("multiValueQueryStringParameters").get("verbose").get(0).asString()).isEqualTo("true");
    assertThat(event.get("stageVariables").get("table").asString()).isEqualTo("users");
    assertThat(event.get("requestContext").get("stage").asString()).isEqualTo("prod");
    assertThat(event.get("requestContext").get("resourcePath").asString()).isEqualTo("/users/{id}");
    assertThat(event.get("requestContext").get("identity").get("sourceIp").asString()).isEqualTo("127.0.0.1");
    assertThat(event.get("body").isNull()).isTrue();
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

    LAMBDA.set(inv2 -> new InvocationOutcome.Returned("{\"nope\":1}".getBytes(StandardCharsets.UTF_8), null));
    var malformed = get(a[0], "/prod/users/7");
    assertThat(malformed.status()).isEqualTo(502);
    assertThat(json(malformed).get("message").asString()).isEqualTo("Internal server error");
    LAMBDA.set(inv2 -> new InvocationOutcome.PermissionDenied("not allowed"));
    var denied = get(a[0], "/prod/users/7");
    assertThat(denied.status()).isEqualTo(500);
    assertThat(json(denied).get("message").asString()).isEqualTo("Internal server error");
  }

  @Test
  void hostHeaderOnApiPort_andDnsName_reachTheApi() {
    String[] a = api("byhost");
    mock(a[0], resource(a[0], a[1], "hello"), "GET", "200", "{\"hello\":\"world\"}");
    var own = deploy(a[0], "prod");
    var viaApiPort = Http.get(new InetSocketAddress("127.0.0.1", server.port()), host(a[0]) + ":" + server.port(), "/prod/hello");
    assertThat(viaApiPort.status()).isEqualTo(200);
    assertThat(json(viaApiPort).get("hello").asString()).isEqualTo("world");
    var awsName = Http.get(new InetSocketAddress("127.0.0.1", server.port()), a[0] + ".execute-api.us-east-1.amazonaws.com", "/prod/hello");
    assertThat(awsName.status()).isEqualTo(200);
    var target = DnsTargetRegistry.in(server.context().extensions()).find(host(a[0])).orElseThrow();
    assertThat(target.addresses()).extracting(x -> x.getHostAddress()).containsExactly(own.getAddress().getHostAddress());
  }

  @Test
  void wafSlot_ofTheStageArn_blocksFirst() {
    String[] a = api("waf");
    mock(a[0], resource(a[0], a[1], "w"), "GET", "200", "{}");
    deploy(a[0], "prod");
    var filters = server.context().extensions().find(HttpFilterRegistry.class).orElseThrow();
    filters.register("arn:aws:apigateway:us-east-1::/restapis/" + a[0] + "/stages/prod", FilterSlot.WAF,
        req -> req.header("x-bad").isPresent() ? new FilterVerdict.Respond(403, Map.of(), new byte[0]) : FilterVerdict.CONTINUE);
    assertThat(get(a[0], "/prod/w").status()).isEqualTo(200);
    var blocked = get(a[0], "/prod/w", Map.of("x-bad", "1"));
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(json(blocked).get("message").asString()).isEqualTo("Forbidden");
    // Unknown paths are blocked too: WAF runs before resource matching.
    assertThat(json(get(a[0], "/prod/nowhere", Map.of("x-bad", "1"))).get("message").asString()).isEqualTo("Forbidden");
  }

  @Test
  void tokenAuthorizer_allowDenyUnauthorized_andContextReachesTheIntegration() {
    String[] a = api("authorized");
    String r = resource(a[0], a[1], "secret");
    String authFn = "arn:aws:lambda:us-east-1:000000000000:function:auth";
    String auth = apigw.createAuthorizer(x -> x.restApiId(a[0]).name("tok").type(AuthorizerType.TOKEN)
        .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(300)
        .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + authFn + "/invocations")).id();
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").authorizationType("CUSTOM").authorizerId(auth));
    String fn = "arn:aws:lambda:us-east-1:000000000000:function:app";
    apigw.putIntegration(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").type(IntegrationType.AWS_PROXY)
        .integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn + "/invocations"));
    deploy(a[0], "prod");
    java.util.concurrent.atomic.AtomicInteger authorizerCalls = new java.util.concurrent.atomic.AtomicInteger();
    LAMBDA.set(inv -> {
      if (inv.functionArn().equals(authFn)) {
        authorizerCalls.incrementAndGet();
        JsonNode e = JSON.readTree(inv.payload());
        String token = e.get("authorizationToken").asString();
        if (token.equals("bad")) {
          return new InvocationOutcome.Returned("{\"errorMessage\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8), "Unhandled");
        }
        String effect = token.equals("allow") ? "Allow" : "Deny";
        String policy = "{\"principalId\":\"user-" + token + "\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + e.get("methodArn").asString()
            .replace("/GET/secret", "/*") + "\"}]},\"context\":{\"tier\":\"gold\"}}";
        return new InvocationOutcome.Returned(policy.getBytes(StandardCharsets.UTF_8), null);
      }
      JsonNode authorizer = JSON.readTree(inv.payload()).get("requestContext").get("authorizer");
      return new InvocationOutcome.Returned(("{\"statusCode\":200,\"body\":\"" + authorizer.get("principalId").asString() + " "
          + authorizer.get("tier").asString() + "\"}").getBytes(StandardCharsets.UTF_8), null);
    });
    var none = get(a[0], "/prod/secret");
    assertThat(none.status()).isEqualTo(401);
    assertThat(json(none).get("message").asString()).isEqualTo("Unauthorized");
    assertThat(authorizerCalls.get()).isZero(); // no identity source: the function is not called
    var allowed = get(a[0], "/prod/secret", Map.of("Authorization", "allow"));
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("user-allow gold");
    get(a[0], "/prod/secret", Map.of("Authorization", "allow"));
    assertThat(authorizerCalls.get()).isEqualTo(1); // cached for the TTL
    var denied = get(a[0], "/prod/secret", Map.of("Authorization", "deny"));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(json(denied).get("message").asString()).isEqualTo("User is not authorized to access this resource with an explicit deny");
    assertThat(get(a[0], "/prod/secret", Map.of("Authorization", "bad")).status()).isEqualTo(401);
  }

  @Test
  void gatewayResponses_customisedTypeAndFamily_shapeTheAnswers() {
    String[] a = api("gwresponses");
    String r = resource(a[0], a[1], "k");
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").authorizationType("NONE").apiKeyRequired(true));
    mockIntegration(a[0], r, "GET", "200", "{}");
    apigw.putGatewayResponse(x -> x.restApiId(a[0]).responseType(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN).statusCode("404")
        .responseTemplates(Map.of("application/json", "{\"error\":$context.error.messageString,\"type\":\"$context.error.responseType\"}")));
    apigw.putGatewayResponse(x -> x.restApiId(a[0]).responseType(GatewayResponseType.DEFAULT_4_XX)
        .responseParameters(Map.of("gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
    deploy(a[0], "prod");
    var missing = get(a[0], "/prod/nowhere");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get("error").asString()).isEqualTo("Missing Authentication Token");
    assertThat(json(missing).get("type").asString()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");
    var noKey = get(a[0], "/prod/k");
    assertThat(noKey.status()).isEqualTo(403); // the family's header, the type's own status
    assertThat(noKey.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(json(noKey).get("message").asString()).isEqualTo("Forbidden");
  }

  @Test
  void corsPreflight_throughMockOptions_answersTheBrowser() {
    String[] a = api("cors");
    String r = resource(a[0], a[1], "data");
    mock(a[0], r, "GET", "200", "{\"data\":1}");
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("OPTIONS").authorizationType("NONE"));
    apigw.putIntegration(x -> x.restApiId(a[0]).resourceId(r).httpMethod("OPTIONS").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putMethodResponse(x -> x.restApiId(a[0]).resourceId(r).httpMethod("OPTIONS").statusCode("200")
        .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", false,
            "method.response.header.Access-Control-Allow-Methods", false, "method.response.header.Access-Control-Allow-Headers", false)));
    apigw.putIntegrationResponse(x -> x.restApiId(a[0]).resourceId(r).httpMethod("OPTIONS").statusCode("200")
        .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", "'https://app.example'",
            "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'",
            "method.response.header.Access-Control-Allow-Headers", "'Content-Type,X-Api-Key'")));
    var at = deploy(a[0], "prod");
    var preflight = Http.send(at, host(a[0]), "OPTIONS", "/prod/data", Map.of("Origin", "https://app.example",
        "Access-Control-Request-Method", "GET"), null);
    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET,OPTIONS");
    // No OPTIONS method elsewhere: the preflight is an unknown method, 403 as any other.
    assertThat(Http.send(at, host(a[0]), "OPTIONS", "/prod", Map.of("Origin", "https://app.example"), null).status()).isEqualTo(403);
  }

  @Test
  void stageCache_servesWithinTtl_byCacheKey_andRefreshesOnRequest() {
    String[] a = api("cached");
    String r = resource(a[0], a[1], "count");
    apigw.putMethod(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").authorizationType("NONE")
        .requestParameters(Map.of("method.request.querystring.q", false)));
    apigw.putIntegration(x -> x.restApiId(a[0]).resourceId(r).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/count")
        .cacheKeyParameters("method.request.querystring.q"));
    deploy(a[0], "prod");
    apigw.updateStage(x -> x.restApiId(a[0]).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/cacheClusterEnabled").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/caching/enabled").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/caching/ttlInSeconds").value("300").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/caching/requireAuthorizationForCacheControl").value("false").build()));
    module.dataPlane().awaitCurrent();
    String first = get(a[0], "/prod/count?q=a").body();
    assertThat(get(a[0], "/prod/count?q=a").body()).isEqualTo(first);
    assertThat(get(a[0], "/prod/count?q=b").body()).isNotEqualTo(first); // another cache key
    String refreshed = get(a[0], "/prod/count?q=a", Map.of("Cache-Control", "max-age=0")).body();
    assertThat(refreshed).isNotEqualTo(first);
    assertThat(get(a[0], "/prod/count?q=a").body()).isEqualTo(refreshed);
    TIME.advance(Duration.ofSeconds(301));
    String expired = get(a[0], "/prod/count?q=a").body();
    assertThat(expired).isNotEqualTo(refreshed);
    apigw.flushStageCache(x -> x.restApiId(a[0]).stageName("prod"));
    assertThat(get(a[0], "/prod/count?q=a").body()).isNotEqualTo(expired);
  }

  @Test
  void resourcePolicy_ipConditions_andPrivateApiWithoutPolicy_are403() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"},"
        + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:*/*/GET/admin\","
        + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\"]}}}]}";
    var created = apigw.createRestApi(x -> x.name("policy").policy(policy).endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    mock(created.id(), resource(created.id(), created.rootResourceId(), "admin"), "GET", "200", "{}");
    mock(created.id(), resource(created.id(), created.rootResourceId(), "open"), "GET", "200", "{}");
    deploy(created.id(), "prod");
    assertThat(get(created.id(), "/prod/open").status()).isEqualTo(200);
    var denied = get(created.id(), "/prod/admin");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(json(denied).get("message").asString()).startsWith("User: anonymous is not authorized to perform: execute-api:Invoke")
        .endsWith("with an explicit deny");

    var priv = apigw.createRestApi(x -> x.name("private").endpointConfiguration(e -> e.types(EndpointType.PRIVATE)));
    mock(priv.id(), resource(priv.id(), priv.rootResourceId(), "x"), "GET", "200", "{}");
    deploy(priv.id(), "prod");
    assertThat(get(priv.id(), "/prod/x").status()).isEqualTo(403);
  }

  @Test
  void accessLog_writesTheStageFormatPerRequest() throws Exception {
    String[] a = api("logged");
    mock(a[0], resource(a[0], a[1], "l"), "GET", "200", "{}");
    deploy(a[0], "prod");
    String group = "arn:aws:logs:us-east-1:000000000000:log-group:/apigw/" + a[0];
    apigw.updateStage(x -> x.restApiId(a[0]).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/accessLogSettings/destinationArn").value(group).build(),
        PatchOperation.builder().op(Op.REPLACE).path("/accessLogSettings/format")
            .value("$context.httpMethod $context.resourcePath $context.status $context.identity.sourceIp $context.stage").build()));
    assertThat(apigw.getStage(x -> x.restApiId(a[0]).stageName("prod")).accessLogSettings().destinationArn()).isEqualTo(group);
    module.dataPlane().awaitCurrent();
    get(a[0], "/prod/l");
    get(a[0], "/prod/nowhere");
    var lines = java.nio.file.Files.readAllLines(module.dataPlane().accessLogFile(group));
    assertThat(lines).containsExactly("GET /l 200 127.0.0.1 prod", "GET - 403 127.0.0.1 prod");
  }
}
