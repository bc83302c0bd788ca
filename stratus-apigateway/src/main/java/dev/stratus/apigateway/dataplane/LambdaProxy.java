package dev.stratus.apigateway.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Lambda proxy integration of REST APIs (AWS_PROXY, payload format 1.0): the event API
 * Gateway sends ({@code resource}, {@code path}, {@code httpMethod}, {@code headers} and
 * {@code multiValueHeaders}, query strings, {@code pathParameters}, {@code stageVariables},
 * {@code requestContext}, {@code body}, {@code isBase64Encoded}), and the response it expects
 * back ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body},
 * {@code isBase64Encoded}); anything else is a malformed response (502).
 */
final class LambdaProxy {
  private LambdaProxy() {}

  /** The function ARN inside an integration URI {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations}. */
  static Optional<String> functionArn(String uri) {
    int at = uri == null ? -1 : uri.indexOf("/functions/");
    if (at < 0) return Optional.empty();
    String rest = uri.substring(at + "/functions/".length());
    int end = rest.indexOf("/invocations");
    return Optional.of(end < 0 ? rest : rest.substring(0, end));
  }

  record Request(FullHttpRequest http, String resourcePath, String stage, Map<String, String> pathParameters,
      Map<String, String> stageVariables, Map<String, Object> requestContext, boolean binary) {}

  static byte[] event(Request r) {
    ObjectNode e = Vtl.JSON.createObjectNode();
    QueryStringDecoder q = new QueryStringDecoder(r.http().uri());
    e.put("resource", r.resourcePath());
    e.put("path", pathAfterStage(q.path(), r.stage()));
    e.put("httpMethod", r.http().method().name());
    ObjectNode headers = e.putObject("headers");
    ObjectNode multi = e.putObject("multiValueHeaders");
    for (String name : r.http().headers().names()) {
      List<String> values = r.http().headers().getAll(name);
      headers.put(name, values.getLast());
      var arr = multi.putArray(name);
      values.forEach(arr::add);
    }
    if (q.parameters().isEmpty()) {
      e.putNull("queryStringParameters");
      e.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode qs = e.putObject("queryStringParameters");
      ObjectNode mqs = e.putObject("multiValueQueryStringParameters");
      q.parameters().forEach((k, v) -> {
        qs.put(k, v.getLast());
        var arr = mqs.putArray(k);
        v.forEach(arr::add);
      });
    }
    putMap(e, "pathParameters", r.pathParameters());
    putMap(e, "stageVariables", r.stageVariables());
    e.set("requestContext", Vtl.JSON.valueToTree(r.requestContext()));
    byte[] body = new byte[r.http().content().readableBytes()];
    r.http().content().getBytes(r.http().content().readerIndex(), body);
    if (body.length == 0) e.putNull("body");
    else if (r.binary()) e.put("body", Base64.getEncoder().encodeToString(body));
    else e.put("body", new String(body, StandardCharsets.UTF_8));
    e.put("isBase64Encoded", r.binary() && body.length > 0);
    return Vtl.JSON.writeValueAsBytes(e);
  }

  private static void putMap(ObjectNode e, String name, Map<String, String> m) {
    if (m.isEmpty()) {
      e.putNull(name);
      return;
    }
    ObjectNode o = e.putObject(name);
    m.forEach(o::put);
  }

  static String pathAfterStage(String path, String stage) {
    String prefix = "/" + stage;
    if (path.equals(prefix)) return "/";
    return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
  }

  /** The function's answer as an HTTP response, or empty when it is not a valid proxy response. */
  static Optional<FullHttpResponse> response(byte[] payload) {
    JsonNode n;
    try {
      n = Vtl.JSON.readTree(payload);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (n == null || !n.isObject()) return Optional.empty();
    for (var f : n.properties()) {
      if (!List.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded").contains(f.getKey())) {
        return Optional.empty(); // AWS refuses unknown top-level fields as a malformed response
      }
    }
    JsonNode sc = n.get("statusCode");
    int status;
    if (sc == null || sc.isNull()) status = 200;
    else if (sc.isIntegralNumber()) status = sc.intValue();
    else if (sc.isString() && sc.asString().matches("\\d{3}")) status = Integer.parseInt(sc.asString());
    else return Optional.empty();
    if (status < 100 || status > 599) return Optional.empty();
    JsonNode b = n.get("body");
    byte[] body;
    if (b == null || b.isNull()) body = new byte[0];
    else if (!b.isString()) return Optional.empty();
    else if (n.path("isBase64Encoded").asBoolean(false)) {
      try {
        body = Base64.getDecoder().decode(b.asString());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else body = b.asString().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(body));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode h = n.get("headers");
    if (h != null && h.isObject()) h.properties().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asString()));
    JsonNode mh = n.get("multiValueHeaders");
    if (mh != null && mh.isObject()) {
      mh.properties().forEach(e -> {
        List<String> values = headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        e.getValue().forEach(v -> { if (!values.contains(v.asString())) values.add(v.asString()); });
      });
    }
    headers.forEach((k, v) -> r.headers().add(k, v));
    if (!r.headers().contains("Content-Type")) r.headers().set("Content-Type", "application/json");
    return Optional.of(r);
  }
}
