package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integrations of REST API methods: MOCK (request template → status, integration response),
 * HTTP and HTTP_PROXY through the shared {@link dev.stratus.net.proxy.ReverseProxy} with the
 * integration's timeout (29 s at most → 504 "Endpoint request timed out", apigateway.md §19), and
 * AWS_PROXY to Lambda through core's FunctionInvoker (absent, refused or failing → 500/502 as AWS).
 */
final class RestIntegrations {
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_.:/?#&=,-]+)}");
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([A-Za-z0-9._-]+)\\+?}");

  private final RestShared shared;

  RestIntegrations(RestShared shared) { this.shared = shared; }

  CompletionStage<FullHttpResponse> call(RestRouter.Call call, String stageName) {
    RestApi.Integration i = call.found.method().integration();
    return switch (i.type()) {
      case "MOCK" -> RestRouter.done(mock(call, i));
      case "HTTP_PROXY", "HTTP" -> http(call, i);
      case "AWS_PROXY" -> lambda(call, i, stageName);
      default -> RestRouter.done(internalError(call));
    };
  }

  private static FullHttpResponse internalError(RestRouter.Call call) {
    return call.error(GatewayResponseType.API_CONFIGURATION_ERROR, "Internal server error");
  }

  private static Vtl.Input input(RestRouter.Call call, String body) {
    FullHttpRequest r = call.ex.request();
    Map<String, String> query = new LinkedHashMap<>();
    new QueryStringDecoder(r.uri()).parameters().forEach((k, v) -> query.put(k, v.getFirst()));
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    return new Vtl.Input(body, Map.of("path", call.found.pathParameters(), "querystring", query, "header", headers));
  }

  private static String requestTemplate(RestRouter.Call call, RestApi.Integration i) {
    String type = call.ex.request().headers().get("Content-Type", "application/json").split(";")[0].trim();
    String t = i.requestTemplates().get(type);
    if (t == null && i.requestTemplates().size() == 1 && !"NEVER".equals(i.passthroughBehavior())) return null;
    return t;
  }

  /** MOCK: the request template's {@code statusCode} picks the integration response (apigateway.md §15). */
  private FullHttpResponse mock(RestRouter.Call call, RestApi.Integration i) {
    String body = call.ex.request().content().toString(StandardCharsets.UTF_8);
    String template = requestTemplate(call, i);
    int status = 200;
    if (template != null) {
      String rendered = Vtl.render(template, input(call, body), call.context, call.stageVariables());
      try {
        var n = Vtl.JSON.readTree(rendered);
        if (n != null && n.has("statusCode")) status = n.get("statusCode").asInt(200);
      } catch (RuntimeException e) {
        return internalError(call);
      }
    }
    return mapped(call, i, String.valueOf(status), "", Map.of());
  }

  /**
   * The integration response whose selection pattern matches {@code selector} (the backend's
   * status code), else the default one (no pattern); its template renders the body.
   */
  private static FullHttpResponse mapped(RestRouter.Call call, RestApi.Integration i, String selector, String backendBody,
      Map<String, String> backendHeaders) {
    RestApi.IntegrationResponse chosen = null, fallback = null;
    for (RestApi.IntegrationResponse r : i.integrationResponses().values()) {
      if (r.selectionPattern() == null || r.selectionPattern().isEmpty()) {
        if (fallback == null) fallback = r;
      } else if (chosen == null && Pattern.compile(r.selectionPattern(), Pattern.DOTALL).matcher(selector).matches()) {
        chosen = r;
      }
    }
    if (chosen == null) chosen = fallback;
    if (chosen == null) return internalError(call); // "No match for output mapping and no default output mapping"
    String contentType = responseContentType(chosen.responseTemplates(), call.ex.request().headers().get("Accept"));
    String template = contentType == null ? null : chosen.responseTemplates().get(contentType);
    String body = template == null ? backendBody : Vtl.render(template, input(call, backendBody), call.context,
        call.stageVariables());
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(Integer.parseInt(chosen.statusCode())), Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    out.headers().set("Content-Type", contentType == null ? "application/json" : contentType);
    chosen.responseParameters().forEach((k, v) -> {
      if (!k.startsWith("method.response.header.")) return;
      String name = k.substring("method.response.header.".length());
      String value = v.startsWith("integration.response.header.")
          ? backendHeaders.get(v.substring("integration.response.header.".length()).toLowerCase())
          : GatewayResponses.literal(v);
      if (value != null) out.headers().set(name, value);
    });
    return out;
  }

  /**
   * The response template's content type for the client's {@code Accept}: the first media type it lists that has a
   * template, else {@code application/json}, else the first template (as AWS picks them); null when there are none.
   */
  static String responseContentType(Map<String, String> templates, String accept) {
    if (templates.isEmpty()) return null;
    if (accept != null) {
      for (String range : accept.split(",")) {
        String type = range.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        for (String key : templates.keySet()) if (key.equalsIgnoreCase(type)) return key;
      }
    }
    if (templates.containsKey("application/json")) return "application/json";
    return templates.keySet().iterator().next();
  }

  /** Parsed target URIs: most integrations send every request to the same few, and parsing showed in profiles. */
  private final java.util.concurrent.ConcurrentHashMap<String, URI> parsedTargets = new java.util.concurrent.ConcurrentHashMap<>();

  private URI parsed(String uri) {
    URI u = parsedTargets.get(uri);
    if (u != null) return u;
    u = URI.create(uri);
    if (parsedTargets.size() > 1024) parsedTargets.clear(); // bounded: query strings vary per request
    parsedTargets.put(uri, u);
    return u;
  }

  static String withStageVariables(String uri, Map<String, String> stageVariables) {
    if (uri == null || !uri.contains("${")) return uri;
    Matcher sv = STAGE_VARIABLE.matcher(uri);
    StringBuilder b = new StringBuilder();
    while (sv.find()) sv.appendReplacement(b, Matcher.quoteReplacement(stageVariables.getOrDefault(sv.group(1), "")));
    return sv.appendTail(b).toString();
  }

  /** The integration URI with stage variables and path parameters filled in, and the client's query for proxies. */
  static String targetUri(RestRouter.Call call, RestApi.Integration i) {
    if (i.uri().indexOf('{') < 0 && i.requestParameters().isEmpty()) { // nothing to fill in: no regex passes
      String query = new QueryStringDecoder(call.ex.request().uri()).rawQuery();
      return query.isEmpty() ? i.uri() : i.uri() + (i.uri().indexOf('?') < 0 ? "?" : "&") + query;
    }
    Matcher sv = STAGE_VARIABLE.matcher(i.uri());
    StringBuilder b = new StringBuilder();
    while (sv.find()) sv.appendReplacement(b, Matcher.quoteReplacement(call.stageVariables().getOrDefault(sv.group(1), "")));
    sv.appendTail(b);
    Map<String, String> params = new HashMap<>(call.found.pathParameters());
    i.requestParameters().forEach((k, v) -> {
      if (k.startsWith("integration.request.path.") && v.startsWith("method.request.path.")) {
        String value = call.found.pathParameters().get(v.substring("method.request.path.".length()));
        if (value != null) params.put(k.substring("integration.request.path.".length()), value);
      }
    });
    Matcher pv = PATH_VARIABLE.matcher(b.toString());
    StringBuilder out = new StringBuilder();
    while (pv.find()) pv.appendReplacement(out, Matcher.quoteReplacement(params.getOrDefault(pv.group(1), "")));
    pv.appendTail(out);
    String query = new QueryStringDecoder(call.ex.request().uri()).rawQuery();
    if (!query.isEmpty()) out.append(out.indexOf("?") < 0 ? "?" : "&").append(query);
    i.requestParameters().forEach((k, v) -> {
      if (!k.startsWith("integration.request.querystring.")) return;
      String value = source(call, v);
      if (value == null) return;
      out.append(out.indexOf("?") < 0 ? "?" : "&").append(k.substring("integration.request.querystring.".length()))
          .append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
    });
    return out.toString();
  }

  /**
   * A request-parameter mapping's source: {@code 'literal'}, {@code method.request.(path|querystring|header).name},
   * {@code stageVariables.name} or {@code context.name}; null when absent.
   */
  static String source(RestRouter.Call call, String v) {
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1);
    FullHttpRequest r = call.ex.request();
    if (v.startsWith("method.request.path.")) return call.found.pathParameters().get(v.substring("method.request.path.".length()));
    if (v.startsWith("method.request.header.")) return r.headers().get(v.substring("method.request.header.".length()));
    if (v.startsWith("method.request.querystring.")) {
      var values = new QueryStringDecoder(r.uri()).parameters().get(v.substring("method.request.querystring.".length()));
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
    if (v.startsWith("stageVariables.")) return call.stageVariables().get(v.substring("stageVariables.".length()));
    if (v.startsWith("context.")) {
      Object o = call.context.get(v.substring("context.".length()));
      return o == null ? null : String.valueOf(o);
    }
    return null;
  }

  private CompletionStage<FullHttpResponse> http(RestRouter.Call call, RestApi.Integration i) {
    URI target;
    try {
      target = parsed(targetUri(call, i));
    } catch (IllegalArgumentException e) {
      return RestRouter.done(internalError(call));
    }
    if (!"http".equals(target.getScheme()) || target.getHost() == null) return RestRouter.done(internalError(call)); // no TLS client yet
    FullHttpRequest in = call.ex.request();
    HttpMethod m = "ANY".equals(i.httpMethod()) ? in.method() : HttpMethod.valueOf(i.httpMethod());
    String pathAndQuery = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    byte[] bodyBytes = new byte[in.content().readableBytes()];
    in.content().getBytes(in.content().readerIndex(), bodyBytes);
    if (i.type().equals("HTTP")) {
      String template = requestTemplate(call, i);
      if (template != null) {
        bodyBytes = Vtl.render(template, input(call, new String(bodyBytes, StandardCharsets.UTF_8)), call.context,
            call.stageVariables()).getBytes(StandardCharsets.UTF_8);
      }
    }
    FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, m, pathAndQuery, Unpooled.wrappedBuffer(bodyBytes));
    if (i.type().equals("HTTP_PROXY")) out.headers().set(in.headers());
    else if (in.headers().contains("Content-Type")) out.headers().set("Content-Type", in.headers().get("Content-Type"));
    int port = target.getPort() < 0 ? 80 : target.getPort();
    out.headers().set("Host", port == 80 ? target.getHost() : target.getHost() + ":" + port);
    out.headers().remove("x-api-key");
    i.requestParameters().forEach((k, v) -> {
      if (!k.startsWith("integration.request.header.")) return;
      String value = source(call, v);
      if (value != null) out.headers().set(k.substring("integration.request.header.".length()), value);
    });
    ForwardedHeaders.apply(out.headers(), call.ex.remote(), call.ex.tls(), call.ex.local().getPort(), XffMode.APPEND);
    InetSocketAddress to;
    if ("VPC_LINK".equals(i.connectionType())) {
      // The URI's host is only the Host header: traffic goes through the link to its NLB.
      Matcher sv = STAGE_VARIABLE.matcher(String.valueOf(i.connectionId()));
      String linkId = sv.matches() ? call.stageVariables().getOrDefault(sv.group(1), "") : i.connectionId();
      var via = shared.vpcLinks.resolve(call.deployed.accountId() + "/" + call.deployed.region(), linkId, port);
      if (via.isEmpty()) return RestRouter.done(internalError(call));
      to = via.get();
    } else {
      to = new InetSocketAddress(target.getHost(), port);
    }
    return shared.proxy(i.timeoutInMillis()).forward(out, call.ex.eventLoop(), to).thenApply(o -> switch (o) {
      case ProxyOutcome.Response r -> {
        if (i.type().equals("HTTP_PROXY")) yield r.response();
        FullHttpResponse backend = r.response();
        try {
          Map<String, String> headers = new HashMap<>();
          backend.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
          yield mapped(call, i, String.valueOf(backend.status().code()), backend.content().toString(StandardCharsets.UTF_8), headers);
        } finally {
          backend.release();
        }
      }
      case ProxyOutcome.TimedOut t -> call.error(GatewayResponseType.INTEGRATION_TIMEOUT, "Endpoint request timed out");
      case ProxyOutcome.ConnectFailed f -> f.reason() != null && f.reason().toLowerCase().contains("timed out")
          ? call.error(GatewayResponseType.INTEGRATION_TIMEOUT, "Endpoint request timed out")
          : call.error(GatewayResponseType.INTEGRATION_FAILURE, "Internal server error");
      case ProxyOutcome.Reset r -> call.error(GatewayResponseType.INTEGRATION_FAILURE, "Internal server error");
      case ProxyOutcome.MalformedResponse r -> call.error(GatewayResponseType.INTEGRATION_FAILURE, "Internal server error");
    });
  }

  private CompletionStage<FullHttpResponse> lambda(RestRouter.Call call, RestApi.Integration i, String stageName) {
    var invoker = shared.invoker.get();
    // A stage variable may name the alias or version: function:fn:${stageVariables.alias}.
    var function = LambdaProxy.functionArn(withStageVariables(i.uri(), call.stageVariables()));
    if (invoker.isEmpty() || function.isEmpty()) return RestRouter.done(internalError(call));
    RestApi api = call.api.api();
    String resourcePath = call.found.resource().path();
    String sourceArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.id() + "/" + stageName + "/"
        + call.ex.request().method().name() + resourcePath;
    Map<String, Object> rc = new LinkedHashMap<>(call.context);
    rc.put("resourcePath", resourcePath);
    rc.put("path", call.context.get("path"));
    String type = call.ex.request().headers().get("Content-Type", "");
    boolean binary = call.deployed.binaryMediaTypes().stream().anyMatch(t -> t.equals("*/*") || type.startsWith(t));
    byte[] event = LambdaProxy.event(new LambdaProxy.Request(call.ex.request(), resourcePath, stageName,
        call.found.pathParameters(), call.stageVariables(), rc, binary));
    var invocation = new ServiceInvocation(function.get(), event, "apigateway.amazonaws.com", sourceArn,
        Duration.ofMillis(i.timeoutInMillis()));
    CompletableFuture<InvocationOutcome> outcome;
    try {
      outcome = invoker.get().invoke(invocation);
    } catch (RuntimeException e) {
      return RestRouter.done(internalError(call));
    }
    return outcome.orTimeout(i.timeoutInMillis() + 1000L, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((o, failure) -> {
          if (failure != null) return call.error(GatewayResponseType.INTEGRATION_TIMEOUT, "Endpoint request timed out");
          return switch (o) {
            case InvocationOutcome.Returned r when r.functionError() != null ->
                call.error(GatewayResponseType.DEFAULT_5XX, "Internal server error").setStatus(HttpResponseStatus.BAD_GATEWAY);
            case InvocationOutcome.Returned r -> LambdaProxy.response(r.payload())
                .orElseGet(() -> call.error(GatewayResponseType.DEFAULT_5XX, "Internal server error").setStatus(HttpResponseStatus.BAD_GATEWAY));
            case InvocationOutcome.TimedOut t -> call.error(GatewayResponseType.INTEGRATION_TIMEOUT, "Endpoint request timed out");
            // "Invalid permissions on Lambda function" goes to the execution log; the client sees 500.
            case InvocationOutcome.PermissionDenied d -> internalError(call);
            case InvocationOutcome.NotFound n -> internalError(call);
            case InvocationOutcome.ServiceError s -> internalError(call);
          };
        });
  }
}
