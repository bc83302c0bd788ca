package dev.stratus.apigateway.dataplane;


import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.ResourceMatch;
import dev.stratus.apigateway.model.ResourcePolicy;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpRequestView;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One REST API's router (the {@link HttpService} behind its listener and its virtual host): the
 * stage from the first path segment, then in AWS's order the WAF slot of the stage ARN, the
 * resource and method (403 Missing Authentication Token), authorization, the API key (403
 * Forbidden), throttling (usage plan, then stage/method, then account: 429 Too Many Requests) and
 * the quota (429 Limit Exceeded), request validation (400), and the integration ({@link
 * RestIntegrations}).
 */
final class RestRouter implements HttpService {

  private final RestShared shared;
  private final String apiId;
  private final RestIntegrations integrations;
  private final RestAuthorizers authorizers;

  RestRouter(RestShared shared, String apiId) {
    this.shared = shared;
    this.apiId = apiId;
    this.integrations = new RestIntegrations(shared);
    this.authorizers = new RestAuthorizers(shared);
  }

  /** One request's facts as the pipeline learns them ({@code $context} is built from these). */
  static final class Call {
    final HttpExchange ex;
    final String requestId = requestId();
    final Instant received;
    ApiSnapshot.ApiView api;
    ApiSnapshot.StageView stage;
    RestApi deployed;
    ResourceMatch.Found found;
    String path;
    ApiKey key;
    /** The API key an AUTHORIZER key source returns ({@code usageIdentifierKey}). */
    String usageIdentifierKey;
    final Map<String, Object> context = new LinkedHashMap<>();

    Call(HttpExchange ex, Instant received) {
      this.ex = ex;
      this.received = received;
    }

    Map<String, String> stageVariables() { return stage == null ? Map.of() : stage.stage().variables(); }

    FullHttpResponse error(GatewayResponseType type, String message) {
      FullHttpResponse r = GatewayResponses.of(deployed, type, message, context, stageVariables());
      r.headers().set("x-amzn-RequestId", requestId);
      return r;
    }
  }

