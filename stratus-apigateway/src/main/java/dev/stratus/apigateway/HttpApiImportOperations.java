package dev.stratus.apigateway;

import static dev.stratus.apigateway.OpenApiDocuments.list;
import static dev.stratus.apigateway.OpenApiDocuments.object;
import static dev.stratus.apigateway.OpenApiDocuments.putIfNotNull;
import static dev.stratus.apigateway.OpenApiDocuments.text;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.HttpDeployment;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * apigatewayv2 ImportApi, ReimportApi and ExportApi for HTTP APIs: routes from an OpenAPI 3 (or
 * Swagger 2) document's paths and operations ({@code x-amazon-apigateway-any-method} → ANY, the
 * path {@code $default} → the {@code $default} route), integrations from
 * {@code x-amazon-apigateway-integration}, JWT and Lambda authorizers from security schemes with
 * {@code x-amazon-apigateway-authorizer}, CORS from {@code x-amazon-apigateway-cors}. ReimportApi
 * replaces the API's definition with the document's; ExportApi writes OAS30 in JSON or YAML.
 */
public final class HttpApiImportOperations {
  private static final String X = "x-amazon-apigateway-";

  private final Store store;
  private final Clock clock;

  public HttpApiImportOperations(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private record Imported(Api api, List<String> warnings) {}

  /** The document applied to {@code base}: its routes, integrations, authorizers and CORS replace the API's. */
  private static Imported apply(JsonNode doc, Api base, String basepath) {
    List<String> warnings = new ArrayList<>();
    String title = text(doc.path("info"), "title");
    if (title == null) throw ApiGatewayErrors.badRequest("Invalid OpenAPI input: info.title is required.");
    JsonNode schemes = OpenApiDocuments.swagger2(doc) ? doc.path("securityDefinitions") : doc.path("components").path("securitySchemes");
    Map<String, Api.Authorizer> authorizers = new LinkedHashMap<>();
    Map<String, String> authorizerIdByScheme = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : schemes.properties()) {
      JsonNode a = e.getValue().path(X + "authorizer");
      if (a.isMissingNode()) continue;
      String type = a.path("type").asString("").toUpperCase(Locale.ROOT);
      String id = ApiIds.next(6);
      if (type.equals("JWT")) {
        JsonNode jwt = a.path("jwtConfiguration");
        if (text(jwt, "issuer") == null) {
          throw ApiGatewayErrors.badRequest("JwtConfiguration with an Issuer is required for JWT authorizers");
        }
        List<String> identity = list(a.path("identitySource"));
        authorizers.put(id, new Api.Authorizer(id, e.getKey(), "JWT",
            identity.isEmpty() ? List.of("$request.header.Authorization") : identity, text(jwt, "issuer"),
            list(jwt.path("audience")), null, null, false, 0));
      } else if (type.equals("REQUEST")) {
        authorizers.put(id, new Api.Authorizer(id, e.getKey(), "REQUEST", list(a.path("identitySource")), null, List.of(),
            text(a, "authorizerUri"), a.path("authorizerPayloadFormatVersion").asString("2.0"),
            a.path("enableSimpleResponses").asBoolean(false), a.path("authorizerResultTtlInSeconds").asInt(0)));
      } else {
        warnings.add("Unsupported authorizer type " + type + " in security scheme " + e.getKey());
        continue;
      }
      authorizerIdByScheme.put(e.getKey(), id);
    }

    Map<String, Api.Integration> integrations = new LinkedHashMap<>();
    Map<String, Api.Route> routes = new LinkedHashMap<>();
    String basePath = OpenApiDocuments.basePath(doc);
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      if (p.getKey().startsWith("x-")) continue;
      boolean isDefault = p.getKey().equals("$default");
      String path = isDefault ? null : OpenApiDocuments.resourcePath(basePath, basepath, p.getKey());
      for (String op : OpenApiDocuments.OPERATIONS) {
        JsonNode operation = p.getValue().path(op);
        if (operation.isMissingNode()) continue;
        String method = op.startsWith("x-") ? "ANY" : op.toUpperCase(Locale.ROOT);
        String routeKey = isDefault ? "$default" : method + " " + path;
        String target = null;
        JsonNode i = operation.path(X + "integration");
        if (!i.isMissingNode()) {
          String type = i.path("type").asString("").toUpperCase(Locale.ROOT);
          var integration = HttpApiOperations.integration("HTTP", ApiIds.next(7), type, text(i, "uri"),
              text(i, "httpMethod") == null ? null : text(i, "httpMethod").toUpperCase(Locale.ROOT),
              text(i, "payloadFormatVersion"), i.has("timeoutInMillis") ? i.path("timeoutInMillis").asInt() : null, Map.of());
          integrations.put(integration.integrationId(), integration);
          target = "integrations/" + integration.integrationId();
        }
        String authType = "NONE", authorizerId = null;
        List<String> scopes = new ArrayList<>();
        JsonNode security = operation.has("security") ? operation.path("security") : doc.path("security");
        for (JsonNode requirement : security) {
          for (Map.Entry<String, JsonNode> s : requirement.properties()) {
            String id = authorizerIdByScheme.get(s.getKey());
            if (id == null) {
              warnings.add("Unsupported security scheme " + s.getKey() + " on route " + routeKey);
              continue;
            }
            authType = authorizers.get(id).authorizerType().equals("JWT") ? "JWT" : "CUSTOM";
            authorizerId = id;
            scopes.addAll(list(s.getValue()));
          }
        }
        String routeId = ApiIds.next(7);
        routes.put(routeId, new Api.Route(routeId, routeKey, target, authType, authorizerId, scopes, false));
      }
    }
    Api.Cors cors = null;
    JsonNode c = doc.path(X + "cors");
    if (!c.isMissingNode()) {
      cors = new Api.Cors(list(c.path("allowOrigins")), list(c.path("allowMethods")), list(c.path("allowHeaders")),
          list(c.path("exposeHeaders")), c.path("allowCredentials").asBoolean(false),
          c.has("maxAge") ? c.path("maxAge").asInt() : null);
    }
    Api api = new Api(base.apiId(), base.accountId(), base.region(), title, "HTTP", base.routeSelectionExpression(),
        base.apiEndpoint(), base.createdDate(), text(doc.path("info"), "description"), cors, routes, integrations, authorizers,
        text(doc.path("info"), "version"), java.util.Objects.requireNonNullElse(OpenApiDocuments.disableExecuteApiEndpoint(doc),
        base.disableExecuteApiEndpoint()));
    return new Imported(api, warnings);
  }

  private static void checkWarnings(List<String> warnings, Boolean failOnWarnings) {
    if (Boolean.TRUE.equals(failOnWarnings) && !warnings.isEmpty()) {
      throw ApiGatewayErrors.badRequest("Warnings found during import:\n\t" + String.join("\n\t", warnings));
    }
  }

  private static JsonNode parse(String body) {
    return OpenApiDocuments.parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  public ImportApiResponse importApi(RequestContext ctx, ImportApiRequest req) {
    var doc = parse(req.body());
    String id = ApiIds.next(10);
    var empty = new Api(id, ctx.accountId(), ctx.region(), "imported", "HTTP", "$request.method $request.path",
        "https://" + id + ".execute-api." + ctx.region() + ".amazonaws.com", clock.instant(), null, null,
        Map.of(), Map.of(), Map.of(), null);
    Imported result = apply(doc, empty, req.basepath());
    checkWarnings(result.warnings(), req.failOnWarnings());
    store.write(tx -> {
      tx.put(Api.TABLE, ctx.regionalScope(), id, result.api());
      return null;
    });
    var s = HttpApiOperations.toSdk(result.api());
    return ImportApiResponse.builder().apiId(s.apiId()).name(s.name()).protocolType(s.protocolType())
        .description(s.description()).routeSelectionExpression(s.routeSelectionExpression()).apiEndpoint(s.apiEndpoint())
        .apiKeySelectionExpression(s.apiKeySelectionExpression()).corsConfiguration(s.corsConfiguration())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).createdDate(s.createdDate()).version(s.version())
        .warnings(result.warnings().isEmpty() ? null : result.warnings()).build();
  }

  public ReimportApiResponse reimportApi(RequestContext ctx, ReimportApiRequest req) {
    var doc = parse(req.body());
    List<String>[] warnings = new List[1];
    Api api = HttpApiOperations.change(store, ctx, req.apiId(), a -> {
      if (!"HTTP".equals(a.protocolType())) throw ApiGatewayErrors.badRequest("Reimport is only supported for HTTP APIs");
      Imported result = apply(doc, a, req.basepath());
      checkWarnings(result.warnings(), req.failOnWarnings());
      warnings[0] = result.warnings();
      return result.api();
    });
    var s = HttpApiOperations.toSdk(api);
    return ReimportApiResponse.builder().apiId(s.apiId()).name(s.name()).protocolType(s.protocolType())
        .description(s.description()).routeSelectionExpression(s.routeSelectionExpression()).apiEndpoint(s.apiEndpoint())
        .apiKeySelectionExpression(s.apiKeySelectionExpression()).corsConfiguration(s.corsConfiguration())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).createdDate(s.createdDate()).version(s.version())
        .warnings(warnings[0].isEmpty() ? null : warnings[0]).build();
  }

  public ExportApiResponse exportApi(RequestContext ctx, ExportApiRequest req) {
    Api api = HttpApiOperations.load(store, ctx, req.apiId());
    if (!"OAS30".equals(req.specification())) {
      throw ApiGatewayErrors.badRequest("Invalid specification: " + req.specification() + ". OAS30 is the only supported value.");
    }
    String output = req.outputType() == null ? "" : req.outputType();
    if (!output.equals("JSON") && !output.equals("YAML")) {
      throw ApiGatewayErrors.badRequest("Invalid outputType: " + output + ". Valid values are JSON and YAML.");
    }
    Instant version = api.createdDate();
    String base = "";
    if (req.stageName() != null) {
      HttpStage stage = store.get(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(api.apiId(), req.stageName()))
          .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid stage identifier specified"));
      if (!stage.autoDeploy() && stage.deploymentId() != null) {
        api = store.get(HttpDeployment.TABLE, ctx.regionalScope(), HttpDeployment.key(api.apiId(), stage.deploymentId()))
            .map(HttpDeployment::snapshot).orElse(api);
      }
      version = stage.lastUpdatedDate() == null ? version : stage.lastUpdatedDate();
      base = stage.stageName().equals("$default") ? "" : stage.stageName();
    }
    boolean extensions = !Boolean.FALSE.equals(req.includeExtensions());
    ObjectNode doc = export(api, base, version, extensions);
    return ExportApiResponse.builder().body(SdkBytes.fromByteArray(OpenApiDocuments.write(doc, output.equals("YAML")))).build();
  }

  private static ObjectNode export(Api api, String basePath, Instant version, boolean extensions) {
    ObjectNode doc = object();
    doc.put("openapi", "3.0.1");
    ObjectNode info = doc.putObject("info");
    info.put("title", api.name());
    putIfNotNull(info, "description", api.description());
    info.put("version", version.truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode server = doc.putArray("servers").addObject();
    server.put("url", api.apiEndpoint() + "/{basePath}");
    server.putObject("variables").putObject("basePath").put("default", basePath);
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemes = object();
    api.routes().values().stream().sorted(Comparator.comparing(Api.Route::routeKey)).forEach(r -> {
      String path, op;
      if (r.routeKey().equals("$default")) {
        path = "$default";
        op = X + "any-method";
      } else {
        String[] parts = r.routeKey().split(" ", 2);
        path = parts[1];
        op = parts[0].equals("ANY") ? X + "any-method" : parts[0].toLowerCase(Locale.ROOT);
      }
      ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
      ObjectNode o = item.putObject(op);
      o.putObject("responses").putObject("default").put("description", "Default response for " + r.routeKey());
      Api.Authorizer a = r.authorizerId() == null ? null : api.authorizers().get(r.authorizerId());
      if (a != null) {
        ArrayNode scopes = o.putArray("security").addObject().putArray(a.name());
        r.authorizationScopes().forEach(scopes::add);
        ObjectNode scheme = schemes.putObject(a.name());
        if (a.authorizerType().equals("JWT")) {
          scheme.put("type", "oauth2");
          scheme.putObject("flows");
        } else {
          scheme.put("type", "apiKey").put("name", "Unused").put("in", "header");
        }
        if (extensions) {
          ObjectNode x = scheme.putObject(X + "authorizer");
          ArrayNode identity = object().arrayNode();
          a.identitySource().forEach(identity::add);
          if (a.authorizerType().equals("JWT")) {
            x.put("type", "jwt");
            ObjectNode jwt = x.putObject("jwtConfiguration");
            jwt.put("issuer", a.issuer());
            ArrayNode aud = jwt.putArray("audience");
            a.audience().forEach(aud::add);
            x.put("identitySource", String.join(", ", a.identitySource()));
          } else {
            x.put("type", "request");
            putIfNotNull(x, "authorizerUri", a.authorizerUri());
            putIfNotNull(x, "authorizerPayloadFormatVersion", a.payloadFormatVersion());
            x.put("enableSimpleResponses", a.simpleResponses());
            x.put("authorizerResultTtlInSeconds", a.resultTtlInSeconds());
            x.put("identitySource", String.join(", ", a.identitySource()));
          }
        }
      }
      Api.Integration i = r.integrationId() == null ? null : api.integrations().get(r.integrationId());
      if (extensions && i != null) {
        ObjectNode x = o.putObject(X + "integration");
        x.put("type", i.integrationType().toLowerCase(Locale.ROOT));
        putIfNotNull(x, "httpMethod", i.integrationMethod());
        putIfNotNull(x, "uri", i.integrationUri());
        putIfNotNull(x, "payloadFormatVersion", i.payloadFormatVersion());
        putIfNotNull(x, "connectionType", i.connectionType());
        x.put("timeoutInMillis", i.timeoutInMillis());
      }
    });
    if (!schemes.isEmpty()) doc.putObject("components").set("securitySchemes", schemes);
    if (extensions && api.cors() != null) {
      ObjectNode c = doc.putObject(X + "cors");
      Api.Cors cors = api.cors();
      putList(c, "allowOrigins", cors.allowOrigins());
      putList(c, "allowMethods", cors.allowMethods());
      putList(c, "allowHeaders", cors.allowHeaders());
      putList(c, "exposeHeaders", cors.exposeHeaders());
      c.put("allowCredentials", cors.allowCredentials());
      if (cors.maxAge() != null) c.put("maxAge", cors.maxAge());
    }
    if (extensions) doc.put(X + "importexport-version", "1.0");
    return doc;
  }

  private static void putList(ObjectNode n, String field, List<String> values) {
    if (values.isEmpty()) return;
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }
}
