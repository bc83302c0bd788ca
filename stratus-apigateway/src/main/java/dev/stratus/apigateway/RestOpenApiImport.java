package dev.stratus.apigateway;

import static dev.stratus.apigateway.OpenApiDocuments.list;
import static dev.stratus.apigateway.OpenApiDocuments.refName;
import static dev.stratus.apigateway.OpenApiDocuments.strings;
import static dev.stratus.apigateway.OpenApiDocuments.text;

import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAPI 3 / Swagger 2 document applied to a REST API, as ImportRestApi (a new API) and
 * PutRestApi ({@code overwrite}: the document replaces the API's definition; {@code merge}: its
 * operations, models, validators, authorizers and gateway responses are added or replace the
 * ones of the same name) do, with API Gateway's {@code x-amazon-apigateway-*} extensions:
 * integration, request-validator(s), gateway-responses, api-key-source, authorizer (+ authtype),
 * binary-media-types, policy and any-method. Errors (an invalid integration) fail the import;
 * minor issues (a missing model reference, an unknown security scheme) are warnings, returned
 * with the API or, with {@code failOnWarnings}, failing it.
 */
final class RestOpenApiImport {
  private static final String X = "x-amazon-apigateway-";

  /** The API as the document makes it, and the warnings met on the way. */
  record Result(RestApi api, List<String> warnings) {}

  private final JsonNode doc;
  private final boolean swagger2;
  private final List<String> warnings = new ArrayList<>();

  private RestOpenApiImport(JsonNode doc) {
    this.doc = doc;
    this.swagger2 = OpenApiDocuments.swagger2(doc);
  }

  /**
   * @param base the API to apply the document to (for ImportRestApi a new empty one)
   * @param merge PutRestApi's {@code merge} mode; otherwise the document replaces the definition
   * @param basepathMode the {@code basepath} parameter: ignore, prepend or split
   */
  static Result apply(JsonNode doc, RestApi base, boolean merge, String basepathMode) {
    var imp = new RestOpenApiImport(doc);
    RestApi api = imp.apply(base, merge, basepathMode);
    return new Result(api, List.copyOf(imp.warnings));
  }

  private RestApi apply(RestApi base, boolean merge, String basepathMode) {
    JsonNode info = doc.path("info");
    String title = text(info, "title");
    if (title == null && !merge) throw ApiGatewayErrors.badRequest("Invalid OpenAPI input: info.title is required.");
    RestApi api = base;
    if (!merge) {
      var root = new RestApi.Resource(base.rootResourceId(), null, null, "/", Map.of());
      api = new RestApi(base.id(), base.accountId(), base.region(), base.name(), base.description(), base.createdDate(),
          base.endpointTypes(), base.apiKeySource(), base.binaryMediaTypes(), base.policy(), base.rootResourceId(),
          Map.of(root.id(), root), Map.of(), Map.of(), Map.of(), Map.of(), base.vpcEndpointIds(), base.disableExecuteApiEndpoint(),
          base.disableExecuteApiEndpointApplied());
    }
    String keySource = doc.has(X + "api-key-source") ? doc.path(X + "api-key-source").asString().toUpperCase(Locale.ROOT)
        : api.apiKeySource();
    if (!keySource.equals("HEADER") && !keySource.equals("AUTHORIZER")) {
      throw ApiGatewayErrors.badRequest("Invalid API Key source specified: " + keySource);
    }
    List<String> binary = new ArrayList<>(merge ? api.binaryMediaTypes() : List.of());
    for (String t : list(doc.path(X + "binary-media-types"))) if (!binary.contains(t)) binary.add(t);
    String policy = doc.has(X + "policy") ? text(doc, X + "policy") : merge ? api.policy() : null;
    api = api.withSettings(title == null ? api.name() : title, text(info, "description") == null && merge
        ? api.description() : text(info, "description"), keySource, binary, policy);
    Boolean disableDefault = OpenApiDocuments.disableExecuteApiEndpoint(doc);
    if (disableDefault != null) api = api.withDisableExecuteApiEndpoint(disableDefault); // applied at the next stage change

    api = models(api);
    api = validators(api);
    api = gatewayResponses(api);
    api = authorizers(api);
    api = paths(api, basepathMode);
    return api;
  }

