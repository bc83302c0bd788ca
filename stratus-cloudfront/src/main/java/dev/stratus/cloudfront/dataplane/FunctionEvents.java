package dev.stratus.cloudfront.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudFront Functions' event object as AWS shapes it (functions-event-structure: lower-case
 * header names with {@code value} and {@code multiValue}, cookies apart from headers, query
 * string parameters by name) built from a viewer's request and the edge's response, and the
 * handler's answer read back: a request to go on with, or a response to give the viewer.
 */
final class FunctionEvents {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Headers a viewer-response function neither sees nor changes (CloudFront's own and the framing). */
  private static final Set<String> NOT_IN_RESPONSE_EVENT = Set.of("content-length", "transfer-encoding", "connection",
      "x-cache", "via", "x-amz-cf-pop", "x-amz-cf-id", "age", "set-cookie");

  /** What the handler of a viewer-request function answered. */
  sealed interface RequestAnswer {
    record Continue(ViewerRequest request) implements RequestAnswer {}

    record Respond(FullHttpResponse response) implements RequestAnswer {}
  }

  private FunctionEvents() {}

  static String viewerRequest(CompiledDistribution d, String requestId, ViewerRequest v) {
    ObjectNode e = event(d, requestId, "viewer-request", v);
    return JSON.writeValueAsString(e);
  }

  static String viewerResponse(CompiledDistribution d, String requestId, ViewerRequest v, FullHttpResponse r) {
    ObjectNode e = event(d, requestId, "viewer-response", v);
    ObjectNode response = e.putObject("response");
    response.put("statusCode", r.status().code());
    response.put("statusDescription", r.status().reasonPhrase());
    ObjectNode headers = response.putObject("headers");
    for (String name : r.headers().names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!NOT_IN_RESPONSE_EVENT.contains(lower)) values(headers, lower, r.headers().getAll(name));
    }
    ObjectNode cookies = response.putObject("cookies");
    Map<String, List<String[]>> byName = new LinkedHashMap<>();
    for (String line : r.headers().getAll("Set-Cookie")) {
      int semi = line.indexOf(';');
      String pair = semi < 0 ? line : line.substring(0, semi);
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
      byName.computeIfAbsent(name, x -> new ArrayList<>()).add(new String[] {eq < 0 ? "" : pair.substring(eq + 1).trim(),
          semi < 0 ? "" : line.substring(semi + 1).trim()});
    }
    byName.forEach((name, list) -> {
      ObjectNode c = cookies.putObject(name);
      c.put("value", list.getFirst()[0]);
      if (!list.getFirst()[1].isEmpty()) c.put("attributes", list.getFirst()[1]);
      if (list.size() > 1) {
        var multi = c.putArray("multiValue");
        for (String[] one : list) {
          ObjectNode m = multi.addObject().put("value", one[0]);
          if (!one[1].isEmpty()) m.put("attributes", one[1]);
        }
      }
    });
    return JSON.writeValueAsString(e);
  }

