package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.core.lambda.InvocationOutcome;
import dev.stratus.core.lambda.ServiceInvocation;
import dev.stratus.net.proxy.ProxyOutcome;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a WebSocket route's integration for one event (apigateway.md C): {@code AWS_PROXY} through
 * the {@link dev.stratus.core.lambda.FunctionInvoker} with the WebSocket event shape
 * ({@code requestContext.routeKey}, {@code eventType} CONNECT/MESSAGE/DISCONNECT,
 * {@code connectionId}, {@code domainName}, {@code stage}, ...), {@code HTTP_PROXY}/{@code HTTP} to a
 * backend (the message is the body; {@code requestParameters} map {@code context.connectionId} and
 * the route request into headers or the query string), {@code MOCK} answering 200.
 */
final class WebSocketIntegrations {
  private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  /** What one WebSocket event carries. {@code handshake} is the upgrade request (CONNECT only, else null). */
  record Event(String eventType, String routeKey, String apiId, String accountId, String region, String stage, String connectionId,
      String domainName, Instant connectedAt, String sourceIp, String userAgent, FullHttpRequest handshake, byte[] body,
      boolean binary, int disconnectStatusCode, String disconnectReason, Map<String, String> stageVariables,
      Map<String, Object> authorizer, ApiKey apiKey) {}

  /** The integration's answer; {@code failed} when it could not be run or did not answer usably. */
  record Answer(int status, byte[] body, Map<String, String> headers, boolean failed) {
    static final Answer OK = new Answer(200, new byte[0], Map.of(), false);
    static final Answer FAILED = new Answer(502, new byte[0], Map.of(), true);

    boolean accepted() { return !failed && status >= 200 && status < 300; }
  }

  private final RestShared shared;

  WebSocketIntegrations(RestShared shared) {
    this.shared = shared;
  }

  CompletionStage<Answer> run(Api api, Api.Route route, Event e, EventLoop loop) {
    Api.Integration i = route.integrationId() == null ? null : api.integrations().get(route.integrationId());
    if (i == null) return CompletableFuture.completedFuture(Answer.OK); // a route without integration answers nothing
    try {
      return switch (i.integrationType()) {
        case "AWS_PROXY" -> lambda(i, e);
        case "HTTP_PROXY", "HTTP" -> http(i, e, loop);
        default -> CompletableFuture.completedFuture(Answer.OK); // MOCK
      };
    } catch (RuntimeException failure) {
      return CompletableFuture.completedFuture(Answer.FAILED);
    }
  }

  static byte[] event(Event e, Instant now) {
    ObjectNode root = Vtl.JSON.createObjectNode();
    if (e.handshake() != null) {
      ObjectNode h = root.putObject("headers");
      ObjectNode mh = root.putObject("multiValueHeaders");
      for (String name : e.handshake().headers().names()) {
        List<String> values = e.handshake().headers().getAll(name);
        h.put(name, values.getLast());
        var arr = mh.putArray(name);
        values.forEach(arr::add);
      }
      Map<String, List<String>> q = new QueryStringDecoder(e.handshake().uri()).parameters();
      if (!q.isEmpty()) {
        ObjectNode qs = root.putObject("queryStringParameters");
        ObjectNode mqs = root.putObject("multiValueQueryStringParameters");
        q.forEach((k, v) -> {
          qs.put(k, v.getLast());
          var arr = mqs.putArray(k);
          v.forEach(arr::add);
        });
      }
    }
    ObjectNode rc = root.putObject("requestContext");
    rc.put("routeKey", e.routeKey());
    if (e.eventType().equals("DISCONNECT")) {
      rc.put("disconnectStatusCode", e.disconnectStatusCode());
      rc.put("disconnectReason", e.disconnectReason() == null ? "" : e.disconnectReason());
    }
    if (e.eventType().equals("MESSAGE")) rc.put("messageId", Base64.getUrlEncoder().encodeToString(uuidBytes()));
    rc.put("eventType", e.eventType());
    rc.put("extendedRequestId", Base64.getUrlEncoder().encodeToString(uuidBytes()));
    rc.put("requestTime", REQUEST_TIME.format(now.atZone(ZoneOffset.UTC)));
    rc.put("messageDirection", "IN");
    rc.put("stage", e.stage());
    rc.put("connectedAt", e.connectedAt().toEpochMilli());
    rc.put("requestTimeEpoch", now.toEpochMilli());
    ObjectNode identity = rc.putObject("identity");
    identity.put("userAgent", e.userAgent());
    identity.put("sourceIp", e.sourceIp());
    if (e.apiKey() != null) {
      identity.put("apiKey", e.apiKey().value());
      identity.put("apiKeyId", e.apiKey().id());
    }
    // What the $connect authorizer returned reaches every route of the connection.
    if (e.authorizer() != null) rc.set("authorizer", Vtl.JSON.valueToTree(e.authorizer()));
    rc.put("requestId", UUID.randomUUID().toString());
    rc.put("domainName", e.domainName());
    rc.put("connectionId", e.connectionId());
    rc.put("apiId", e.apiId());
    if (e.body() != null) {
      root.put("body", e.binary() ? Base64.getEncoder().encodeToString(e.body()) : new String(e.body(), StandardCharsets.UTF_8));
    }
    root.put("isBase64Encoded", e.binary());
    return Vtl.JSON.writeValueAsBytes(root);
  }

  private static byte[] uuidBytes() {
    UUID u = UUID.randomUUID();
    return java.nio.ByteBuffer.allocate(12).putLong(u.getMostSignificantBits()).putInt((int) u.getLeastSignificantBits()).array();
  }