  private RestApi models(RestApi api) {
    JsonNode schemas = swagger2 ? doc.path("definitions") : doc.path("components").path("schemas");
    if (schemas.isEmpty()) return api;
    return api.withModels(ms -> {
      for (Map.Entry<String, JsonNode> e : schemas.properties()) {
        RestApi.Model old = ms.values().stream().filter(m -> m.name().equals(e.getKey())).findFirst().orElse(null);
        String id = old == null ? ApiIds.next(6) : old.id();
        ms.put(id, new RestApi.Model(id, e.getKey(), text(e.getValue(), "description"), e.getValue().toString(),
            "application/json"));
      }
      return ms;
    });
  }

  private RestApi validators(RestApi api) {
    JsonNode vs = doc.path(X + "request-validators");
    if (vs.isEmpty()) return api;
    return api.withValidators(m -> {
      for (Map.Entry<String, JsonNode> e : vs.properties()) {
        RestApi.RequestValidator old = m.values().stream().filter(v -> e.getKey().equals(v.name())).findFirst().orElse(null);
        String id = old == null ? ApiIds.next(6) : old.id();
        m.put(id, new RestApi.RequestValidator(id, e.getKey(), e.getValue().path("validateRequestBody").asBoolean(false),
            e.getValue().path("validateRequestParameters").asBoolean(false)));
      }
      return m;
    });
  }

  private RestApi gatewayResponses(RestApi api) {
    JsonNode grs = doc.path(X + "gateway-responses");
    if (grs.isEmpty()) return api;
    return api.withGatewayResponses(m -> {
      for (Map.Entry<String, JsonNode> e : grs.properties()) {
        GatewayResponseType type;
        try {
          type = GatewayResponseType.valueOf(e.getKey());
        } catch (IllegalArgumentException bad) {
          warnings.add("Invalid gateway response type: " + e.getKey());
          continue;
        }
        JsonNode r = e.getValue();
        m.put(type.name(), new RestApi.GatewayResponse(type.name(), text(r, "statusCode"),
            strings(r.path("responseParameters")), strings(r.path("responseTemplates"))));
      }
      return m;
    });
  }

  private JsonNode securitySchemes() {
    return swagger2 ? doc.path("securityDefinitions") : doc.path("components").path("securitySchemes");
  }

  private RestApi authorizers(RestApi api) {
    JsonNode schemes = securitySchemes();
    return api.withAuthorizers(m -> {
      for (Map.Entry<String, JsonNode> e : schemes.properties()) {
        JsonNode a = e.getValue().path(X + "authorizer");
        if (a.isMissingNode()) continue;
        String type = a.path("type").asString("token").toUpperCase(Locale.ROOT);
        if (!List.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS").contains(type)) {
          throw ApiGatewayErrors.badRequest("Invalid authorizer type specified: " + type);
        }
        String identity = text(a, "identitySource");
        if (identity == null && type.equals("TOKEN")) {
          identity = "method.request.header." + e.getValue().path("name").asString("Authorization");
        }
        if (!type.equals("COGNITO_USER_POOLS") && text(a, "authorizerUri") == null) {
          throw ApiGatewayErrors.badRequest("Authorizer URI is required for TOKEN and REQUEST authorizers");
        }
        int ttl = a.path("authorizerResultTtlInSeconds").asInt(300);
        if (ttl < 0 || ttl > 3600) throw ApiGatewayErrors.badRequest("Authorizer result TTL must be between 0 and 3600 seconds");
        RestApi.Authorizer old = m.values().stream().filter(x -> e.getKey().equals(x.name())).findFirst().orElse(null);
        String id = old == null ? ApiIds.next(6) : old.id();
        m.put(id, new RestApi.Authorizer(id, e.getKey(), type, list(a.path("providerARNs")),
            text(e.getValue(), X + "authtype"), text(a, "authorizerUri"), text(a, "authorizerCredentials"), identity,
            text(a, "identityValidationExpression"), ttl));
      }
      return m;
    });
  }

