package dev.stratus.apigateway;

import dev.stratus.apigateway.model.RestApi;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.apigateway.model.*;

/** The API Gateway v1 operations over methods, integrations and their responses. */
public final class MethodOperations {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
  private static final List<String> AUTHORIZATION_TYPES = List.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
  private static final List<String> INTEGRATION_TYPES = List.of("HTTP", "HTTP_PROXY", "MOCK", "AWS", "AWS_PROXY");

  private final Store store;

  public MethodOperations(Store store) { this.store = store; }

  private static String httpMethod(String m) {
    String up = m == null ? "" : m.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(up)) throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are " + METHODS);
    return up;
  }

  static RestApi.Method method(RestApi api, String resourceId, String httpMethod) {
    RestApi.Method m = RestApiOperations.resource(api, resourceId).methods().get(httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT));
    if (m == null) throw ApiGatewayErrors.methodNotFound();
    return m;
  }

  /** Changes one method of one resource in a transaction; returns the changed method. */
  private RestApi.Method changeMethod(RequestContext ctx, String apiId, String resourceId, String httpMethod,
      UnaryOperator<RestApi.Method> change) {
    String m = httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT);
    RestApi api = RestApiOperations.change(store, ctx, apiId, a -> {
      RestApi.Resource r = RestApiOperations.resource(a, resourceId);
      RestApi.Method changed = change.apply(method(a, resourceId, m));
      return a.withResources(rs -> {
        rs.put(r.id(), r.withMethods(ms -> {
          ms.put(m, changed);
          return ms;
        }));
        return rs;
      });
    });
    return api.resources().get(resourceId).methods().get(m);
  }

  private static RestApi.Integration integration(RestApi.Method m) {
    if (m.integration() == null) throw ApiGatewayErrors.integrationNotFound();
    return m.integration();
  }

  private static void checkAuthorization(RestApi api, String type, String authorizerId) {
    if (!AUTHORIZATION_TYPES.contains(type)) throw ApiGatewayErrors.badRequest("Invalid authorization type specified: " + type);
    boolean needsAuthorizer = type.equals("CUSTOM") || type.equals("COGNITO_USER_POOLS");
    if (needsAuthorizer && (authorizerId == null || !api.authorizers().containsKey(authorizerId))) {
      throw ApiGatewayErrors.badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or"
          + " COGNITO_USER_POOLS requires a valid authorizer.");
    }
  }

  public PutMethodResponse putMethod(RequestContext ctx, PutMethodRequest req) {
    String m = httpMethod(req.httpMethod());
    String auth = req.authorizationType() == null ? "NONE" : req.authorizationType();
    RestApi api = RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      RestApi.Resource r = RestApiOperations.resource(a, req.resourceId());
      if (r.methods().containsKey(m)) throw ApiGatewayErrors.conflict("Method already exists for this resource");
      checkAuthorization(a, auth, req.authorizerId());
      if (req.requestValidatorId() != null && !a.validators().containsKey(req.requestValidatorId())) {
        throw ApiGatewayErrors.badRequest("Invalid Request Validator identifier specified");
      }
      if (req.hasRequestModels()) {
        for (String model : req.requestModels().values()) {
          if (a.models().values().stream().noneMatch(x -> x.name().equals(model))) {
            throw ApiGatewayErrors.badRequest("Invalid model identifier specified: " + model);
          }
        }
      }
      var method = new RestApi.Method(m, auth, req.authorizerId(), Boolean.TRUE.equals(req.apiKeyRequired()),
          req.requestValidatorId(), req.operationName(), req.requestParameters(), req.requestModels(),
          req.authorizationScopes(), Map.of(), null);
      return a.withResources(rs -> {
        rs.put(r.id(), r.withMethods(ms -> {
          ms.put(m, method);
          return ms;
        }));
        return rs;
      });
    });
    var s = RestShapes.method(api.resources().get(req.resourceId()).methods().get(m));
    return PutMethodResponse.builder().httpMethod(s.httpMethod()).authorizationType(s.authorizationType())
        .authorizerId(s.authorizerId()).apiKeyRequired(s.apiKeyRequired()).requestValidatorId(s.requestValidatorId())
        .operationName(s.operationName()).requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .requestModels(s.hasRequestModels() ? s.requestModels() : null)
        .authorizationScopes(s.hasAuthorizationScopes() ? s.authorizationScopes() : null).build();
  }

  public GetMethodResponse getMethod(RequestContext ctx, GetMethodRequest req) {
    var s = RestShapes.method(method(RestApiOperations.load(store, ctx, req.restApiId()), req.resourceId(), req.httpMethod()));
    return GetMethodResponse.builder().httpMethod(s.httpMethod()).authorizationType(s.authorizationType())
        .authorizerId(s.authorizerId()).apiKeyRequired(s.apiKeyRequired()).requestValidatorId(s.requestValidatorId())
        .operationName(s.operationName()).requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .requestModels(s.hasRequestModels() ? s.requestModels() : null)
        .methodResponses(s.hasMethodResponses() ? s.methodResponses() : null).methodIntegration(s.methodIntegration())
        .authorizationScopes(s.hasAuthorizationScopes() ? s.authorizationScopes() : null).build();
  }

  public UpdateMethodResponse updateMethod(RequestContext ctx, UpdateMethodRequest req) {
    RestApi api = RestApiOperations.load(store, ctx, req.restApiId());
    var changed = changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      String[] auth = {m.authorizationType(), m.authorizerId(), m.requestValidatorId()};
      boolean[] key = {m.apiKeyRequired()};
      Map<String, Boolean> params = new LinkedHashMap<>(m.requestParameters());
      Patches.apply(req.patchOperations(), (op, p, value) -> switch (p[0]) {
        case "apiKeyRequired" -> { key[0] = Patches.bool(value); yield true; }
        case "authorizationType" -> { auth[0] = value; yield true; }
        case "authorizerId" -> { auth[1] = value; yield true; }
        case "requestValidatorId" -> { auth[2] = value; yield true; }
        case "requestParameters" -> {
          String name = Patches.unescape(Patches.path(p, 1));
          if (op.equals("remove")) params.remove(name);
          else params.put(name, Patches.bool(value));
          yield true;
        }
        default -> false;
      });
      checkAuthorization(api, auth[0], auth[1]);
      if (auth[2] != null && !api.validators().containsKey(auth[2])) throw ApiGatewayErrors.validatorNotFound();
      return m.withAccess(auth[0], auth[1], key[0], auth[2], params);
    });
    var s = RestShapes.method(changed);
    return UpdateMethodResponse.builder().httpMethod(s.httpMethod()).authorizationType(s.authorizationType())
        .authorizerId(s.authorizerId()).apiKeyRequired(s.apiKeyRequired()).requestValidatorId(s.requestValidatorId())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .methodIntegration(s.methodIntegration()).build();
  }

  public DeleteMethodResponse deleteMethod(RequestContext ctx, DeleteMethodRequest req) {
    RestApiOperations.change(store, ctx, req.restApiId(), a -> {
      method(a, req.resourceId(), req.httpMethod());
      RestApi.Resource r = a.resources().get(req.resourceId());
      return a.withResources(rs -> {
        rs.put(r.id(), r.withMethods(ms -> {
          ms.remove(req.httpMethod().toUpperCase(Locale.ROOT));
          return ms;
        }));
        return rs;
      });
    });
    return DeleteMethodResponse.builder().build();
  }

  public PutMethodResponseResponse putMethodResponse(RequestContext ctx, PutMethodResponseRequest req) {
    var r = new RestApi.MethodResponse(statusCode(req.statusCode()), req.responseParameters(), req.responseModels());
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> m.withMethodResponses(rs -> {
      rs.put(r.statusCode(), r);
      return rs;
    }));
    var s = RestShapes.methodResponse(r);
    return PutMethodResponseResponse.builder().statusCode(s.statusCode())
        .responseParameters(s.hasResponseParameters() ? s.responseParameters() : null)
        .responseModels(s.hasResponseModels() ? s.responseModels() : null).build();
  }

  public GetMethodResponseResponse getMethodResponse(RequestContext ctx, GetMethodResponseRequest req) {
    var m = method(RestApiOperations.load(store, ctx, req.restApiId()), req.resourceId(), req.httpMethod());
    var r = m.methodResponses().get(req.statusCode());
    if (r == null) throw ApiGatewayErrors.responseNotFound();
    var s = RestShapes.methodResponse(r);
    return GetMethodResponseResponse.builder().statusCode(s.statusCode())
        .responseParameters(s.hasResponseParameters() ? s.responseParameters() : null)
        .responseModels(s.hasResponseModels() ? s.responseModels() : null).build();
  }

  public DeleteMethodResponseResponse deleteMethodResponse(RequestContext ctx, DeleteMethodResponseRequest req) {
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      if (!m.methodResponses().containsKey(req.statusCode())) throw ApiGatewayErrors.responseNotFound();
      return m.withMethodResponses(rs -> {
        rs.remove(req.statusCode());
        return rs;
      });
    });
    return DeleteMethodResponseResponse.builder().build();
  }

  public PutIntegrationResponse putIntegration(RequestContext ctx, PutIntegrationRequest req) {
    String type = req.typeAsString();
    if (type == null || !INTEGRATION_TYPES.contains(type)) {
      throw ApiGatewayErrors.badRequest("Invalid integration type specified: " + type);
    }
    String backendMethod = req.integrationHttpMethod() == null ? null : req.integrationHttpMethod().toUpperCase(Locale.ROOT);
    if (!type.equals("MOCK")) {
      if (backendMethod == null) throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
      httpMethod(backendMethod);
      if (req.uri() == null) throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
    }
    if (type.startsWith("HTTP") && !req.uri().matches("https?://[^/\\s]+.*")) {
      throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
    }
    if (type.equals("AWS_PROXY") && !req.uri().contains(":lambda:path/") && !req.uri().contains(":firehose:")) {
      throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and"
          + " Firehose stream invocations.");
    }
    int timeout = req.timeoutInMillis() == null ? RestApi.Integration.MAX_TIMEOUT_MILLIS : req.timeoutInMillis();
    if (timeout < 50 || timeout > RestApi.Integration.MAX_TIMEOUT_MILLIS) {
      throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
    }
    String passthrough = req.passthroughBehavior() == null ? "WHEN_NO_MATCH" : req.passthroughBehavior();
    if (!List.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER").contains(passthrough)) {
      throw ApiGatewayErrors.badRequest("Invalid passthrough behavior specified: " + passthrough);
    }
    if ("VPC_LINK".equals(req.connectionTypeAsString()) && (req.connectionId() == null || req.connectionId().isBlank())) {
      throw ApiGatewayErrors.badRequest("ConnectionId must be specified when connectionType is VPC_LINK");
    }
    if ("VPC_LINK".equals(req.connectionTypeAsString()) && !req.connectionId().startsWith("${stageVariables.")) {
      VpcLinkOperations.load(store, ctx, req.connectionId(), "V1");
    }
    var integration = new RestApi.Integration(type, backendMethod, req.uri(),
        req.connectionTypeAsString() == null ? "INTERNET" : req.connectionTypeAsString(), req.connectionId(),
        req.credentials(), req.requestParameters(), req.requestTemplates(), passthrough, req.contentHandlingAsString(),
        timeout, req.cacheNamespace() == null ? req.resourceId() : req.cacheNamespace(), req.cacheKeyParameters(), Map.of());
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> m.withIntegration(integration));
    var s = RestShapes.integration(integration);
    return PutIntegrationResponse.builder().type(s.type()).httpMethod(s.httpMethod()).uri(s.uri())
        .connectionType(s.connectionType()).connectionId(s.connectionId()).credentials(s.credentials())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .requestTemplates(s.hasRequestTemplates() ? s.requestTemplates() : null)
        .passthroughBehavior(s.passthroughBehavior()).contentHandling(s.contentHandling())
        .timeoutInMillis(s.timeoutInMillis()).cacheNamespace(s.cacheNamespace()).cacheKeyParameters(s.cacheKeyParameters())
        .build();
  }

  public GetIntegrationResponse getIntegration(RequestContext ctx, GetIntegrationRequest req) {
    var s = RestShapes.integration(integration(method(RestApiOperations.load(store, ctx, req.restApiId()), req.resourceId(),
        req.httpMethod())));
    return GetIntegrationResponse.builder().type(s.type()).httpMethod(s.httpMethod()).uri(s.uri())
        .connectionType(s.connectionType()).connectionId(s.connectionId()).credentials(s.credentials())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .requestTemplates(s.hasRequestTemplates() ? s.requestTemplates() : null)
        .passthroughBehavior(s.passthroughBehavior()).contentHandling(s.contentHandling())
        .timeoutInMillis(s.timeoutInMillis()).cacheNamespace(s.cacheNamespace()).cacheKeyParameters(s.cacheKeyParameters())
        .integrationResponses(s.hasIntegrationResponses() ? s.integrationResponses() : null).build();
  }

  public DeleteIntegrationResponse deleteIntegration(RequestContext ctx, DeleteIntegrationRequest req) {
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      integration(m);
      return m.withIntegration(null);
    });
    return DeleteIntegrationResponse.builder().build();
  }

  public PutIntegrationResponseResponse putIntegrationResponse(RequestContext ctx, PutIntegrationResponseRequest req) {
    var r = new RestApi.IntegrationResponse(statusCode(req.statusCode()), req.selectionPattern(), req.responseParameters(),
        req.responseTemplates(), req.contentHandlingAsString());
    if (r.selectionPattern() != null) {
      try {
        java.util.regex.Pattern.compile(r.selectionPattern());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw ApiGatewayErrors.badRequest("Invalid selection pattern specified: " + r.selectionPattern());
      }
    }
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      if (!m.methodResponses().containsKey(r.statusCode())) throw ApiGatewayErrors.notFound("Invalid Method Response status code specified");
      return m.withIntegration(integration(m).withResponses(rs -> {
        rs.put(r.statusCode(), r);
        return rs;
      }));
    });
    var s = RestShapes.integrationResponse(r);
    return PutIntegrationResponseResponse.builder().statusCode(s.statusCode()).selectionPattern(s.selectionPattern())
        .responseParameters(s.hasResponseParameters() ? s.responseParameters() : null)
        .responseTemplates(s.hasResponseTemplates() ? s.responseTemplates() : null)
        .contentHandling(s.contentHandling()).build();
  }

  public GetIntegrationResponseResponse getIntegrationResponse(RequestContext ctx, GetIntegrationResponseRequest req) {
    var i = integration(method(RestApiOperations.load(store, ctx, req.restApiId()), req.resourceId(), req.httpMethod()));
    var r = i.integrationResponses().get(req.statusCode());
    if (r == null) throw ApiGatewayErrors.responseNotFound();
    var s = RestShapes.integrationResponse(r);
    return GetIntegrationResponseResponse.builder().statusCode(s.statusCode()).selectionPattern(s.selectionPattern())
        .responseParameters(s.hasResponseParameters() ? s.responseParameters() : null)
        .responseTemplates(s.hasResponseTemplates() ? s.responseTemplates() : null).build();
  }

  public DeleteIntegrationResponseResponse deleteIntegrationResponse(RequestContext ctx, DeleteIntegrationResponseRequest req) {
    changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      var i = integration(m);
      if (!i.integrationResponses().containsKey(req.statusCode())) throw ApiGatewayErrors.responseNotFound();
      return m.withIntegration(i.withResponses(rs -> {
        rs.remove(req.statusCode());
        return rs;
      }));
    });
    return DeleteIntegrationResponseResponse.builder().build();
  }

  /**
   * UpdateIntegration: {@code /uri}, {@code /httpMethod}, {@code /timeoutInMillis},
   * {@code /passthroughBehavior}, {@code /requestTemplates/<type, / as ~1>},
   * {@code /requestParameters/<integration.request.…>}, {@code /cacheKeyParameters/<name>}.
   */
  public UpdateIntegrationResponse updateIntegration(RequestContext ctx, UpdateIntegrationRequest req) {
    var changed = changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      RestApi.Integration i = integration(m);
      String[] text = {i.uri(), i.httpMethod(), i.passthroughBehavior()};
      int[] timeout = {i.timeoutInMillis()};
      Map<String, String> templates = new LinkedHashMap<>(i.requestTemplates());
      Map<String, String> params = new LinkedHashMap<>(i.requestParameters());
      List<String> cacheKeys = new java.util.ArrayList<>(i.cacheKeyParameters());
      Patches.apply(req.patchOperations(), (op, p, value) -> {
        switch (p[0]) {
          case "uri" -> text[0] = value;
          case "httpMethod" -> text[1] = httpMethod(value);
          case "passthroughBehavior" -> {
            if (!List.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER").contains(value)) {
              throw ApiGatewayErrors.badRequest("Invalid passthrough behavior specified: " + value);
            }
            text[2] = value;
          }
          case "timeoutInMillis" -> {
            int t;
            try {
              t = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              t = -1;
            }
            if (t < 50 || t > RestApi.Integration.MAX_TIMEOUT_MILLIS) {
              throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
            }
            timeout[0] = t;
          }
          case "requestTemplates" -> {
            String type = Patches.unescape(Patches.path(p, 1));
            if (op.equals("remove")) templates.remove(type);
            else templates.put(type, value);
          }
          case "requestParameters" -> {
            String name = Patches.unescape(Patches.path(p, 1));
            if (op.equals("remove")) params.remove(name);
            else params.put(name, value);
          }
          case "cacheKeyParameters" -> {
            String name = Patches.unescape(Patches.path(p, 1));
            if (op.equals("remove")) cacheKeys.remove(name);
            else if (!cacheKeys.contains(name)) cacheKeys.add(name);
          }
          default -> {
            return false;
          }
        }
        return true;
      });
      return m.withIntegration(new RestApi.Integration(i.type(), text[1], text[0], i.connectionType(), i.connectionId(),
          i.credentials(), params, templates, text[2], i.contentHandling(), timeout[0], i.cacheNamespace(), cacheKeys,
          i.integrationResponses()));
    });
    var s = RestShapes.integration(changed.integration());
    return UpdateIntegrationResponse.builder().type(s.type()).httpMethod(s.httpMethod()).uri(s.uri())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .requestTemplates(s.hasRequestTemplates() ? s.requestTemplates() : null)
        .passthroughBehavior(s.passthroughBehavior()).timeoutInMillis(s.timeoutInMillis())
        .cacheNamespace(s.cacheNamespace()).cacheKeyParameters(s.cacheKeyParameters())
        .integrationResponses(s.hasIntegrationResponses() ? s.integrationResponses() : null).build();
  }

  /** UpdateIntegrationResponse: {@code /selectionPattern}, {@code /responseTemplates/<type>}, {@code /responseParameters/<name>}. */
  public UpdateIntegrationResponseResponse updateIntegrationResponse(RequestContext ctx, UpdateIntegrationResponseRequest req) {
    var changed = changeMethod(ctx, req.restApiId(), req.resourceId(), req.httpMethod(), m -> {
      RestApi.Integration i = integration(m);
      RestApi.IntegrationResponse r = i.integrationResponses().get(req.statusCode());
      if (r == null) throw ApiGatewayErrors.responseNotFound();
      String[] pattern = {r.selectionPattern()};
      Map<String, String> templates = new LinkedHashMap<>(r.responseTemplates());
      Map<String, String> params = new LinkedHashMap<>(r.responseParameters());
      Patches.apply(req.patchOperations(), (op, p, value) -> {
        switch (p[0]) {
          case "selectionPattern" -> pattern[0] = op.equals("remove") ? null : value;
          case "responseTemplates" -> {
            String type = Patches.unescape(Patches.path(p, 1));
            if (op.equals("remove")) templates.remove(type);
            else templates.put(type, value);
          }
          case "responseParameters" -> {
            String name = Patches.unescape(Patches.path(p, 1));
            if (op.equals("remove")) params.remove(name);
            else params.put(name, value);
          }
          default -> {
            return false;
          }
        }
        return true;
      });
      var updated = new RestApi.IntegrationResponse(r.statusCode(), pattern[0], params, templates, r.contentHandling());
      return m.withIntegration(i.withResponses(rs -> {
        rs.put(updated.statusCode(), updated);
        return rs;
      }));
    });
    var s = RestShapes.integrationResponse(changed.integration().integrationResponses().get(req.statusCode()));
    return UpdateIntegrationResponseResponse.builder().statusCode(s.statusCode()).selectionPattern(s.selectionPattern())
        .responseParameters(s.hasResponseParameters() ? s.responseParameters() : null)
        .responseTemplates(s.hasResponseTemplates() ? s.responseTemplates() : null).build();
  }

  private static String statusCode(String code) {
    if (code == null || !code.matches("[1-5]\\d\\d")) throw ApiGatewayErrors.badRequest("Invalid status code specified: " + code);
    return code;
  }
}
