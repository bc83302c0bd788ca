package dev.stratus.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * OpenAPI 3 and Swagger 2 documents in JSON or YAML, as ImportRestApi, PutRestApi, GetExport,
 * ImportApi and ExportApi read and write them, and the small readers both importers share.
 */
final class OpenApiDocuments {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  /** The operations of a path item; {@code x-amazon-apigateway-any-method} is API Gateway's ANY. */
  static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch",
      "x-amazon-apigateway-any-method");

  private OpenApiDocuments() {}

  /** The document, or AWS's 400 when the body is neither JSON nor YAML of an OpenAPI/Swagger document. */
  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    String text = new String(body, StandardCharsets.UTF_8).strip();
    JsonNode doc;
    try {
      doc = text.startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
    } catch (JacksonException e) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
    if (doc == null || !doc.isObject() || (!doc.has("swagger") && !doc.has("openapi"))) {
      throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
    }
    return doc;
  }

  static byte[] write(JsonNode doc, boolean yaml) {
    return yaml ? YAML.writeValueAsBytes(doc) : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
  }

  static boolean swagger2(JsonNode doc) { return doc.has("swagger"); }

  /**
   * {@code x-amazon-apigateway-endpoint-configuration}'s disableExecuteApiEndpoint: top level in
   * Swagger 2.0, on a server object in OpenAPI 3 (null: not said). See
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
   */
  static Boolean disableExecuteApiEndpoint(JsonNode doc) {
    String ext = "x-amazon-apigateway-endpoint-configuration";
    JsonNode config = doc.path(ext);
    if (!swagger2(doc)) {
      for (JsonNode server : doc.path("servers")) if (server.has(ext)) config = server.path(ext);
    }
    JsonNode v = config.path("disableExecuteApiEndpoint");
    return v.isBoolean() ? v.asBoolean() : null;
  }

  /** The base path: Swagger's {@code basePath}, or the path of OpenAPI's first server URL (with its variables' defaults). */
  static String basePath(JsonNode doc) {
    if (swagger2(doc)) return doc.path("basePath").asString("");
    JsonNode server = doc.path("servers").path(0);
    String url = server.path("url").asString("");
    for (Map.Entry<String, JsonNode> v : server.path("variables").properties()) {
      url = url.replace("{" + v.getKey() + "}", v.getValue().path("default").asString(""));
    }
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      url = slash < 0 ? "" : url.substring(slash);
    }
    return url;
  }

  /**
   * The path API Gateway gives a document path under the {@code basepath} import parameter:
   * {@code ignore} (default) drops the base path, {@code prepend} puts it in front, {@code split}
   * drops its first part (taken as a stage name) and prepends the rest.
   */
  static String resourcePath(String basePath, String mode, String path) {
    String base = basePath == null ? "" : basePath.replaceAll("/+$", "");
    String prefix = switch (mode == null ? "ignore" : mode.toLowerCase(Locale.ROOT)) {
      case "prepend" -> base;
      case "split" -> {
        String b = base.startsWith("/") ? base.substring(1) : base;
        int slash = b.indexOf('/');
        yield slash < 0 ? "" : b.substring(slash);
      }
      case "ignore" -> "";
      default -> throw ApiGatewayErrors.badRequest("Invalid basepath parameter: " + mode);
    };
    String joined = prefix + (path.startsWith("/") ? path : "/" + path);
    return joined.length() > 1 ? joined.replaceAll("/+$", "") : joined;
  }

  /** The model name a {@code $ref} names ({@code #/definitions/Pet}, {@code #/components/schemas/Pet}). */
  static String refName(JsonNode schema) {
    String ref = schema == null ? null : schema.path("$ref").asString(null);
    return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
  }

  static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
    }
    return out;
  }

  static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) n.forEach(x -> out.add(x.asString()));
    else if (n.isString()) for (String s : n.asString().split(",")) out.add(s.trim());
    return out;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
  }

  static ObjectNode object() { return JSON.createObjectNode(); }

  static void putIfNotNull(ObjectNode n, String field, String value) {
    if (value != null) n.put(field, value);
  }

  static void putStrings(ObjectNode n, String field, Map<String, String> values) {
    if (values == null || values.isEmpty()) return;
    ObjectNode o = n.putObject(field);
    values.forEach(o::put);
  }
}