  /**
   * A random (version 4) request id without {@link UUID#randomUUID}'s SecureRandom, which cost
   * more than routing the request (profiled under wrk); request ids need not be unguessable.
   */
  static String requestId() {
    var r = java.util.concurrent.ThreadLocalRandom.current();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L)
        .toString();
  }

  private static final java.time.format.DateTimeFormatter REQUEST_TIME =
      java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  /** The last second formatted as {@code $context.requestTime} (formatting per request showed in profiles). */
  private static volatile Object[] lastRequestTime = {Long.MIN_VALUE, ""};

  static String requestTime(Instant at) {
    Object[] last = lastRequestTime;
    long second = at.getEpochSecond();
    if ((long) last[0] == second) return (String) last[1];
    String formatted = REQUEST_TIME.format(at.atZone(java.time.ZoneOffset.UTC));
    lastRequestTime = new Object[] {second, formatted};
    return formatted;
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    Call call = new Call(ex, shared.clock.instant());
    long started = System.nanoTime();
    return serve(ex, call).thenApply(r -> {
      if (call.stage != null && call.stage.stage().accessLogSettings() != null) {
        call.context.put("status", r.status().code());
        call.context.put("responseLength", r.content().readableBytes());
        call.context.put("responseLatency", (System.nanoTime() - started) / 1_000_000);
        call.context.putIfAbsent("resourcePath", "-");
        shared.accessLogs.write(call.stage.stage().accessLogSettings(), call.context);
      }
      return r;
    });
  }

  private CompletionStage<FullHttpResponse> serve(HttpExchange ex, Call call) {
    FullHttpRequest request = ex.request();
    call.api = shared.snapshot().apis().get(apiId);
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String raw = uri.rawPath();
    int slash = raw.indexOf('/', 1);
    String stageName = raw.length() <= 1 ? "" : raw.substring(1, slash < 0 ? raw.length() : slash);
    call.stage = call.api == null ? null : call.api.stages().get(stageName);
    if (call.stage == null) {
      return done(forbiddenStage(call, stageName));
    }
    call.deployed = call.stage.deployed();
    call.path = slash < 0 ? "/" : raw.substring(slash);
    fillContext(call, stageName);

    var waf = shared.filters.find(call.deployed.stageArn(stageName), FilterSlot.WAF);
    if (waf.isPresent()) {
      FilterVerdict verdict = waf.get().filter(view(ex));
      if (verdict instanceof FilterVerdict.Respond r) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach(out.headers()::set);
        if (r.body().length == 0 && r.status() == 403) return done(call.error(GatewayResponseType.WAF_FILTERED, "Forbidden"));
        return done(out);
      }
      if (verdict instanceof FilterVerdict.Continue c) c.addedHeaders().forEach(request.headers()::set);
    }

    var found = call.stage.match().find(request.method().name(), call.path);
    if (found.isEmpty()) return done(call.error(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
    call.found = found.get();
    call.context.put("resourcePath", call.found.resource().path());
    call.context.put("resourceId", call.found.resource().id());
    RestApi.Method method = call.found.method();

    ResourcePolicy policy = call.stage.policy();
    boolean isPrivate = call.deployed.endpointTypes().contains("PRIVATE");
    String sourceVpce = PrivateEndpoints.sourceVpce(request);
    // A private API answers only through an interface VPC endpoint (PrivateEndpoints).
    if (isPrivate && sourceVpce == null) return done(call.error(GatewayResponseType.ACCESS_DENIED, "Forbidden"));
    if (policy != null || isPrivate) {
      RestApi api = call.api.api();
      String methodArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.id() + "/" + stageName + "/"
          + request.method().name() + call.path;
      var decision = policy == null ? ResourcePolicy.Decision.NO_ALLOW
          : policy.evaluate(methodArn, ex.remote().getAddress().getHostAddress(), sourceVpce);
      if (decision != ResourcePolicy.Decision.ALLOW) {
        return done(call.error(GatewayResponseType.ACCESS_DENIED, "User: anonymous is not authorized to perform: execute-api:Invoke on"
            + " resource: " + methodArn + (decision == ResourcePolicy.Decision.EXPLICIT_DENY ? " with an explicit deny" : "")));
      }
    }
    if ("AWS_IAM".equals(method.authorizationType()) && request.headers().get("Authorization") == null) {
      return done(call.error(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
    }
    if ("COGNITO_USER_POOLS".equals(method.authorizationType())) {
      // Cognito authorizers are stored but not run (no Cognito here): fail closed, as a misconfigured authorizer does.
      return done(call.error(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, "Internal server error"));
    }
    if ("CUSTOM".equals(method.authorizationType())) {
      RestApi.Authorizer a = call.deployed.authorizers().get(method.authorizerId());
      if (a == null) return done(call.error(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, "Internal server error"));
      return authorizers.authorize(call, a, stageName)
          .thenCompose(refused -> refused != null ? done(refused) : afterAuthorization(call, stageName, method));
    }
    return afterAuthorization(call, stageName, method);
  }

  /** API key, throttling and quota, validation, then the integration. */
  private CompletionStage<FullHttpResponse> afterAuthorization(Call call, String stageName, RestApi.Method method) {
    FullHttpRequest request = call.ex.request();
    UsagePlan plan = null;
    if (method.apiKeyRequired()) {
      String value = "HEADER".equals(call.deployed.apiKeySource()) ? request.headers().get("x-api-key") : call.usageIdentifierKey;
      ApiKey key = value == null ? null : call.api.keysByValue().get(value);
      plan = key == null || !key.enabled() ? null : planOf(call.api, key, stageName);
      if (plan == null) return done(call.error(GatewayResponseType.INVALID_API_KEY, "Forbidden"));
      call.key = key;
      @SuppressWarnings("unchecked")
      var identity = (Map<String, Object>) call.context.get("identity");
      identity.put("apiKey", key.value());
      identity.put("apiKeyId", key.id());
    }

    FullHttpResponse throttled = throttle(call, plan, stageName, method);
    if (throttled != null) return done(throttled);

    FullHttpResponse invalid = RequestValidation.check(shared, call, method);
    if (invalid != null) return done(invalid);

    Stage.MethodSetting setting = methodSetting(call, method);
    String cacheKey = null;
    if (call.stage.stage().cacheClusterEnabled() && setting != null && setting.cachingEnabled() && setting.cacheTtlInSeconds() > 0
        && request.method().name().equals("GET")) {
      cacheKey = cacheKey(call, method);
      boolean refresh = request.headers().contains("Cache-Control", "max-age=0", true);
      if (refresh && setting.requireAuthorizationForCacheControl()
          && "FAIL_WITH_403".equals(setting.unauthorizedCacheControlHeaderStrategy())) {
        return done(call.error(GatewayResponseType.ACCESS_DENIED,
            "User is not authorized to access this resource"));
      }
      // Without IAM here no caller holds execute-api:InvalidateCache: when it is required, the header is ignored.
      boolean bypass = refresh && !setting.requireAuthorizationForCacheControl();
      if (!bypass) {
        var hit = shared.cache.get(apiId + "/" + stageName, cacheKey, call.received);
        if (hit.isPresent()) {
          hit.get().headers().set("x-amzn-RequestId", call.requestId);
          return done(hit.get());
        }
      }
    }
    String storeKey = cacheKey;
    return integrations.call(call, stageName).thenApply(r -> {
      if (storeKey != null) {
        shared.cache.put(apiId + "/" + stageName, storeKey, r, call.received.plusSeconds(setting.cacheTtlInSeconds()));
      }
      r.headers().set("x-amzn-RequestId", call.requestId);
      r.headers().set("x-amz-apigw-id", call.requestId.substring(0, 8) + "=");
      return r;
    });
  }

  /** The stage's settings for this method: its own entry, else {@code *}{@code /*}. */
  private static Stage.MethodSetting methodSetting(Call call, RestApi.Method method) {
    Map<String, Stage.MethodSetting> settings = call.stage.stage().methodSettings();
    Stage.MethodSetting s = settings.get(call.found.resource().path().replace("/", "~1") + "/" + method.httpMethod());
    return s != null ? s : settings.get("*/*");
  }

  /** Method, path and the values of the integration's cache-key parameters (apigateway.md §17). */
  private static String cacheKey(Call call, RestApi.Method method) {
    StringBuilder key = new StringBuilder(method.httpMethod()).append(' ').append(call.path);
    QueryStringDecoder q = new QueryStringDecoder(call.ex.request().uri());
    for (String p : method.integration().cacheKeyParameters()) {
      String[] parts = p.split("\\.", 4);
      if (parts.length != 4) continue;
      String value = switch (parts[2]) {
        case "querystring" -> q.parameters().containsKey(parts[3]) ? String.join(",", q.parameters().get(parts[3])) : "";
        case "header" -> call.ex.request().headers().get(parts[3], "");
        case "path" -> call.found.pathParameters().getOrDefault(parts[3], "");
        default -> "";
      };
      key.append('|').append(p).append('=').append(value);
    }
    return key.toString();
  }

  /** An unknown stage: AWS answers 403 {"message":"Forbidden"} (observed), with the API's default responses. */
  private static FullHttpResponse forbiddenStage(Call call, String stageName) {
    FullHttpResponse r = GatewayResponses.of(null, GatewayResponseType.MISSING_AUTHENTICATION_TOKEN,
        stageName.isEmpty() ? "Missing Authentication Token" : "Forbidden", Map.of(), Map.of());
    if (!stageName.isEmpty()) r.headers().set("x-amzn-ErrorType", "ForbiddenException");
    r.headers().set("x-amzn-RequestId", call.requestId);
    return r;
  }

  /** The plan of {@code key} that covers this API's stage (a key reaches one stage through at most one plan). */
  private UsagePlan planOf(ApiSnapshot.ApiView api, ApiKey key, String stage) {
    for (UsagePlan p : api.plans()) {
      if (!p.keyIds().contains(key.id())) continue;
      for (UsagePlan.ApiStage s : p.apiStages()) if (s.apiId().equals(apiId) && s.stage().equals(stage)) return p;
    }
    return null;
  }

  /** AWS's order: the usage plan (per-method, else plan-wide) and its quota, the stage's method settings, the account. */
  private FullHttpResponse throttle(Call call, UsagePlan plan, String stageName, RestApi.Method method) {
    Instant now = call.received;
    String resourcePath = call.found.resource().path();
    String methodKey = resourcePath + "/" + method.httpMethod();
    if (plan != null) {
      UsagePlan.Throttle t = null;
      String scope = "plan:" + plan.id() + ":" + call.key.id();
      for (UsagePlan.ApiStage s : plan.apiStages()) {
        if (s.apiId().equals(apiId) && s.stage().equals(stageName) && s.throttle().containsKey(methodKey)) {
          t = s.throttle().get(methodKey);
          scope = scope + ":" + methodKey;
        }
      }
      if (t == null) t = plan.throttle();
      if (t != null && !shared.meters.take(scope, t.rateLimit(), t.burstLimit(), now)) {
        return call.error(GatewayResponseType.THROTTLED, "Too Many Requests");
      }
      if (plan.quota() != null && !shared.meters.count("quota:" + plan.id() + ":" + call.key.id(), plan.quota(), now)) {
        return call.error(GatewayResponseType.QUOTA_EXCEEDED, "Limit Exceeded");
      }
      shared.meters.record(plan.id(), call.key.id(), now);
    }
    Map<String, Stage.MethodSetting> settings = call.stage.stage().methodSettings();
    String settingKey = resourcePath.replace("/", "~1") + "/" + method.httpMethod();
    Stage.MethodSetting s = settings.get(settingKey);
    String stageScope = "stage:" + apiId + "/" + stageName + "/" + settingKey;
    if (s == null) {
      s = settings.get("*/*");
      stageScope = "stage:" + apiId + "/" + stageName + "/*/*:" + settingKey;
    }
    if (s != null && s.throttlingRateLimit() >= 0 && !shared.meters.take(stageScope, s.throttlingRateLimit(),
        s.throttlingBurstLimit(), now)) {
      return call.error(GatewayResponseType.THROTTLED, "Too Many Requests");
    }
    if (!shared.meters.takeAccount(call.api.api().accountId(), call.api.api().region(), now)) {
      return call.error(GatewayResponseType.THROTTLED, "Too Many Requests");
    }
    return null;
  }

  private void fillContext(Call call, String stageName) {
    RestApi api = call.api.api();
    FullHttpRequest r = call.ex.request();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", call.ex.remote().getAddress().getHostAddress());
    identity.put("userAgent", r.headers().get("User-Agent"));
    identity.put("apiKey", null);
    identity.put("apiKeyId", null);
    identity.put("accountId", null);
    identity.put("caller", null);
    identity.put("user", null);
    identity.put("userArn", null);
    identity.put("accessKey", null);
    identity.put("cognitoIdentityId", null);
    identity.put("cognitoIdentityPoolId", null);
    identity.put("cognitoAuthenticationProvider", null);
    identity.put("cognitoAuthenticationType", null);
    Map<String, Object> c = call.context;
    c.put("accountId", api.accountId());
    c.put("apiId", api.id());
    c.put("domainName", r.headers().get("Host"));
    c.put("domainPrefix", api.id());
    c.put("extendedRequestId", call.requestId.substring(0, 8) + "=");
    c.put("httpMethod", r.method().name());
    c.put("identity", identity);
    c.put("path", new QueryStringDecoder(r.uri()).rawPath());
    c.put("protocol", r.protocolVersion().text());
    c.put("requestId", call.requestId);
    c.put("requestTime", requestTime(call.received));
    c.put("requestTimeEpoch", call.received.toEpochMilli());
    c.put("stage", stageName);
  }

  static HttpRequestView view(HttpExchange ex) { return dev.stratus.net.http.FilterChain.view(ex); }

  static CompletionStage<FullHttpResponse> done(FullHttpResponse r) { return CompletableFuture.completedFuture(r); }

  static FullHttpResponse json(int status, String body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("Content-Type", "application/json");
    return r;
  }
}
