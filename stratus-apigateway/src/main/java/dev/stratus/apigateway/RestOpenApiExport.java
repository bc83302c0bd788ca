package dev.stratus.apigateway;

import static dev.stratus.apigateway.OpenApiDocuments.object;
import static dev.stratus.apigateway.OpenApiDocuments.putIfNotNull;
import static dev.stratus.apigateway.OpenApiDocuments.putStrings;

import dev.stratus.apigateway.model.RestApi;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deployed REST API as GetExport writes it: OpenAPI 3.0.1 ({@code oas30}) or Swagger 2.0
 * ({@code swagger}); {@code extensions=integrations} adds {@code x-amazon-apigateway-integration},
 * {@code authorizers} the authorizers, {@code apigateway} all of API Gateway's extensions
 * (validators, gateway responses, api-key-source, binary media types, policy too). The result
 * imports back into an equal API.
 */
final class RestOpenApiExport {
  private static final String X = "x-amazon-apigateway-";

  private RestOpenApiExport() {}

  static JsonNode export(RestApi api, String stageName, Instant deployedAt, boolean oas30, Set<String> extensions) {
    boolean integrations = extensions.contains("integrations") || extensions.contains("apigateway");
    boolean authorizers = extensions.contains("authorizers") || extensions.contains("apigateway");
    boolean all = extensions.contains("apigateway");
    String host = api.id() + ".execute-api." + api.region() + ".amazonaws.com";
    ObjectNode doc = object();
    if (oas30) doc.put("openapi", "3.0.1");
    else doc.put("swagger", "2.0");
    ObjectNode info = doc.putObject("info");
    putIfNotNull(info, "description", api.description());
    info.put("version", deployedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    info.put("title", api.name());
    if (oas30) {
      ObjectNode server = doc.putArray("servers").addObject();
      server.put("url", "https://" + host + "/{basePath}");
      server.putObject("variables").putObject("basePath").put("default", stageName);
    } else {
      doc.put("host", host);
      doc.put("basePath", "/" + stageName);
      doc.putArray("schemes").add("https");
    }

    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemes = object();
    api.resources().values().stream().sorted(Comparator.comparing(RestApi.Resource::path)).forEach(r -> {
      if (r.methods().isEmpty()) return;
      ObjectNode item = paths.putObject(r.path());
      r.methods().values().forEach(m -> {
        String key = m.httpMethod().equals("ANY") ? X + "any-method" : m.httpMethod().toLowerCase(Locale.ROOT);
        item.set(key, operation(api, m, oas30, integrations, all, schemes, authorizers));
      });
    });

    ObjectNode models = object();
    api.models().values().forEach(m -> {
      try {
        models.set(m.name(), m.schema() == null ? object() : OpenApiDocuments.JSON.readTree(m.schema()));
      } catch (RuntimeException e) {
        models.putObject(m.name());
      }
    });
    if (oas30) {
      ObjectNode components = object();
      if (!models.isEmpty()) components.set("schemas", models);
      if (!schemes.isEmpty()) components.set("securitySchemes", schemes);
      if (!components.isEmpty()) doc.set("components", components);
    } else {
      if (!schemes.isEmpty()) doc.set("securityDefinitions", schemes);
      if (!models.isEmpty()) doc.set("definitions", models);
    }

    if (all) {
      if (!api.validators().isEmpty()) {
        ObjectNode vs = doc.putObject(X + "request-validators");
        api.validators().values().forEach(v -> vs.putObject(v.name()).put("validateRequestParameters", v.validateRequestParameters())
            .put("validateRequestBody", v.validateRequestBody()));
      }
      if (!api.gatewayResponses().isEmpty()) {
        ObjectNode grs = doc.putObject(X + "gateway-responses");
        api.gatewayResponses().values().forEach(g -> {
          ObjectNode o = grs.putObject(g.responseType());
          putIfNotNull(o, "statusCode", g.statusCode());
          putStrings(o, "responseParameters", g.responseParameters());
          putStrings(o, "responseTemplates", g.responseTemplates());
        });
      }
      doc.put(X + "api-key-source", api.apiKeySource());
      if (!api.binaryMediaTypes().isEmpty()) {
        ArrayNode b = doc.putArray(X + "binary-media-types");
        api.binaryMediaTypes().forEach(b::add);
      }
      if (api.policy() != null) {
        try {
          doc.set(X + "policy", OpenApiDocuments.JSON.readTree(api.policy()));
        } catch (RuntimeException e) {
          doc.put(X + "policy", api.policy());
        }
      }
    }
    return doc;
  }

  private static ObjectNode operation(RestApi api, RestApi.Method m, boolean oas30, boolean integrations, boolean all,
      ObjectNode schemes, boolean authorizers) {
    ObjectNode op = object();
    putIfNotNull(op, "operationId", m.operationName());
    ArrayNode params = object().arrayNode();
    for (Map.Entry<String, Boolean> p : m.requestParameters().entrySet()) {
      String[] parts = p.getKey().split("\\.", 4);
      if (parts.length != 4) continue;
      String in = switch (parts[2]) {
        case "path" -> "path";
        case "querystring", "multivaluequerystring" -> "query";
        case "header", "multivalueheader" -> "header";
        default -> null;
      };
      if (in == null) continue;
      ObjectNode param = params.addObject().put("name", parts[3]).put("in", in).put("required", Boolean.TRUE.equals(p.getValue()));
      if (oas30) param.putObject("schema").put("type", "string");
      else param.put("type", "string");
    }
    m.requestModels().forEach((type, model) -> {
      if (oas30) {
        op.withObject("requestBody").withObject("content").putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + model);
        op.withObject("requestBody").put("required", true);
      } else {
        params.addObject().put("in", "body").put("name", model).put("required", true).putObject("schema")
            .put("$ref", "#/definitions/" + model);
      }
    });
    if (!params.isEmpty()) op.set("parameters", params);
    ObjectNode responses = op.putObject("responses");
    m.methodResponses().values().forEach(r -> {
      ObjectNode o = responses.putObject(r.statusCode());
      o.put("description", r.statusCode() + " response");
      r.responseParameters().keySet().forEach(h -> {
        String name = h.substring(h.lastIndexOf('.') + 1);
        ObjectNode header = o.withObject("headers").putObject(name);
        if (oas30) header.putObject("schema").put("type", "string");
        else header.put("type", "string");
      });
      r.responseModels().forEach((type, model) -> {
        if (oas30) o.withObject("content").putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + model);
        else o.putObject("schema").put("$ref", "#/definitions/" + model);
      });
    });
    ArrayNode security = object().arrayNode();
    if (m.apiKeyRequired()) {
      security.addObject().putArray("api_key");
      schemes.putObject("api_key").put("type", "apiKey").put("name", "x-api-key").put("in", "header");
    }
    if (m.authorizationType().equals("AWS_IAM")) {
      security.addObject().putArray("sigv4");
      schemes.putObject("sigv4").put("type", "apiKey").put("name", "Authorization").put("in", "header")
          .put(X + "authtype", "awsSigv4");
    }
    RestApi.Authorizer a = m.authorizerId() == null ? null : api.authorizers().get(m.authorizerId());
    if (a != null) {
      ArrayNode scopes = security.addObject().putArray(a.name());
      m.authorizationScopes().forEach(scopes::add);
      ObjectNode s = schemes.putObject(a.name()).put("type", "apiKey");
      String identity = a.identitySource() == null ? "" : a.identitySource();
      s.put("name", identity.startsWith("method.request.header.") ? identity.substring("method.request.header.".length())
          : "Unused");
      s.put("in", "header");
      s.put(X + "authtype", a.authType() == null ? (a.type().equals("COGNITO_USER_POOLS") ? "cognito_user_pools" : "custom")
          : a.authType());
      if (authorizers) {
        ObjectNode x = s.putObject(X + "authorizer");
        x.put("type", a.type().toLowerCase(Locale.ROOT));
        putIfNotNull(x, "authorizerUri", a.authorizerUri());
        putIfNotNull(x, "authorizerCredentials", a.authorizerCredentials());
        putIfNotNull(x, "identitySource", a.identitySource());
        putIfNotNull(x, "identityValidationExpression", a.identityValidationExpression());
        if (!a.providerArns().isEmpty()) {
          ArrayNode arns = x.putArray("providerARNs");
          a.providerArns().forEach(arns::add);
        }
        x.put("authorizerResultTtlInSeconds", a.resultTtlInSeconds());
      }
    }
    if (!security.isEmpty()) op.set("security", security);
    if (all && m.requestValidatorId() != null && api.validators().containsKey(m.requestValidatorId())) {
      op.put(X + "request-validator", api.validators().get(m.requestValidatorId()).name());
    }
    if (integrations && m.integration() != null) op.set(X + "integration", integration(m.integration()));
    return op;
  }

  private static ObjectNode integration(RestApi.Integration i) {
    ObjectNode o = object();
    o.put("type", i.type().toLowerCase(Locale.ROOT));
    putIfNotNull(o, "httpMethod", i.httpMethod());
    putIfNotNull(o, "uri", i.uri());
    if (!"INTERNET".equals(i.connectionType())) putIfNotNull(o, "connectionType", i.connectionType());
    putIfNotNull(o, "connectionId", i.connectionId());
    putIfNotNull(o, "credentials", i.credentials());
    putStrings(o, "requestParameters", i.requestParameters());
    putStrings(o, "requestTemplates", i.requestTemplates());
    o.put("passthroughBehavior", i.passthroughBehavior().toLowerCase(Locale.ROOT));
    putIfNotNull(o, "contentHandling", i.contentHandling());
    o.put("timeoutInMillis", i.timeoutInMillis());
    if (!i.cacheKeyParameters().isEmpty()) {
      ArrayNode k = o.putArray("cacheKeyParameters");
      i.cacheKeyParameters().forEach(k::add);
    }
    if (!i.integrationResponses().isEmpty()) {
      ObjectNode rs = o.putObject("responses");
      i.integrationResponses().values().forEach(r -> {
        ObjectNode x = rs.putObject(r.selectionPattern() == null ? "default" : r.selectionPattern());
        x.put("statusCode", r.statusCode());
        putStrings(x, "responseParameters", r.responseParameters());
        putStrings(x, "responseTemplates", r.responseTemplates());
        putIfNotNull(x, "contentHandling", r.contentHandling());
      });
    }
    return o;
  }
}
