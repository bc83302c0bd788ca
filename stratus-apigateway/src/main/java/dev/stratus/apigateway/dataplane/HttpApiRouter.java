package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.RouteSelection;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.proxy.ForwardedHeaders;
import dev.stratus.net.proxy.ProxyOutcome;
import dev.stratus.net.proxy.XffMode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HTTP API's router (apigateway.md A): the stage (a named first segment, else {@code $default};
 * none → 404), CORS preflight answered here, the route by AWS's precedence (none → 404
 * {@code {"message":"Not Found"}}), route/stage/account throttling (429), the JWT authorizer
 * (401 with {@code www-authenticate}, 403 for a missing scope), then HTTP_PROXY or Lambda
 * (payload 1.0 or 2.0); CORS headers on the way out replace the backend's.
 */
final class HttpApiRouter implements HttpService {
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([A-Za-z0-9._-]+)\\+?}");
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

  private final RestShared shared;
  private final JwtAuthorizers jwt;
  private final HttpLambdaAuthorizers lambdaAuthorizers;
  private final String apiId;

  HttpApiRouter(RestShared shared, JwtAuthorizers jwt, String apiId) {
    this.shared = shared;
    this.jwt = jwt;
    this.lambdaAuthorizers = new HttpLambdaAuthorizers(shared);
    this.apiId = apiId;
  }

  static FullHttpResponse message(int status, String message) {
    return RestRouter.json(status, "{\"message\":\"" + message + "\"}");
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    Instant now = shared.clock.instant();
    String requestId = RestRouter.requestId();
    FullHttpRequest request = ex.request();
    ApiSnapshot.HttpApiView view = shared.snapshot().httpApis().get(apiId);
    if (view == null) return RestRouter.done(message(404, "Not Found"));
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String raw = uri.rawPath();
    int slash = raw.indexOf('/', 1);
    String first = raw.length() <= 1 ? "" : raw.substring(1, slash < 0 ? raw.length() : slash);
    ApiSnapshot.HttpStageView stage = first.equals("$default") ? null : view.stages().get(first);
    String path;
    if (stage != null) {
      path = slash < 0 ? "/" : raw.substring(slash);
    } else {
      stage = view.stages().get("$default");
      path = raw.isEmpty() ? "/" : raw;
    }
    if (stage == null) return RestRouter.done(message(404, "Not Found"));
    Api api = stage.served();
    String origin = request.headers().get("Origin");

    if (api.cors() != null && request.method().equals(HttpMethod.OPTIONS) && origin != null
        && request.headers().contains("Access-Control-Request-Method")) {
      return RestRouter.done(Cors.preflight(api.cors(), origin, request));
    }

    var selected = stage.routes().select(request.method().name(), path);
    if (selected.isEmpty()) return RestRouter.done(Cors.apply(api.cors(), origin, message(404, "Not Found")));
    RouteSelection.Selected s = selected.get();

    UsagePlan.Throttle t = stage.stage().routeSettings().get(s.route().routeKey());
    if (t == null) t = stage.stage().defaultRouteThrottle();
    if ((t != null && !shared.meters.take("http:" + apiId + "/" + stage.stage().stageName() + "/" + s.route().routeKey(),
        t.rateLimit(), t.burstLimit(), now))
        || !shared.meters.takeAccount(api.accountId(), api.region(), now)) {
      return RestRouter.done(Cors.apply(api.cors(), origin, message(429, "Too Many Requests")));
    }

    Call call = new Call(ex, api, stage, s, path, requestId, now);
    if ("JWT".equals(s.route().authorizationType())) {
      Api.Authorizer a = api.authorizers().get(s.route().authorizerId());
      String token = a == null ? null : identity(a, request);
      if (a == null || token == null) return RestRouter.done(Cors.apply(api.cors(), origin, unauthorized("")));
      request.retain(); // verification completes on another thread; the integration still reads the request
      return jwt.verify(a, token, s.route().authorizationScopes(), now).thenCompose(v -> {
        try {
          return switch (v) {
            case JwtAuthorizers.Verdict.Allowed ok -> {
              call.claims = ok.claims();
              call.scopes = ok.scopes();
              yield integrate(call);
            }
            case JwtAuthorizers.Verdict.Unauthorized u -> RestRouter.done(unauthorized(u.description()));
            case JwtAuthorizers.Verdict.Forbidden f -> RestRouter.done(message(403, "Forbidden"));
          };
        } finally {
          request.release();
        }
      }).thenApply(r -> Cors.apply(api.cors(), origin, r));
    }
    if ("CUSTOM".equals(s.route().authorizationType())) {
      Api.Authorizer a = api.authorizers().get(s.route().authorizerId());
      if (a == null) return RestRouter.done(Cors.apply(api.cors(), origin, message(500, "Internal Server Error")));
      String stageName = stage.stage().stageName();
      byte[] event = HttpLambda.event(new HttpLambda.Request(request, apiId, api.accountId(), stageName, s.route().routeKey(),
          path, s.pathParameters(), stage.stage().stageVariables(), ex.remote().getAddress().getHostAddress(), requestId, now,
          null, List.of()));
      request.retain(); // the function answers on another thread; the integration still reads the request
      return lambdaAuthorizers.authorize(api, a, stageName, s.route().routeKey(), request, stage.stage().stageVariables(), event, now)
          .thenCompose(v -> {
            try {
              if (v.status() == 401) return RestRouter.done(message(401, "Unauthorized"));
              if (v.status() == 403) return RestRouter.done(message(403, "Forbidden"));
              if (v.status() != 0) return RestRouter.done(message(500, "Internal Server Error"));
              call.lambdaContext = v.context();
              return integrate(call);
            } finally {
              request.release();
            }
          }).thenApply(r -> Cors.apply(api.cors(), origin, r));
    }
    return integrate(call).thenApply(r -> Cors.apply(api.cors(), origin, r));
  }

  /** The token from the authorizer's identity source, e.g. {@code $request.header.Authorization}. */
  private static String identity(Api.Authorizer a, FullHttpRequest request) {
    String source = a.identitySource().isEmpty() ? "$request.header.Authorization" : a.identitySource().getFirst();
    if (source.startsWith("$request.header.")) return request.headers().get(source.substring("$request.header.".length()));
    if (source.startsWith("$request.querystring.")) {
      List<String> v = new QueryStringDecoder(request.uri()).parameters().get(source.substring("$request.querystring.".length()));
      return v == null || v.isEmpty() ? null : v.getFirst();
    }
    return null;
  }

  private static FullHttpResponse unauthorized(String description) {
    FullHttpResponse r = message(401, "Unauthorized");
    r.headers().set("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"");
    return r;
  }

  private static final class Call {
    final HttpExchange ex;
    final Api api;
    final ApiSnapshot.HttpStageView stage;
    final RouteSelection.Selected selected;
    final String path;
    final String requestId;
    final Instant received;
    Map<String, Object> claims;
    List<String> scopes = List.of();
    /** What a Lambda authorizer returned as {@code context} (reaches the integration as {@code authorizer.lambda}). */
    Map<String, Object> lambdaContext;

    Call(HttpExchange ex, Api api, ApiSnapshot.HttpStageView stage, RouteSelection.Selected selected, String path,
        String requestId, Instant received) {
      this.ex = ex;
      this.api = api;
      this.stage = stage;
      this.selected = selected;
      this.path = path;
      this.requestId = requestId;
      this.received = received;
    }
  }

  private CompletionStage<FullHttpResponse> integrate(Call call) {
    Api.Integration i = call.api.integrations().get(call.selected.route().integrationId());
    if (i == null) return RestRouter.done(message(500, "Internal Server Error"));
    CompletionStage<FullHttpResponse> out = "AWS_PROXY".equals(i.integrationType()) ? lambda(call, i) : http(call, i);
    return out.thenApply(r -> {
      r.headers().set("apigw-requestid", call.requestId.substring(0, 8) + "=");
      return r;
    });
  }

  /** Integration URIs without stage variables, parsed once (URI.create cost a microsecond a request). */
  private final java.util.concurrent.ConcurrentHashMap<String, URI> parsed = new java.util.concurrent.ConcurrentHashMap<>();

  /** The integration URI with the stage's variables put in; null when it is not a URI. */
  private URI target(String integrationUri, Map<String, String> stageVariables) {
    boolean fixed = !integrationUri.contains("${");
    URI known = fixed ? parsed.get(integrationUri) : null;
    if (known != null) return known;
    String uri = integrationUri;
    if (!fixed) {
      Matcher sv = STAGE_VARIABLE.matcher(integrationUri);
      StringBuilder b = new StringBuilder();
      while (sv.find()) sv.appendReplacement(b, Matcher.quoteReplacement(stageVariables.getOrDefault(sv.group(1), "")));
      sv.appendTail(b);
      uri = b.toString();
    }
    URI target;
    try {
      target = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (fixed) {
      if (parsed.size() > 256) parsed.clear(); // integrations come and go: keep it small
      parsed.put(integrationUri, target);
    }
    return target;
  }

  private CompletionStage<FullHttpResponse> http(Call call, Api.Integration i) {
    URI target = target(i.integrationUri(), call.stage.stage().stageVariables());
    if (target == null) return RestRouter.done(message(500, "Internal Server Error"));
    InetSocketAddress via = null;
    if ("VPC_LINK".equals(i.connectionType())) {
      // A private integration: the listener ARN names where to go; the request keeps its own path and Host.
      var found = shared.vpcLinks.resolveListener(call.api.accountId() + "/" + call.api.region(), i.connectionId(),
          i.integrationUri());
      if (found.isEmpty()) return RestRouter.done(message(500, "Internal Server Error"));
      via = found.get();
      target = URI.create("http://" + via.getHostString() + ":" + via.getPort() + "/");
    }
    if (!"http".equals(target.getScheme()) || target.getHost() == null) return RestRouter.done(message(500, "Internal Server Error"));
    String targetPath = target.getRawPath();
    if (targetPath == null || targetPath.isEmpty() || targetPath.equals("/")) {
      targetPath = call.path; // a URL without a path receives the request's path
    } else {
      Matcher pv = PATH_VARIABLE.matcher(targetPath);
      StringBuilder p = new StringBuilder();
      while (pv.find()) pv.appendReplacement(p, Matcher.quoteReplacement(call.selected.pathParameters().getOrDefault(pv.group(1), "")));
      pv.appendTail(p);
      targetPath = p.toString();
    }
    String query = new QueryStringDecoder(call.ex.request().uri()).rawQuery();
    FullHttpRequest in = call.ex.request();
    HttpMethod m = "ANY".equals(i.integrationMethod()) ? in.method() : HttpMethod.valueOf(i.integrationMethod());
    FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, m, targetPath + (query.isEmpty() ? "" : "?" + query),
        in.content().retainedDuplicate());
    out.headers().set(in.headers());
    int port = target.getPort() < 0 ? 80 : target.getPort();
    if (via == null) out.headers().set("Host", port == 80 ? target.getHost() : target.getHost() + ":" + port);
    ForwardedHeaders.apply(out.headers(), call.ex.remote(), call.ex.tls(), call.ex.local().getPort(), XffMode.APPEND);
    return shared.proxy(i.timeoutInMillis()).forward(out, call.ex.eventLoop(), via != null ? via : new InetSocketAddress(target.getHost(), port))
        .thenApply(o -> switch (o) {
          case ProxyOutcome.Response r -> r.response();
          case ProxyOutcome.TimedOut t -> message(503, "Service Unavailable"); // HTTP APIs answer a timeout 503 (observed: cortexlabs/cortex#1225, serverless#11222), REST 504
          case ProxyOutcome.ConnectFailed f -> message(503, "Service Unavailable");
          case ProxyOutcome.Reset r -> message(502, "Bad Gateway");
          case ProxyOutcome.MalformedResponse r -> message(502, "Bad Gateway");
        });
  }

  private CompletionStage<FullHttpResponse> lambda(Call call, Api.Integration i) {
    var invoker = shared.invoker.get();
    var function = LambdaProxy.functionArn(i.integrationUri()).or(() -> java.util.Optional.of(i.integrationUri()));
    if (invoker.isEmpty()) return RestRouter.done(message(500, "Internal Server Error"));
    String stageName = call.stage.stage().stageName();
    String routeKey = call.selected.route().routeKey();
    String sourceArn = "arn:aws:execute-api:" + call.api.region() + ":" + call.api.accountId() + ":" + apiId + "/" + stageName
        + "/" + (routeKey.equals("$default") ? "$default" : routeKey.replaceFirst(" ", ""));
    byte[] event;
    String sourceIp = call.ex.remote().getAddress().getHostAddress();
    if ("1.0".equals(i.payloadFormatVersion())) {
      Map<String, Object> rc = new java.util.LinkedHashMap<>();
      rc.put("accountId", call.api.accountId());
      rc.put("apiId", apiId);
      rc.put("stage", stageName);
      rc.put("requestId", call.requestId);
      rc.put("resourcePath", routeKey);
      rc.put("httpMethod", call.ex.request().method().name());
      rc.put("path", new QueryStringDecoder(call.ex.request().uri()).rawPath());
      rc.put("identity", Map.of("sourceIp", sourceIp));
      if (call.claims != null) rc.put("authorizer", Map.of("claims", call.claims, "scopes", call.scopes));
      event = LambdaProxy.event(new LambdaProxy.Request(call.ex.request(), routeKey, stageName,
          call.selected.pathParameters(), call.stage.stage().stageVariables(), rc, false));
    } else {
      event = HttpLambda.event(new HttpLambda.Request(call.ex.request(), apiId, call.api.accountId(), stageName, routeKey,
          call.path, call.selected.pathParameters(), call.stage.stage().stageVariables(), sourceIp, call.requestId,
          call.received, call.claims, call.scopes));
      if (call.lambdaContext != null) {
        ObjectNode e = (ObjectNode) Vtl.JSON.readTree(event);
        ((ObjectNode) e.get("requestContext")).putObject("authorizer").set("lambda", Vtl.JSON.valueToTree(call.lambdaContext));
        event = Vtl.JSON.writeValueAsBytes(e);
      }
    }
    CompletableFuture<InvocationOutcome> outcome;
    try {
      outcome = invoker.get().invoke(new ServiceInvocation(function.get(), event, "apigateway.amazonaws.com", sourceArn,
          Duration.ofMillis(i.timeoutInMillis())));
    } catch (RuntimeException e) {
      return RestRouter.done(message(500, "Internal Server Error"));
    }
    boolean v1 = "1.0".equals(i.payloadFormatVersion());
    return outcome.orTimeout(i.timeoutInMillis() + 1000L, java.util.concurrent.TimeUnit.MILLISECONDS).handle((o, failure) -> {
      if (failure != null) return message(503, "Service Unavailable");
      return switch (o) {
        case InvocationOutcome.Returned r when r.functionError() != null -> message(500, "Internal Server Error");
        case InvocationOutcome.Returned r -> (v1 ? LambdaProxy.response(r.payload()) : HttpLambda.response(r.payload()))
            .orElseGet(() -> message(500, "Internal Server Error"));
        case InvocationOutcome.TimedOut t -> message(503, "Service Unavailable");
        case InvocationOutcome.PermissionDenied d -> message(500, "Internal Server Error");
        case InvocationOutcome.NotFound n -> message(500, "Internal Server Error");
        case InvocationOutcome.ServiceError e -> message(500, "Internal Server Error");
      };
    });
  }

  /** CORS answered by API Gateway itself (apigateway.md §10). */
  static final class Cors {
    private Cors() {}

    static boolean allowed(Api.Cors c, String origin) {
      return origin != null && (c.allowOrigins().contains("*") || c.allowOrigins().contains(origin));
    }

    static FullHttpResponse preflight(Api.Cors c, String origin, FullHttpRequest request) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
      if (!allowed(c, origin)) return r;
      String method = request.headers().get("Access-Control-Request-Method", "").toUpperCase(Locale.ROOT);
      if (!c.allowMethods().isEmpty() && !c.allowMethods().contains("*") && !c.allowMethods().contains(method)) return r;
      r.headers().set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") && !c.allowCredentials() ? "*" : origin);
      r.headers().set("Access-Control-Allow-Methods", c.allowMethods().contains("*") || c.allowMethods().isEmpty()
          ? method : String.join(",", c.allowMethods()));
      String asked = request.headers().get("Access-Control-Request-Headers");
      if (!c.allowHeaders().isEmpty()) {
        r.headers().set("Access-Control-Allow-Headers", c.allowHeaders().contains("*") && asked != null ? asked
            : String.join(",", c.allowHeaders()));
      }
      if (c.allowCredentials()) r.headers().set("Access-Control-Allow-Credentials", "true");
      if (c.maxAge() != null && c.maxAge() >= 0) r.headers().set("Access-Control-Max-Age", String.valueOf(c.maxAge()));
      r.headers().set("Vary", "Origin");
      return r;
    }

    /** The backend's CORS headers are ignored; API Gateway's are set when the origin is allowed. */
    static FullHttpResponse apply(Api.Cors c, String origin, FullHttpResponse r) {
      if (c == null) return r;
      for (String h : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers",
          "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age")) {
        r.headers().remove(h);
      }
      if (!allowed(c, origin)) return r;
      r.headers().set("Access-Control-Allow-Origin", c.allowOrigins().contains("*") && !c.allowCredentials() ? "*" : origin);
      if (c.allowCredentials()) r.headers().set("Access-Control-Allow-Credentials", "true");
      if (!c.exposeHeaders().isEmpty()) r.headers().set("Access-Control-Expose-Headers", String.join(",", c.exposeHeaders()));
      r.headers().add("Vary", "Origin");
      return r;
    }
  }
}
