package dev.stratus.apigateway.dataplane;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway's mapping templates (apigateway.md §15): Velocity with {@code $input},
 * {@code $util}, {@code $context} and {@code $stageVariables} as API Gateway defines them.
 * {@code #foreach} stops after 1,000 iterations, API Gateway's limit.
 */
public final class Vtl {
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** #foreach iterations allowed (apigateway.md §15, limits). */
  static final int MAX_FOREACH = 1000;

  private static final VelocityEngine ENGINE = engine();

  private Vtl() {}

  private static VelocityEngine engine() {
    VelocityEngine e = new VelocityEngine();
    e.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "false");
    e.setProperty("directive.foreach.max_loops", String.valueOf(MAX_FOREACH));
    e.setProperty("runtime.log.log_invalid_references", "false");
    e.init();
    return e;
  }

  /**
   * Renders {@code template}.
   *
   * @param input what {@code $input} reads: the body and the request parameters
   * @param context {@code $context} (nested maps: {@code $context.identity.sourceIp})
   */
  public static String render(String template, Input input, Map<String, Object> context, Map<String, String> stageVariables) {
    VelocityContext ctx = new VelocityContext();
    ctx.put("input", input);
    ctx.put("util", new Util());
    ctx.put("context", context);
    ctx.put("stageVariables", stageVariables);
    StringWriter out = new StringWriter();
    ENGINE.evaluate(ctx, out, "mapping-template", template);
    return out.toString();
  }

  /**
   * {@code $input}: the request body and parameters.
   *
   * @param params {@code path}, {@code querystring}, {@code header} → name → value
   */
  public record Input(String body, Map<String, Map<String, String>> params) {
    public String getBody() { return body; }

    /** {@code $input.json('$.a')}: the value at the JSONPath, as JSON text. */
    public String json(String path) {
      JsonNode n = at(path);
      return n == null ? "" : n.toString();
    }

    /** {@code $input.path('$.a')}: the value at the JSONPath, as an object templates can walk. */
    public Object path(String path) {
      JsonNode n = at(path);
      return n == null ? "" : toObject(n);
    }

    /** {@code $input.params()}: every parameter, by kind. */
    public Map<String, Map<String, String>> params() { return params; }

    /** {@code $input.params('x')}: path, then query string, then header (apigateway.md §15). */
    public String params(String name) {
      for (String kind : List.of("path", "querystring", "header")) {
        Map<String, String> m = params.getOrDefault(kind, Map.of());
        if (m.containsKey(name)) return m.get(name);
        if (kind.equals("header")) {
          for (var e : m.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
      }
      return "";
    }

    private JsonNode at(String path) {
      JsonNode root;
      try {
        root = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (RuntimeException e) {
        return null;
      }
      return JsonPaths.select(root, path);
    }
  }

  static Object toObject(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (var e : n.properties()) m.put(e.getKey(), toObject(e.getValue()));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new java.util.ArrayList<>();
      n.forEach(x -> l.add(toObject(x)));
      return l;
    }
    if (n.isNull()) return null;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isIntegralNumber()) return n.longValue();
    if (n.isNumber()) return n.doubleValue();
    return n.asString();
  }

  /** {@code $util}. */
  public static final class Util {
    public String escapeJavaScript(String s) {
      if (s == null) return "";
      StringBuilder b = new StringBuilder();
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\'' -> b.append("\\'");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          case '/' -> b.append("\\/");
          default -> b.append(c);
        }
      }
      return b.toString();
    }

    public Object parseJson(String s) { return toObject(JSON.readTree(s)); }

    public String urlEncode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    public String urlDecode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

    public String base64Encode(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    public String base64Decode(String s) { return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8); }
  }
}
