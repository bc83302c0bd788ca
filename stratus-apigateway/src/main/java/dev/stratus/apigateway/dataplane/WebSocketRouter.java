package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpService;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket API's endpoint (apigateway.md C): {@code GET /{stage}} with {@code Upgrade:
 * websocket} runs the {@code $connect} route's integration during the handshake (a failure or a
 * non-2xx answer refuses the upgrade with that status) and then switches the connection to
 * Netty's WebSocket codec through {@link HttpFrontEnd#UPGRADE}, where {@link WebSocketSession}
 * routes messages; {@code /{stage}/@connections/{connectionId}} is the management API
 * (PostToConnection, GetConnection, DeleteConnection; 410 {@code GoneException}).
 */
final class WebSocketRouter implements HttpService {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final RestShared shared;
  private final WebSocketConnections connections;
  private final WebSocketIntegrations integrations;
  private final WebSocketAuthorizers authorizers;
  private final String apiId;

  WebSocketRouter(RestShared shared, WebSocketConnections connections, String apiId) {
    this.shared = shared;
    this.connections = connections;
    this.integrations = new WebSocketIntegrations(shared);
    this.authorizers = new WebSocketAuthorizers(shared, apiId);
    this.apiId = apiId;
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    FullHttpRequest request = ex.request();
    ApiSnapshot.HttpApiView view = shared.snapshot().httpApis().get(apiId);
    String raw = new QueryStringDecoder(request.uri()).rawPath();
    int slash = raw.indexOf('/', 1);
    String stageName = raw.length() <= 1 ? "" : raw.substring(1, slash < 0 ? raw.length() : slash);
    String rest = slash < 0 ? "" : raw.substring(slash);
    ApiSnapshot.HttpStageView stage = view == null ? null : view.stages().get(stageName);
    if (rest.startsWith("/@connections/") || rest.equals("/@connections")) {
      return RestRouter.done(management(ex, stage, stageName, rest.substring("/@connections".length())));
    }
    if (stage == null || !(rest.isEmpty() || rest.equals("/"))) return RestRouter.done(HttpApiRouter.message(403, "Forbidden"));
    if (!ex.isWebSocketUpgrade() || !request.method().equals(HttpMethod.GET)) {
      return RestRouter.done(HttpApiRouter.message(426, "Upgrade Required"));
    }
    String key = request.headers().get("Sec-WebSocket-Key");
    if (!"13".equals(request.headers().get("Sec-WebSocket-Version")) || key == null) {
      FullHttpResponse r = HttpApiRouter.message(426, "Upgrade Required");
      r.headers().set("Sec-WebSocket-Version", "13");
      return RestRouter.done(r);
    }
    return connect(ex, stage, key);
  }