  private static ObjectNode event(CompiledDistribution d, String requestId, String type, ViewerRequest v) {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "1.0");
    e.putObject("context").put("distributionDomainName", d.domainName()).put("distributionId", d.id())
        .put("eventType", type).put("requestId", requestId);
    e.putObject("viewer").put("ip", v.viewerIp);
    ObjectNode request = e.putObject("request");
    request.put("method", v.method);
    request.put("uri", v.path);
    ObjectNode qs = request.putObject("querystring");
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String[] p : v.query) {
      int eq = p[1].indexOf('=');
      params.computeIfAbsent(p[0], x -> new ArrayList<>()).add(eq < 0 ? "" : p[1].substring(eq + 1));
    }
    params.forEach((name, list) -> values(qs, name, list));
    ObjectNode headers = request.putObject("headers");
    for (String name : v.headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("cookie")) values(headers, lower, v.headers.getAll(name));
    }
    ObjectNode cookies = request.putObject("cookies");
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (String line : v.headers.getAll("Cookie")) {
      for (String c : line.split(";")) {
        String t = c.trim();
        if (t.isEmpty()) continue;
        int eq = t.indexOf('=');
        byName.computeIfAbsent(eq < 0 ? t : t.substring(0, eq), x -> new ArrayList<>()).add(eq < 0 ? "" : t.substring(eq + 1));
      }
    }
    byName.forEach((name, list) -> values(cookies, name, list));
    return e;
  }

  /** {@code {value}} for one, {@code {value, multiValue: [{value}, …]}} for several (the first is {@code value}). */
  private static void values(ObjectNode into, String name, List<String> list) {
    ObjectNode o = into.putObject(name);
    o.put("value", list.getFirst());
    if (list.size() > 1) {
      var multi = o.putArray("multiValue");
      list.forEach(x -> multi.addObject().put("value", x));
    }
  }

  /**
   * A viewer-request handler's return value: a response (it has {@code statusCode}) or the request
   * (a new {@code uri} must start with {@code /}; the behavior chosen before stays).
   *
   * @throws IllegalArgumentException what AWS treats as a function execution error
   */
  static RequestAnswer requestAnswer(String json, ViewerRequest viewer) {
    JsonNode out = JSON.readTree(json);
    if (out == null || !out.isObject()) throw new IllegalArgumentException("the function returned no request or response");
    if (out.has("statusCode")) return new RequestAnswer.Respond(response(out));
    String uri = out.path("uri").asString(viewer.path);
    if (!uri.startsWith("/")) throw new IllegalArgumentException("the uri must start with /");
    StringBuilder q = new StringBuilder();
    JsonNode qs = out.get("querystring");
    if (qs != null && qs.isString()) {
      q.append(qs.asString().startsWith("?") ? qs.asString().substring(1) : qs.asString());
    } else if (qs != null && qs.isObject()) {
      for (Map.Entry<String, JsonNode> p : qs.properties()) {
        for (String value : valuesOf(p.getValue())) {
          if (!q.isEmpty()) q.append('&');
          q.append(p.getKey()).append('=').append(value);
        }
      }
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    JsonNode h = out.get("headers");
    if (h != null && h.isObject()) {
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        for (String value : valuesOf(e.getValue())) headers.add(e.getKey(), value);
      }
    }
    StringBuilder cookie = new StringBuilder();
    JsonNode c = out.get("cookies");
    if (c != null && c.isObject()) {
      for (Map.Entry<String, JsonNode> e : c.properties()) {
        for (String value : valuesOf(e.getValue())) {
          if (!cookie.isEmpty()) cookie.append("; ");
          cookie.append(e.getKey()).append('=').append(value);
        }
      }
    }
    if (!cookie.isEmpty()) headers.set("Cookie", cookie.toString());
    return new RequestAnswer.Continue(new ViewerRequest(viewer.method, uri + (q.isEmpty() ? "" : "?" + q), headers,
        viewer.viewerIp));
  }

  /** A viewer-response handler's return value applied to {@code r}: headers and cookies (the status stays). */
  static void applyResponse(String json, FullHttpResponse r) {
    JsonNode out = JSON.readTree(json);
    if (out == null || !out.isObject()) throw new IllegalArgumentException("the function returned no response");
    for (String name : List.copyOf(r.headers().names())) {
      if (!NOT_IN_RESPONSE_EVENT.contains(name.toLowerCase(Locale.ROOT))) r.headers().remove(name);
    }
    r.headers().remove("Set-Cookie");
    headersAndCookies(out, r.headers());
  }

  private static FullHttpResponse response(JsonNode out) {
    int status = out.path("statusCode").asInt();
    String reason = out.path("statusDescription").asString(null);
    byte[] body = new byte[0];
    JsonNode b = out.get("body");
    if (b != null && b.isString()) {
      body = b.asString().getBytes(StandardCharsets.UTF_8);
    } else if (b != null && b.isObject()) {
      String data = b.path("data").asString("");
      body = "base64".equals(b.path("encoding").asString("text")) ? Base64.getDecoder().decode(data)
          : data.getBytes(StandardCharsets.UTF_8);
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        reason == null ? HttpResponseStatus.valueOf(status) : new HttpResponseStatus(status, reason),
        Unpooled.wrappedBuffer(body));
    headersAndCookies(out, r.headers());
    r.headers().set("Content-Length", body.length);
    r.headers().set("Server", "CloudFront");
    return r;
  }

  private static void headersAndCookies(JsonNode out, HttpHeaders into) {
    JsonNode h = out.get("headers");
    if (h != null && h.isObject()) {
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        if (NOT_IN_RESPONSE_EVENT.contains(e.getKey().toLowerCase(Locale.ROOT))) continue;
        for (String value : valuesOf(e.getValue())) into.add(e.getKey(), value);
      }
    }
    JsonNode c = out.get("cookies");
    if (c != null && c.isObject()) {
      for (Map.Entry<String, JsonNode> e : c.properties()) {
        List<JsonNode> each = new ArrayList<>();
        if (e.getValue().has("multiValue")) e.getValue().get("multiValue").forEach(each::add);
        else each.add(e.getValue());
        for (JsonNode one : each) {
          String attrs = one.path("attributes").asString("");
          into.add("Set-Cookie", e.getKey() + "=" + one.path("value").asString("") + (attrs.isEmpty() ? "" : "; " + attrs));
        }
      }
    }
  }

  /** The values of {@code {value}} or {@code {value, multiValue}} (multiValue wins when present). */
  private static List<String> valuesOf(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.has("multiValue") && v.get("multiValue").isArray()) {
      v.get("multiValue").forEach(m -> out.add(m.path("value").asString("")));
    } else {
      out.add(v.path("value").asString(""));
    }
    return out;
  }
}
