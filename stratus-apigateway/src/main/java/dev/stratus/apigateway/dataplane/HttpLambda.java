package dev.stratus.apigateway.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP API Lambda proxy integration, payload format 2.0 (apigateway.md §5–6): the event
 * ({@code version}, {@code routeKey}, {@code rawPath}, {@code rawQueryString}, {@code cookies},
 * headers and query parameters joined by commas, {@code requestContext.http}, the JWT claims)
 * and the response, inferred when the function returns JSON without {@code statusCode}.
 */
final class HttpLambda {
  private HttpLambda() {}

  record Request(FullHttpRequest http, String apiId, String accountId, String stage, String routeKey, String rawPath,
      Map<String, String> pathParameters, Map<String, String> stageVariables, String sourceIp, String requestId,
      Instant time, Map<String, Object> jwtClaims, List<String> jwtScopes) {}

  static byte[] event(Request r) {
    ObjectNode e = Vtl.JSON.createObjectNode();
    QueryStringDecoder q = new QueryStringDecoder(r.http().uri());
    e.put("version", "2.0");
    e.put("routeKey", r.routeKey());
    e.put("rawPath", r.rawPath());
    e.put("rawQueryString", q.rawQuery());
    List<String> cookies = r.http().headers().getAll("Cookie");
    if (!cookies.isEmpty()) {
      var arr = e.putArray("cookies");
      for (String c : cookies) for (String part : c.split(";")) if (!part.isBlank()) arr.add(part.trim());
    }
    ObjectNode headers = e.putObject("headers");
    for (String name : r.http().headers().names()) {
      if (name.equalsIgnoreCase("Cookie")) continue;
      headers.put(name.toLowerCase(), String.join(",", r.http().headers().getAll(name)));
    }
    if (!q.parameters().isEmpty()) {
      ObjectNode qs = e.putObject("queryStringParameters");
      q.parameters().forEach((k, v) -> qs.put(k, String.join(",", v)));
    }
    if (!r.pathParameters().isEmpty()) {
      ObjectNode pp = e.putObject("pathParameters");
      r.pathParameters().forEach(pp::put);
    }
    if (!r.stageVariables().isEmpty()) {
      ObjectNode sv = e.putObject("stageVariables");
      r.stageVariables().forEach(sv::put);
    }
    ObjectNode rc = e.putObject("requestContext");
    rc.put("accountId", r.accountId());
    rc.put("apiId", r.apiId());
    rc.put("domainName", r.http().headers().get("Host", ""));
    rc.put("domainPrefix", r.apiId());
    ObjectNode http = rc.putObject("http");
    http.put("method", r.http().method().name());
    http.put("path", q.rawPath());
    http.put("protocol", r.http().protocolVersion().text());
    http.put("sourceIp", r.sourceIp());
    http.put("userAgent", r.http().headers().get("User-Agent", ""));
    rc.put("requestId", r.requestId());
    rc.put("routeKey", r.routeKey());
    rc.put("stage", r.stage());
    rc.put("time", java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH)
        .format(r.time().atZone(java.time.ZoneOffset.UTC)));
    rc.put("timeEpoch", r.time().toEpochMilli());
    if (r.jwtClaims() != null) {
      ObjectNode jwt = rc.putObject("authorizer").putObject("jwt");
      jwt.set("claims", Vtl.JSON.valueToTree(stringClaims(r.jwtClaims())));
      var scopes = jwt.putArray("scopes");
      r.jwtScopes().forEach(scopes::add);
    }
    byte[] body = new byte[r.http().content().readableBytes()];
    r.http().content().getBytes(r.http().content().readerIndex(), body);
    if (body.length > 0) e.put("body", new String(body, StandardCharsets.UTF_8));
    e.put("isBase64Encoded", false);
    return Vtl.JSON.writeValueAsBytes(e);
  }

  /** Claims reach the function as strings (numbers and arrays stringified), as API Gateway passes them. */
  private static Map<String, String> stringClaims(Map<String, Object> claims) {
    Map<String, String> out = new LinkedHashMap<>();
    claims.forEach((k, v) -> out.put(k, v instanceof List<?> l ? "[" + String.join(" ", l.stream().map(String::valueOf).toList()) + "]"
        : String.valueOf(v)));
    return out;
  }

  /**
   * The function's answer: an object with {@code statusCode} is read as a response; any other
   * valid JSON is the body of a 200 {@code application/json} (2.0 inference). Empty when the
   * payload is not JSON at all.
   */
  static Optional<FullHttpResponse> response(byte[] payload) {
    JsonNode n;
    try {
      n = Vtl.JSON.readTree(payload);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (n == null || n.isMissingNode()) return Optional.empty();
    if (!n.isObject() || !n.has("statusCode")) {
      String body = n.isString() ? n.asString() : n.toString();
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      r.headers().set("Content-Type", "application/json");
      return Optional.of(r);
    }
    JsonNode sc = n.get("statusCode");
    if (!sc.isIntegralNumber() || sc.intValue() < 100 || sc.intValue() > 599) return Optional.empty();
    JsonNode b = n.get("body");
    byte[] body;
    if (b == null || b.isNull()) body = new byte[0];
    else if (n.path("isBase64Encoded").asBoolean(false)) {
      try {
        body = Base64.getDecoder().decode(b.asString());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else body = (b.isString() ? b.asString() : b.toString()).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(sc.intValue()),
        Unpooled.wrappedBuffer(body));
    JsonNode h = n.get("headers");
    if (h != null && h.isObject()) h.properties().forEach(e -> r.headers().set(e.getKey(), e.getValue().asString()));
    JsonNode cookies = n.get("cookies");
    if (cookies != null && cookies.isArray()) cookies.forEach(c -> r.headers().add("Set-Cookie", c.asString()));
    if (!r.headers().contains("Content-Type")) r.headers().set("Content-Type", "application/json");
    return Optional.of(r);
  }

}