  /** The handshake: {@code $connect} first, then 101 and the switch to WebSocket frames. */
  private CompletionStage<FullHttpResponse> connect(HttpExchange ex, ApiSnapshot.HttpStageView stage, String key) {
    Api api = stage.served();
    Instant now = shared.clock.instant();
    String id = WebSocketConnections.newId();
    String host = ex.request().headers().get(HttpHeaderNames.HOST, "");
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) host = host.substring(0, colon); // AWS's domainName has no port
    String domainName = host.contains(".execute-api.") ? host : apiId + ".execute-api." + api.region() + ".localhost";
    var connection = new WebSocketConnections.Connection(id, apiId, stage.stage().stageName(), now,
        ex.remote().getAddress().getHostAddress(), ex.request().headers().get(HttpHeaderNames.USER_AGENT, ""), domainName, ex.channel());
    Api.Route route = route(api, "$connect");
    CompletionStage<WebSocketIntegrations.Answer> answer;
    if (route == null) {
      answer = CompletableFuture.completedFuture(WebSocketIntegrations.Answer.OK);
    } else {
      ex.request().retain(); // the authorizer and the integration read the handshake on another thread
      answer = authorizers.authorize(api, route, stage, connection, ex.request(), now).thenCompose(refused -> {
        if (refused != null) return CompletableFuture.completedFuture(refused);
        return integrations.run(api, route, event(api, stage, connection, "CONNECT", "$connect", ex.request(), null, false, 0,
            null), ex.eventLoop());
      }).whenComplete((a, f) -> ex.request().release());
    }
    return answer.thenApply(a -> {
      if (!a.accepted()) return refusal(a);
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
      r.headers().set(HttpHeaderNames.UPGRADE, "websocket");
      r.headers().set(HttpHeaderNames.CONNECTION, "Upgrade");
      r.headers().set("Sec-WebSocket-Accept", accept(key));
      String protocol = a.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol"))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      if (protocol != null) r.headers().set("Sec-WebSocket-Protocol", protocol);
      ex.channel().attr(HttpFrontEnd.UPGRADE).set(c -> {
        var p = c.pipeline();
        // The encoder first: what the decoder and later handlers write passes through it.
        p.addLast("wsEncoder", new WebSocket13FrameEncoder(false));
        p.addLast("wsDecoder", new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true)
            .allowExtensions(false).maxFramePayloadLength(WebSocketConnections.MAX_FRAME_BYTES).closeOnProtocolViolation(false).build()));
        p.addLast("wsAggregate", new WebSocketFrameAggregator(WebSocketConnections.MAX_MESSAGE_BYTES));
        connections.add(connection);
        return new WebSocketSession(shared, connections, integrations, connection, this::served);
      });
      return r;
    });
  }

  /** A refused handshake: the integration's status and body, or 500 when it failed (the client never gets a 101). */
  private static FullHttpResponse refusal(WebSocketIntegrations.Answer a) {
    if (a.failed()) return HttpApiRouter.message(500, "Internal server error");
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
        Unpooled.wrappedBuffer(a.body()));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    return r;
  }

  /** The API as the connection's stage serves it now (a redeployment applies to open connections). */
  ApiSnapshot.HttpStageView served(String stageName) {
    ApiSnapshot.HttpApiView view = shared.snapshot().httpApis().get(apiId);
    return view == null ? null : view.stages().get(stageName);
  }

  static Api.Route route(Api api, String key) {
    for (Api.Route r : api.routes().values()) if (r.routeKey().equals(key)) return r;
    return null;
  }

  static WebSocketIntegrations.Event event(Api api, ApiSnapshot.HttpStageView stage, WebSocketConnections.Connection c,
      String type, String routeKey, FullHttpRequest handshake, byte[] body, boolean binary, int status, String reason) {
    return new WebSocketIntegrations.Event(type, routeKey, api.apiId(), api.accountId(), api.region(), stage.stage().stageName(),
        c.id, c.domainName, c.connectedAt, c.sourceIp, c.userAgent, handshake, body, binary, status, reason,
        stage.stage().stageVariables(), c.authorizer, c.apiKey);
  }

  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value at a dotted path into a JSON message ({@code action}, {@code a.b}); null when the
   * message is not JSON or has no such member.
   */
  static JsonNode bodyPath(byte[] body, String path) {
    JsonNode n;
    try {
      n = Vtl.JSON.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
    for (String part : path.split("\\.")) {
      if (n == null || !n.isObject()) return null;
      n = n.get(part);
    }
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  // ---- @connections -------------------------------------------------------------------------

  private FullHttpResponse management(HttpExchange ex, ApiSnapshot.HttpStageView stage, String stageName, String idPath) {
    FullHttpRequest request = ex.request();
    boolean signed = request.headers().contains(HttpHeaderNames.AUTHORIZATION)
        || new QueryStringDecoder(request.uri()).parameters().containsKey("X-Amz-Signature");
    if (!signed) return error(403, "ForbiddenException", "Missing Authentication Token");
    if (stage == null || idPath.length() <= 1) return error(403, "ForbiddenException", "Forbidden");
    String id = URLDecoder.decode(idPath.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    var found = connections.find(apiId, stageName, id);
    String method = request.method().name();
    if (!method.equals("POST") && !method.equals("GET") && !method.equals("DELETE")) {
      return error(403, "ForbiddenException", "Missing Authentication Token");
    }
    if (found.isEmpty()) return error(410, "GoneException", null);
    WebSocketConnections.Connection c = found.get();
    switch (method) {
      case "POST" -> {
        if (request.content().readableBytes() > WebSocketConnections.MAX_MESSAGE_BYTES) {
          return error(413, "PayloadTooLargeException", "Message too long");
        }
        c.send(request.content().retainedDuplicate());
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
      }
      case "GET" -> {
        var body = Vtl.JSON.createObjectNode();
        body.put("connectedAt", c.connectedAt.toString());
        var identity = body.putObject("identity");
        identity.put("sourceIp", c.sourceIp);
        identity.put("userAgent", c.userAgent);
        body.put("lastActiveAt", c.lastActiveAt.toString());
        return RestRouter.json(200, body.toString());
      }
      default -> {
        c.close(1000, "");
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
      }
    }
  }

  /** A management API error: REST-JSON with the type in {@code x-amzn-ErrorType} (how the SDK reads it). */
  private static FullHttpResponse error(int status, String type, String message) {
    var body = Vtl.JSON.createObjectNode();
    if (message != null) body.put("message", message);
    FullHttpResponse r = RestRouter.json(status, body.toString());
    r.headers().set("x-amzn-ErrorType", type);
    return r;
  }
}