  private CompletionStage<Answer> lambda(Api.Integration i, Event e) {
    var invoker = shared.invoker.get();
    var function = LambdaProxy.functionArn(i.integrationUri()).orElse(i.integrationUri());
    if (invoker.isEmpty()) return CompletableFuture.completedFuture(Answer.FAILED);
    String sourceArn = "arn:aws:execute-api:" + e.region() + ":" + e.accountId() + ":" + e.apiId() + "/" + e.stage() + "/"
        + e.routeKey();
    return invoker.get().invoke(new ServiceInvocation(function, event(e, shared.clock.instant()), "apigateway.amazonaws.com", sourceArn,
            Duration.ofMillis(i.timeoutInMillis())))
        .orTimeout(i.timeoutInMillis() + 1000L, TimeUnit.MILLISECONDS)
        .handle((o, failure) -> failure != null ? Answer.FAILED : switch (o) {
          case InvocationOutcome.Returned r when r.functionError() != null -> Answer.FAILED;
          case InvocationOutcome.Returned r -> lambdaAnswer(r.payload());
          default -> Answer.FAILED;
        });
  }

  /** A proxy response ({@code statusCode}, {@code body}, {@code headers}); other JSON is a 200 whose body is the payload. */
  static Answer lambdaAnswer(byte[] payload) {
    JsonNode n;
    try {
      n = payload == null || payload.length == 0 ? null : Vtl.JSON.readTree(payload);
    } catch (RuntimeException e) {
      return new Answer(200, payload, Map.of(), false);
    }
    if (n == null || n.isNull() || n.isMissingNode()) return Answer.OK;
    if (!n.isObject() || !n.has("statusCode")) {
      return new Answer(200, (n.isString() ? n.asString() : n.toString()).getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }
    JsonNode sc = n.get("statusCode");
    if (!sc.isIntegralNumber() || sc.intValue() < 100 || sc.intValue() > 599) return Answer.FAILED;
    JsonNode b = n.get("body");
    byte[] body = b == null || b.isNull() ? new byte[0]
        : n.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(b.asString())
        : (b.isString() ? b.asString() : b.toString()).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode h = n.get("headers");
    if (h != null && h.isObject()) h.properties().forEach(x -> headers.put(x.getKey(), x.getValue().asString()));
    return new Answer(sc.intValue(), body, headers, false);
  }

  private CompletionStage<Answer> http(Api.Integration i, Event e, EventLoop loop) {
    URI target = URI.create(i.integrationUri());
    if (!"http".equals(target.getScheme()) || target.getHost() == null) return CompletableFuture.completedFuture(Answer.FAILED);
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    QueryStringEncoder query = new QueryStringEncoder(path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    HttpMethod method = HttpMethod.valueOf(i.integrationMethod() == null ? "POST" : i.integrationMethod());
    byte[] body = e.body() == null ? new byte[0] : e.body();
    Map<String, String> headers = new LinkedHashMap<>();
    if (e.handshake() != null && "HTTP_PROXY".equals(i.integrationType())) {
      for (Map.Entry<String, String> h : e.handshake().headers()) {
        String n = h.getKey().toLowerCase(Locale.ROOT);
        if (!n.equals("connection") && !n.equals("upgrade") && !n.startsWith("sec-websocket-")) headers.put(h.getKey(), h.getValue());
      }
    }
    for (Map.Entry<String, String> p : i.requestParameters().entrySet()) {
      String value = parameter(p.getValue(), e);
      if (value == null) continue;
      if (p.getKey().startsWith("integration.request.header.")) headers.put(p.getKey().substring("integration.request.header.".length()), value);
      else query.addParam(p.getKey().substring("integration.request.querystring.".length()), value);
    }
    FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, query.toString(), Unpooled.wrappedBuffer(body));
    headers.forEach((k, v) -> out.headers().set(k, v));
    int port = target.getPort() < 0 ? 80 : target.getPort();
    out.headers().set(HttpHeaderNames.HOST, port == 80 ? target.getHost() : target.getHost() + ":" + port);
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return shared.proxy(i.timeoutInMillis()).forward(out, loop, new InetSocketAddress(target.getHost(), port))
        .thenApply(o -> switch (o) {
          case ProxyOutcome.Response r -> {
            try {
              Map<String, String> h = new LinkedHashMap<>();
              r.response().headers().forEach(x -> h.put(x.getKey(), x.getValue()));
              yield new Answer(r.response().status().code(), ByteBufUtil.getBytes(r.response().content()), h, false);
            } finally {
              r.response().release();
            }
          }
          default -> Answer.FAILED;
        });
  }

  /** A request parameter's source: {@code context.*}, {@code route.request.header|querystring|body.*}, {@code 'static'}. */
  static String parameter(String source, Event e) {
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) return source.substring(1, source.length() - 1);
    switch (source) {
      case "context.connectionId": return e.connectionId();
      case "context.routeKey": return e.routeKey();
      case "context.eventType": return e.eventType();
      case "context.stage": return e.stage();
      case "context.apiId": return e.apiId();
      case "context.domainName": return e.domainName();
      case "context.identity.sourceIp": return e.sourceIp();
      default: break;
    }
    if (source.startsWith("route.request.header.") && e.handshake() != null) {
      return e.handshake().headers().get(source.substring("route.request.header.".length()));
    }
    if (source.startsWith("route.request.querystring.") && e.handshake() != null) {
      List<String> v = new QueryStringDecoder(e.handshake().uri()).parameters().get(source.substring("route.request.querystring.".length()));
      return v == null || v.isEmpty() ? null : v.getLast();
    }
    if (source.startsWith("route.request.body.") && e.body() != null && !e.binary()) {
      JsonNode v = WebSocketRouter.bodyPath(e.body(), source.substring("route.request.body.".length()));
      return v == null ? null : v.isString() ? v.asString() : v.toString();
    }
    return null;
  }
}