  private RestApi paths(RestApi api, String basepathMode) {
    String basePath = OpenApiDocuments.basePath(doc);
    Map<String, RestApi.Resource> resources = new LinkedHashMap<>(api.resources());
    Map<String, String> idByPath = new HashMap<>();
    resources.values().forEach(r -> idByPath.put(r.path(), r.id()));
    String defaultValidator = text(doc, X + "request-validator");
    JsonNode defaultSecurity = doc.path("security");
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      if (p.getKey().startsWith("x-")) continue;
      String path = OpenApiDocuments.resourcePath(basePath, basepathMode, p.getKey());
      String resourceId = ensure(resources, idByPath, path);
      JsonNode item = p.getValue();
      for (String op : OpenApiDocuments.OPERATIONS) {
        JsonNode operation = item.path(op);
        if (operation.isMissingNode()) continue;
        String httpMethod = op.startsWith("x-") ? "ANY" : op.toUpperCase(Locale.ROOT);
        RestApi.Method method = method(api, httpMethod, path, item, operation, defaultValidator, defaultSecurity, resourceId);
        RestApi.Resource r = resources.get(resourceId);
        resources.put(resourceId, r.withMethods(ms -> {
          ms.put(httpMethod, method);
          return ms;
        }));
      }
    }
    return api.withResources(m -> resources);
  }

  /** The id of the resource at {@code path}, created with its missing parents. */
  private String ensure(Map<String, RestApi.Resource> resources, Map<String, String> idByPath, String path) {
    String id = idByPath.get(path);
    if (id != null) return id;
    int slash = path.lastIndexOf('/');
    String parentPath = slash == 0 ? "/" : path.substring(0, slash);
    String parentId = ensure(resources, idByPath, parentPath);
    String part = path.substring(slash + 1);
    if (!part.matches("[a-zA-Z0-9._-]+|\\{[a-zA-Z0-9._-]+\\+?}")) {
      throw ApiGatewayErrors.badRequest("Errors found during import:\n\tInvalid resource path part: " + part);
    }
    String newId = ApiIds.next(6);
    resources.put(newId, new RestApi.Resource(newId, parentId, part, path, Map.of()));
    idByPath.put(path, newId);
    return newId;
  }

  private RestApi.Method method(RestApi api, String httpMethod, String path, JsonNode item, JsonNode op,
      String defaultValidator, JsonNode defaultSecurity, String resourceId) {
    String where = "'" + httpMethod + " " + path + "'";
    Map<String, Boolean> params = new LinkedHashMap<>();
    Map<String, String> models = new LinkedHashMap<>();
    List<JsonNode> all = new ArrayList<>();
    item.path("parameters").forEach(all::add);
    op.path("parameters").forEach(all::add);
    for (JsonNode p : all) {
      String in = p.path("in").asString("");
      String name = p.path("name").asString("");
      switch (in) {
        case "path" -> params.put("method.request.path." + name, true);
        case "query" -> params.put("method.request.querystring." + name, p.path("required").asBoolean(false));
        case "header" -> params.put("method.request.header." + name, p.path("required").asBoolean(false));
        case "body" -> {
          List<String> types = list(op.path("consumes"));
          if (types.isEmpty()) types = list(doc.path("consumes"));
          if (types.isEmpty()) types = List.of("application/json");
          String model = model(api, p.path("schema"), where);
          if (model != null) for (String t : types) models.put(t, model);
        }
        default -> { }
      }
    }
    for (Map.Entry<String, JsonNode> c : op.path("requestBody").path("content").properties()) {
      String model = model(api, c.getValue().path("schema"), where);
      if (model != null) models.put(c.getKey(), model);
    }

    String authType = "NONE";
    String authorizerId = null;
    boolean apiKey = false;
    List<String> scopes = new ArrayList<>();
    JsonNode security = op.has("security") ? op.path("security") : defaultSecurity;
    for (JsonNode requirement : security) {
      for (Map.Entry<String, JsonNode> s : requirement.properties()) {
        JsonNode scheme = securitySchemes().path(s.getKey());
        if (scheme.isMissingNode()) {
          warnings.add("Unknown security scheme " + s.getKey() + " on " + where);
          continue;
        }
        RestApi.Authorizer a = api.authorizers().values().stream().filter(x -> s.getKey().equals(x.name())).findFirst().orElse(null);
        String authtype = scheme.path(X + "authtype").asString("");
        if (a != null) {
          authType = a.type().equals("COGNITO_USER_POOLS") ? "COGNITO_USER_POOLS" : "CUSTOM";
          authorizerId = a.id();
          scopes.addAll(list(s.getValue()));
        } else if (authtype.equalsIgnoreCase("awsSigv4")) {
          authType = "AWS_IAM";
        } else if ("apiKey".equals(scheme.path("type").asString("")) && "x-api-key".equalsIgnoreCase(scheme.path("name").asString(""))) {
          apiKey = true;
        } else {
          warnings.add("Unsupported security scheme " + s.getKey() + " on " + where);
        }
      }
    }

    String validatorName = op.has(X + "request-validator") ? text(op, X + "request-validator") : defaultValidator;
    String validatorId = null;
    if (validatorName != null) {
      validatorId = api.validators().values().stream().filter(v -> validatorName.equals(v.name()))
          .map(RestApi.RequestValidator::id).findFirst().orElse(null);
      if (validatorId == null) warnings.add("Request validator " + validatorName + " is not defined, on " + where);
    }

    Map<String, RestApi.MethodResponse> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
      if (!r.getKey().matches("[1-5]\\d\\d")) continue;
      Map<String, Boolean> headers = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> h : r.getValue().path("headers").properties()) {
        headers.put("method.response.header." + h.getKey(), false);
      }
      Map<String, String> responseModels = new LinkedHashMap<>();
      if (swagger2 && r.getValue().has("schema")) {
        String m = model(api, r.getValue().path("schema"), where);
        if (m != null) responseModels.put("application/json", m);
      }
      for (Map.Entry<String, JsonNode> c : r.getValue().path("content").properties()) {
        String m = model(api, c.getValue().path("schema"), where);
        if (m != null) responseModels.put(c.getKey(), m);
      }
      responses.put(r.getKey(), new RestApi.MethodResponse(r.getKey(), headers, responseModels));
    }
    if (!op.has("responses")) warnings.add("Parse issue: attribute paths.'" + path + "'(" + httpMethod.toLowerCase(Locale.ROOT)
        + ").responses is missing");

    RestApi.Integration integration = null;
    JsonNode i = op.path(X + "integration");
    if (!i.isMissingNode()) {
      integration = integration(i, where, resourceId);
      for (String status : integration.integrationResponses().keySet()) {
        responses.putIfAbsent(status, new RestApi.MethodResponse(status, Map.of(), Map.of()));
      }
    }
    return new RestApi.Method(httpMethod, authType, authorizerId, apiKey, validatorId, text(op, "operationId"), params,
        models, scopes, responses, integration);
  }

  /** The model a schema names, or null (inline schemas are not models; a missing one is a warning). */
  private String model(RestApi api, JsonNode schema, String where) {
    String name = refName(schema);
    if (name == null) return null;
    if (api.models().values().stream().noneMatch(m -> m.name().equals(name))) {
      warnings.add("Invalid model reference " + schema.path("$ref").asString() + " on " + where);
      return null;
    }
    return name;
  }

  /** {@code x-amazon-apigateway-integration}, checked as PutIntegration checks it. */
  private static RestApi.Integration integration(JsonNode i, String where, String resourceId) {
    String type = i.path("type").asString("").toUpperCase(Locale.ROOT);
    String fail = "Errors found during import:\n\tUnable to put integration on " + where + ": ";
    if (!List.of("HTTP", "HTTP_PROXY", "MOCK", "AWS", "AWS_PROXY").contains(type)) {
      throw ApiGatewayErrors.badRequest(fail + "Invalid integration type specified: " + type);
    }
    String method = text(i, "httpMethod") == null ? null : text(i, "httpMethod").toUpperCase(Locale.ROOT);
    String uri = text(i, "uri");
    if (!type.equals("MOCK") && (method == null || uri == null)) {
      throw ApiGatewayErrors.badRequest(fail + (method == null ? "Enumeration value for HttpMethod must be non-empty"
          : "Invalid HTTP endpoint specified for URI"));
    }
    if (type.startsWith("HTTP") && !uri.matches("https?://[^/\\s]+.*")) {
      throw ApiGatewayErrors.badRequest(fail + "Invalid HTTP endpoint specified for URI");
    }
    int timeout = i.path("timeoutInMillis").asInt(RestApi.Integration.MAX_TIMEOUT_MILLIS);
    if (timeout < 50 || timeout > RestApi.Integration.MAX_TIMEOUT_MILLIS) {
      throw ApiGatewayErrors.badRequest(fail + "Timeout should be between 50 ms and 29000 ms");
    }
    String passthrough = i.path("passthroughBehavior").asString("WHEN_NO_MATCH").toUpperCase(Locale.ROOT);
    Map<String, RestApi.IntegrationResponse> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> r : i.path("responses").properties()) {
      JsonNode v = r.getValue();
      String status = v.path("statusCode").asString("200");
      responses.put(status, new RestApi.IntegrationResponse(status, r.getKey().equals("default") ? null : r.getKey(),
          strings(v.path("responseParameters")), strings(v.path("responseTemplates")), text(v, "contentHandling")));
    }
    String connectionType = i.path("connectionType").asString("INTERNET").toUpperCase(Locale.ROOT);
    String namespace = text(i, "cacheNamespace");
    return new RestApi.Integration(type, method, uri, connectionType, text(i, "connectionId"), text(i, "credentials"),
        strings(i.path("requestParameters")), strings(i.path("requestTemplates")), passthrough,
        text(i, "contentHandling"), timeout, namespace == null ? resourceId : namespace, list(i.path("cacheKeyParameters")),
        responses);
  }
}
