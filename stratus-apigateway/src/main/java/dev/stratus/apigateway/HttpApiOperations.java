package dev.stratus.apigateway;

import dev.stratus.apigateway.model.Api;
import dev.stratus.apigateway.model.HttpDeployment;
import dev.stratus.apigateway.model.HttpStage;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigatewayv2.model.*;

/** The API Gateway v2 operations over HTTP APIs, their routes, integrations and authorizers. */
public final class HttpApiOperations {
  /** GetApis MaxResults when not given (the API returns every API; we page at 100). */
  private static final int DEFAULT_MAX_RESULTS = 100;
  /** {@code $default}, or {@code METHOD /path} with {@code {var}} segments and a last {@code {var+}}. */
  private static final Pattern ROUTE_KEY = Pattern.compile(
      "\\$default|(ANY|GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /([A-Za-z0-9._~-]+|\\{[A-Za-z0-9._-]+})(/([A-Za-z0-9._~-]+|\\{[A-Za-z0-9._-]+}))*(/\\{[A-Za-z0-9._-]+\\+})?|(ANY|GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /(\\{[A-Za-z0-9._-]+\\+})?");

  private final Store store;
  private final Clock clock;

  public HttpApiOperations(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static Api load(ReadView view, RequestContext ctx, String apiId) {
    return view.get(Api.TABLE, ctx.regionalScope(), apiId == null ? "" : apiId)
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid API identifier specified " + ctx.accountId() + ":" + apiId));
  }

  /** Changes one API; an auto-deployed stage serves the change at once (its snapshot is the API itself). */
  static Api change(Store store, RequestContext ctx, String apiId, UnaryOperator<Api> change) {
    return store.write(tx -> {
      Api changed = change.apply(load(tx, ctx, apiId));
      tx.put(Api.TABLE, ctx.regionalScope(), apiId, changed);
      return changed;
    });
  }

  private static Api.Cors cors(Cors c) {
    if (c == null) return null;
    return new Api.Cors(c.allowOrigins(), c.allowMethods(), c.allowHeaders(), c.exposeHeaders(),
        Boolean.TRUE.equals(c.allowCredentials()), c.maxAge());
  }

  private static Cors cors(Api.Cors c) {
    if (c == null) return null;
    return Cors.builder().allowOrigins(c.allowOrigins()).allowMethods(c.allowMethods()).allowHeaders(c.allowHeaders())
        .exposeHeaders(c.exposeHeaders()).allowCredentials(c.allowCredentials()).maxAge(c.maxAge()).build();
  }

  static software.amazon.awssdk.services.apigatewayv2.model.Api toSdk(Api api) {
    return software.amazon.awssdk.services.apigatewayv2.model.Api.builder()
        .apiId(api.apiId()).name(api.name()).protocolType(api.protocolType()).description(api.description())
        .routeSelectionExpression(api.routeSelectionExpression()).apiEndpoint(api.apiEndpoint())
        .apiKeySelectionExpression("$request.header.x-api-key").corsConfiguration(cors(api.cors()))
        .disableExecuteApiEndpoint(api.disableExecuteApiEndpoint()).createdDate(api.createdDate()).version(api.version()).build();
  }

  public CreateApiResponse createApi(RequestContext ctx, CreateApiRequest req) {
    if (req.name() == null) throw ApiGatewayErrors.badRequest("Name is required");
    String protocol = req.protocolTypeAsString();
    if (!"HTTP".equals(protocol) && !"WEBSOCKET".equals(protocol)) {
      throw ApiGatewayErrors.badRequest("Invalid protocol type specified: " + protocol);
    }
    if ("WEBSOCKET".equals(protocol) && req.routeSelectionExpression() == null) {
      throw ApiGatewayErrors.badRequest("RouteSelectionExpression is required for WEBSOCKET APIs");
    }
    String id = ApiIds.next(10);
    String endpoint = ("HTTP".equals(protocol) ? "https://" : "wss://") + id + ".execute-api." + ctx.region() + ".amazonaws.com";
    Api api = new Api(id, ctx.accountId(), ctx.region(), req.name(), protocol,
        req.routeSelectionExpression() == null ? "$request.method $request.path" : req.routeSelectionExpression(), endpoint,
        clock.instant(), req.description(), cors(req.corsConfiguration()), Map.of(), Map.of(), Map.of(), req.version(),
        Boolean.TRUE.equals(req.disableExecuteApiEndpoint()));
    if (req.target() != null) {
      // Quick create: a $default route to the target and an auto-deployed $default stage.
      if (!"HTTP".equals(protocol)) throw ApiGatewayErrors.badRequest("Quick create is only supported for HTTP APIs");
      var integration = integration("HTTP", ApiIds.next(7), req.target().startsWith("arn:") ? "AWS_PROXY" : "HTTP_PROXY",
          req.target(), "ANY", null, null, null);
      var route = new Api.Route(ApiIds.next(7), req.routeKey() == null ? "$default" : req.routeKey(),
          "integrations/" + integration.integrationId(), "NONE", null, List.of(), false);
      api = api.withIntegrations(m -> { m.put(integration.integrationId(), integration); return m; })
          .withRoutes(m -> { m.put(route.routeId(), route); return m; });
    }
    Api stored = api;
    Instant now = clock.instant();
    store.write(tx -> {
      tx.put(Api.TABLE, ctx.regionalScope(), stored.apiId(), stored);
      ApiGatewayTags.put(tx, ctx, "/apis/" + stored.apiId(), req.tags());
      if (req.target() != null) {
        tx.put(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(stored.apiId(), "$default"),
            new HttpStage(stored.apiId(), "$default", null, true, null, Map.of(), null, Map.of(), now, now));
      }
      return null;
    });
    var s = toSdk(stored);
    return CreateApiResponse.builder().apiId(s.apiId()).name(s.name()).protocolType(s.protocolType())
        .description(s.description()).routeSelectionExpression(s.routeSelectionExpression()).apiEndpoint(s.apiEndpoint())
        .apiKeySelectionExpression(s.apiKeySelectionExpression()).corsConfiguration(s.corsConfiguration())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).createdDate(s.createdDate()).version(s.version()).tags(req.tags()).build();
  }

  public GetApisResponse getApis(RequestContext ctx, GetApisRequest req) {
    int max = req.maxResults() == null ? DEFAULT_MAX_RESULTS : parseMax(req.maxResults());
    var all = store.list(Api.TABLE, ctx.regionalScope());
    var page = Pagination.page(all, Api::apiId, req.nextToken(), max, t -> ApiGatewayErrors.badRequest("Invalid nextToken"));
    return GetApisResponse.builder().items(page.items().stream().map(HttpApiOperations::toSdk).toList())
        .nextToken(page.nextMarker().orElse(null)).build();
  }

  public GetApiResponse getApi(RequestContext ctx, GetApiRequest req) {
    var s = toSdk(store.get(Api.TABLE, ctx.regionalScope(), req.apiId() == null ? "" : req.apiId())
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid API identifier specified")));
    Map<String, String> tags = ApiGatewayTags.of(store, ctx, "/apis/" + s.apiId());
    return GetApiResponse.builder().tags(tags.isEmpty() ? null : tags).apiId(s.apiId()).name(s.name()).protocolType(s.protocolType())
        .description(s.description()).routeSelectionExpression(s.routeSelectionExpression()).apiEndpoint(s.apiEndpoint())
        .apiKeySelectionExpression(s.apiKeySelectionExpression()).corsConfiguration(s.corsConfiguration())
        .disableExecuteApiEndpoint(s.disableExecuteApiEndpoint()).createdDate(s.createdDate()).version(s.version()).build();
  }

  public UpdateApiResponse updateApi(RequestContext ctx, UpdateApiRequest req) {
    Api api = change(store, ctx, req.apiId(), a -> a.withSettings(req.name() == null ? a.name() : req.name(),
        req.description() == null ? a.description() : req.description(),
        req.corsConfiguration() == null ? a.cors() : cors(req.corsConfiguration()),
        req.version() == null ? a.version() : req.version())
        .withDisableExecuteApiEndpoint(req.disableExecuteApiEndpoint() == null ? a.disableExecuteApiEndpoint()
            : req.disableExecuteApiEndpoint()));
    var s = toSdk(api);
    return UpdateApiResponse.builder().apiId(s.apiId()).name(s.name()).protocolType(s.protocolType())
        .description(s.description()).apiEndpoint(s.apiEndpoint()).corsConfiguration(s.corsConfiguration())
        .routeSelectionExpression(s.routeSelectionExpression()).disableExecuteApiEndpoint(s.disableExecuteApiEndpoint())
        .createdDate(s.createdDate()).version(s.version()).build();
  }

  public DeleteCorsConfigurationResponse deleteCorsConfiguration(RequestContext ctx, DeleteCorsConfigurationRequest req) {
    change(store, ctx, req.apiId(), a -> a.withSettings(a.name(), a.description(), null, a.version()));
    return DeleteCorsConfigurationResponse.builder().build();
  }

  public DeleteApiResponse deleteApi(RequestContext ctx, DeleteApiRequest req) {
    store.write(tx -> {
      load(tx, ctx, req.apiId());
      tx.delete(Api.TABLE, ctx.regionalScope(), req.apiId());
      ApiGatewayTags.drop(tx, ctx, "/apis/" + req.apiId());
      for (HttpStage s : tx.list(HttpStage.TABLE, ctx.regionalScope())) {
        if (!s.apiId().equals(req.apiId())) continue;
        tx.delete(HttpStage.TABLE, ctx.regionalScope(), HttpStage.key(s.apiId(), s.stageName()));
        ApiGatewayTags.drop(tx, ctx, "/apis/" + s.apiId() + "/stages/" + s.stageName());
      }
      for (HttpDeployment d : tx.list(HttpDeployment.TABLE, ctx.regionalScope())) {
        if (d.apiId().equals(req.apiId())) {
          tx.delete(HttpDeployment.TABLE, ctx.regionalScope(), HttpDeployment.key(d.apiId(), d.deploymentId()));
        }
      }
      return null;
    });
    return DeleteApiResponse.builder().build();
  }

  private static Route toSdk(Api.Route r) {
    return Route.builder().routeId(r.routeId()).routeKey(r.routeKey()).target(r.target())
        .routeResponseSelectionExpression(r.routeResponseSelectionExpression())
        .authorizationType(r.authorizationType()).authorizerId(r.authorizerId())
        .authorizationScopes(r.authorizationScopes().isEmpty() ? null : r.authorizationScopes())
        .apiKeyRequired(r.apiKeyRequired())
        .requestParameters(r.requestParameters() == null ? null : parameters(r.requestParameters())).build();
  }

  private static Map<String, ParameterConstraints> parameters(Map<String, Boolean> required) {
    Map<String, ParameterConstraints> out = new LinkedHashMap<>();
    required.forEach((k, v) -> out.put(k, ParameterConstraints.builder().required(v).build()));
    return out;
  }

  /** The request's RequestParameters as stored; null when the request sets none (absent, not {}). */
  private static Map<String, Boolean> requestParameters(boolean given, Map<String, ParameterConstraints> in) {
    if (!given) return null;
    Map<String, Boolean> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, v != null && Boolean.TRUE.equals(v.required())));
    return out;
  }

  private static void checkRoute(Api a, String routeKey, String target, String authType, String authorizerId, String selfId) {
    if (routeKey == null || ("HTTP".equals(a.protocolType()) && !ROUTE_KEY.matcher(routeKey).matches())) {
      throw ApiGatewayErrors.badRequest("Unable to create Route. Route key must be '$default' or in the format 'METHOD /path'");
    }
    if (a.routes().values().stream().anyMatch(r -> r.routeKey().equals(routeKey) && !r.routeId().equals(selfId))) {
      throw ApiGatewayErrors.conflict("Route with key " + routeKey + " already exists for this API");
    }
    if (target != null && (!target.startsWith("integrations/")
        || !a.integrations().containsKey(target.substring("integrations/".length())))) {
      throw ApiGatewayErrors.badRequest("Invalid integration identifier specified in target: " + target);
    }
    if ("JWT".equals(authType) || "CUSTOM".equals(authType)) {
      if (authorizerId == null || !a.authorizers().containsKey(authorizerId)) {
        throw ApiGatewayErrors.badRequest("Invalid authorizer identifier specified: " + authorizerId);
      }
    }
  }

  public CreateRouteResponse createRoute(RequestContext ctx, CreateRouteRequest req) {
    String auth = req.authorizationTypeAsString() == null ? "NONE" : req.authorizationTypeAsString();
    var route = new Api.Route(ApiIds.next(7), req.routeKey(), req.target(), auth, req.authorizerId(),
        req.authorizationScopes(), Boolean.TRUE.equals(req.apiKeyRequired()), req.routeResponseSelectionExpression(), List.of(),
        requestParameters(req.hasRequestParameters(), req.requestParameters()));
    change(store, ctx, req.apiId(), a -> {
      checkRoute(a, req.routeKey(), req.target(), auth, req.authorizerId(), null);
      return a.withRoutes(m -> { m.put(route.routeId(), route); return m; });
    });
    var s = toSdk(route);
    return CreateRouteResponse.builder().routeId(s.routeId()).routeKey(s.routeKey()).target(s.target())
        .authorizationType(s.authorizationType()).authorizerId(s.authorizerId())
        .authorizationScopes(s.hasAuthorizationScopes() ? s.authorizationScopes() : null)
        .apiKeyRequired(s.apiKeyRequired())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null)
        .routeResponseSelectionExpression(s.routeResponseSelectionExpression()).build();
  }

  private static Api.Route route(Api a, String routeId) {
    Api.Route r = routeId == null ? null : a.routes().get(routeId);
    if (r == null) throw ApiGatewayErrors.notFound("Invalid Route identifier specified " + routeId);
    return r;
  }

  public GetRouteResponse getRoute(RequestContext ctx, GetRouteRequest req) {
    var s = toSdk(route(load(store, ctx, req.apiId()), req.routeId()));
    return GetRouteResponse.builder().routeId(s.routeId()).routeKey(s.routeKey()).target(s.target())
        .routeResponseSelectionExpression(s.routeResponseSelectionExpression())
        .authorizationType(s.authorizationType()).authorizerId(s.authorizerId())
        .authorizationScopes(s.hasAuthorizationScopes() ? s.authorizationScopes() : null)
        .apiKeyRequired(s.apiKeyRequired())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null).build();
  }

  public GetRoutesResponse getRoutes(RequestContext ctx, GetRoutesRequest req) {
    return GetRoutesResponse.builder().items(load(store, ctx, req.apiId()).routes().values().stream()
        .map(HttpApiOperations::toSdk).toList()).build();
  }

  public UpdateRouteResponse updateRoute(RequestContext ctx, UpdateRouteRequest req) {
    Api api = change(store, ctx, req.apiId(), a -> {
      Api.Route old = route(a, req.routeId());
      String key = req.routeKey() == null ? old.routeKey() : req.routeKey();
      String target = req.target() == null ? old.target() : req.target();
      String auth = req.authorizationTypeAsString() == null ? old.authorizationType() : req.authorizationTypeAsString();
      String authorizer = req.authorizerId() == null ? old.authorizerId() : req.authorizerId();
      checkRoute(a, key, target, auth, authorizer, old.routeId());
      var changed = new Api.Route(old.routeId(), key, target, auth, authorizer,
          req.hasAuthorizationScopes() ? req.authorizationScopes() : old.authorizationScopes(),
          req.apiKeyRequired() == null ? old.apiKeyRequired() : req.apiKeyRequired(),
          req.routeResponseSelectionExpression() == null ? old.routeResponseSelectionExpression()
              : req.routeResponseSelectionExpression().isEmpty() ? null : req.routeResponseSelectionExpression(),
          old.routeResponses(),
          req.hasRequestParameters() ? requestParameters(true, req.requestParameters()) : old.requestParameters());
      return a.withRoutes(m -> { m.put(changed.routeId(), changed); return m; });
    });
    var s = toSdk(api.routes().get(req.routeId()));
    return UpdateRouteResponse.builder().routeId(s.routeId()).routeKey(s.routeKey()).target(s.target())
        .routeResponseSelectionExpression(s.routeResponseSelectionExpression())
        .authorizationType(s.authorizationType()).authorizerId(s.authorizerId())
        .authorizationScopes(s.hasAuthorizationScopes() ? s.authorizationScopes() : null)
        .apiKeyRequired(s.apiKeyRequired())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null).build();
  }

  public DeleteRouteResponse deleteRoute(RequestContext ctx, DeleteRouteRequest req) {
    change(store, ctx, req.apiId(), a -> {
      route(a, req.routeId());
      return a.withRoutes(m -> { m.remove(req.routeId()); return m; });
    });
    return DeleteRouteResponse.builder().build();
  }

  // ---- route responses (WebSocket) ----------------------------------------------------------

  public CreateRouteResponseResponse createRouteResponse(RequestContext ctx, CreateRouteResponseRequest req) {
    if (req.routeResponseKey() == null) throw ApiGatewayErrors.badRequest("RouteResponseKey is required");
    var created = new Api.RouteResponse(ApiIds.next(6), req.routeResponseKey());
    change(store, ctx, req.apiId(), a -> {
      Api.Route r = route(a, req.routeId());
      if (r.routeResponses().stream().anyMatch(x -> x.routeResponseKey().equals(req.routeResponseKey()))) {
        throw ApiGatewayErrors.conflict("RouteResponse with key " + req.routeResponseKey() + " already exists for this Route");
      }
      var list = new java.util.ArrayList<>(r.routeResponses());
      list.add(created);
      return a.withRoutes(m -> { m.put(r.routeId(), r.withRouteResponses(list)); return m; });
    });
    return CreateRouteResponseResponse.builder().routeResponseId(created.routeResponseId())
        .routeResponseKey(created.routeResponseKey()).build();
  }

  private static Api.RouteResponse routeResponse(Api.Route r, String id) {
    return r.routeResponses().stream().filter(x -> x.routeResponseId().equals(id)).findFirst()
        .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid RouteResponse identifier specified " + id));
  }

  public GetRouteResponseResponse getRouteResponse(RequestContext ctx, GetRouteResponseRequest req) {
    var rr = routeResponse(route(load(store, ctx, req.apiId()), req.routeId()), req.routeResponseId());
    return GetRouteResponseResponse.builder().routeResponseId(rr.routeResponseId()).routeResponseKey(rr.routeResponseKey()).build();
  }

  public GetRouteResponsesResponse getRouteResponses(RequestContext ctx, GetRouteResponsesRequest req) {
    return GetRouteResponsesResponse.builder().items(route(load(store, ctx, req.apiId()), req.routeId()).routeResponses().stream()
        .map(x -> RouteResponse.builder().routeResponseId(x.routeResponseId()).routeResponseKey(x.routeResponseKey()).build())
        .toList()).build();
  }

  public DeleteRouteResponseResponse deleteRouteResponse(RequestContext ctx, DeleteRouteResponseRequest req) {
    change(store, ctx, req.apiId(), a -> {
      Api.Route r = route(a, req.routeId());
      routeResponse(r, req.routeResponseId());
      var list = r.routeResponses().stream().filter(x -> !x.routeResponseId().equals(req.routeResponseId())).toList();
      return a.withRoutes(m -> { m.put(r.routeId(), r.withRouteResponses(list)); return m; });
    });
    return DeleteRouteResponseResponse.builder().build();
  }

  static Api.Integration integration(String protocol, String id, String type, String uri, String method,
      String payloadVersion, Integer timeout, Map<String, String> requestParameters) {
    if ("WEBSOCKET".equals(protocol)) return webSocketIntegration(id, type, uri, method, timeout, requestParameters);
    if (!"HTTP_PROXY".equals(type) && !"AWS_PROXY".equals(type)) {
      throw ApiGatewayErrors.badRequest("Unsupported integration type for HTTP APIs: " + type);
    }
    if (uri == null) throw ApiGatewayErrors.badRequest("IntegrationUri is required");
    if ("HTTP_PROXY".equals(type) && !uri.matches("https?://[^/\\s]+.*")) {
      throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
    }
    String version = payloadVersion == null ? ("AWS_PROXY".equals(type) ? "2.0" : "1.0") : payloadVersion;
    if (!version.equals("1.0") && !version.equals("2.0")) {
      throw ApiGatewayErrors.badRequest("Invalid payload format version specified: " + version);
    }
    if ("HTTP_PROXY".equals(type) && version.equals("2.0")) {
      throw ApiGatewayErrors.badRequest("Payload format version 2.0 is only supported for AWS_PROXY integrations");
    }
    int t = timeout == null ? Api.Integration.MAX_TIMEOUT_MILLIS : timeout;
    if (t < 50 || t > Api.Integration.MAX_TIMEOUT_MILLIS) {
      throw ApiGatewayErrors.badRequest("Timeout must be between 50 ms and 30000 ms");
    }
    return new Api.Integration(id, type, uri, method == null ? ("AWS_PROXY".equals(type) ? "POST" : "ANY") : method,
        version, t, "INTERNET", null, Map.of());
  }

  /** WebSocket integrations (apigateway.md C): HTTP_PROXY, HTTP, AWS_PROXY or MOCK; payload format 1.0 only; 29 s at most. */
  private static Api.Integration webSocketIntegration(String id, String type, String uri, String method, Integer timeout,
      Map<String, String> requestParameters) {
    if (!"HTTP_PROXY".equals(type) && !"HTTP".equals(type) && !"AWS_PROXY".equals(type) && !"MOCK".equals(type)) {
      throw ApiGatewayErrors.badRequest("Unsupported integration type for WebSocket APIs: " + type);
    }
    if (!"MOCK".equals(type) && uri == null) throw ApiGatewayErrors.badRequest("IntegrationUri is required");
    if (("HTTP_PROXY".equals(type) || "HTTP".equals(type)) && !uri.matches("https?://[^/\\s]+.*")) {
      throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
    }
    int t = timeout == null ? WEBSOCKET_MAX_TIMEOUT_MILLIS : timeout;
    if (t < 50 || t > WEBSOCKET_MAX_TIMEOUT_MILLIS) throw ApiGatewayErrors.badRequest("Timeout must be between 50 ms and 29000 ms");
    if (requestParameters != null) {
      for (String k : requestParameters.keySet()) {
        if (!k.startsWith("integration.request.header.") && !k.startsWith("integration.request.querystring.")) {
          throw ApiGatewayErrors.badRequest("Invalid mapping expression specified: " + k);
        }
      }
    }
    return new Api.Integration(id, type, uri, method == null ? "POST" : method, "1.0", t, "INTERNET", null, requestParameters);
  }

  /** A WebSocket API's integration timeout: 50 ms – 29 s. */
  private static final int WEBSOCKET_MAX_TIMEOUT_MILLIS = 29_000;

  private static Integration toSdk(Api.Integration i) {
    return Integration.builder().integrationId(i.integrationId()).integrationType(i.integrationType())
        .integrationUri(i.integrationUri()).integrationMethod(i.integrationMethod())
        .payloadFormatVersion(i.payloadFormatVersion()).timeoutInMillis(i.timeoutInMillis())
        .connectionType(i.connectionType()).connectionId(i.connectionId()).description(i.description())
        .requestParameters(i.requestParameters().isEmpty() ? null : i.requestParameters()).build();
  }

  public CreateIntegrationResponse createIntegration(RequestContext ctx, CreateIntegrationRequest req) {
    String protocol = load(store, ctx, req.apiId()).protocolType();
    boolean vpcLink = "VPC_LINK".equals(req.connectionTypeAsString());
    var plain = integration(protocol, ApiIds.next(7), req.integrationTypeAsString(),
        vpcLink ? "http://vpc-link.invalid" : req.integrationUri(), req.integrationMethod(),
        req.payloadFormatVersion(), req.timeoutInMillis(), req.hasRequestParameters() ? req.requestParameters() : null);
    Api.Integration i;
    if (vpcLink) {
      // A private integration: the URI names an ALB or NLB listener, reached through a v2 VPC link.
      if (!"HTTP".equals(protocol) || !"HTTP_PROXY".equals(plain.integrationType())) {
        throw ApiGatewayErrors.badRequest("VPC_LINK is only supported for HTTP_PROXY integrations of HTTP APIs");
      }
      if (req.integrationUri() == null || !req.integrationUri().matches("arn:aws:elasticloadbalancing:[^:]+:\\d{12}:listener/(app|net)/.+")) {
        throw ApiGatewayErrors.badRequest("For VPC_LINK integrations, IntegrationUri must be the ARN of an ALB or NLB listener");
      }
      VpcLinkOperations.load(store, ctx, req.connectionId(), "V2");
      i = new Api.Integration(plain.integrationId(), plain.integrationType(), req.integrationUri(), plain.integrationMethod(),
          plain.payloadFormatVersion(), plain.timeoutInMillis(), "INTERNET", null, plain.requestParameters())
          .withVpcLink(req.connectionId());
    } else {
      i = plain;
    }
    change(store, ctx, req.apiId(), a -> a.withIntegrations(m -> { m.put(i.integrationId(), i); return m; }));
    var s = toSdk(i);
    return CreateIntegrationResponse.builder().integrationId(s.integrationId()).integrationType(s.integrationType())
        .integrationUri(s.integrationUri()).integrationMethod(s.integrationMethod())
        .payloadFormatVersion(s.payloadFormatVersion()).timeoutInMillis(s.timeoutInMillis())
        .connectionType(s.connectionType()).connectionId(s.connectionId())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null).build();
  }

  private static Api.Integration integration(Api a, String id) {
    Api.Integration i = id == null ? null : a.integrations().get(id);
    if (i == null) throw ApiGatewayErrors.notFound("Invalid Integration identifier specified " + id);
    return i;
  }

  public GetIntegrationResponse getIntegration(RequestContext ctx, GetIntegrationRequest req) {
    var s = toSdk(integration(load(store, ctx, req.apiId()), req.integrationId()));
    return GetIntegrationResponse.builder().integrationId(s.integrationId()).integrationType(s.integrationType())
        .integrationUri(s.integrationUri()).integrationMethod(s.integrationMethod())
        .payloadFormatVersion(s.payloadFormatVersion()).timeoutInMillis(s.timeoutInMillis())
        .connectionType(s.connectionType())
        .requestParameters(s.hasRequestParameters() ? s.requestParameters() : null).build();
  }

  public GetIntegrationsResponse getIntegrations(RequestContext ctx, GetIntegrationsRequest req) {
    return GetIntegrationsResponse.builder().items(load(store, ctx, req.apiId()).integrations().values().stream()
        .map(HttpApiOperations::toSdk).toList()).build();
  }

  public DeleteIntegrationResponse deleteIntegration(RequestContext ctx, DeleteIntegrationRequest req) {
    change(store, ctx, req.apiId(), a -> {
      integration(a, req.integrationId());
      if (a.routes().values().stream().anyMatch(r -> req.integrationId().equals(r.integrationId()))) {
        throw ApiGatewayErrors.conflict("Integration " + req.integrationId() + " is in use by a route");
      }
      return a.withIntegrations(m -> { m.remove(req.integrationId()); return m; });
    });
    return DeleteIntegrationResponse.builder().build();
  }

  private static Authorizer toSdk(Api.Authorizer a) {
    return Authorizer.builder().authorizerId(a.authorizerId()).name(a.name()).authorizerType(a.authorizerType())
        .identitySource(a.identitySource()).authorizerUri(a.authorizerUri())
        .authorizerPayloadFormatVersion(a.payloadFormatVersion()).enableSimpleResponses(a.simpleResponses())
        .authorizerResultTtlInSeconds(a.resultTtlInSeconds())
        .jwtConfiguration(a.issuer() == null ? null : JWTConfiguration.builder().issuer(a.issuer()).audience(a.audience()).build())
        .build();
  }

  public CreateAuthorizerResponse createAuthorizer(RequestContext ctx, CreateAuthorizerRequest req) {
    String type = req.authorizerTypeAsString();
    if (!"JWT".equals(type) && !"REQUEST".equals(type)) throw ApiGatewayErrors.badRequest("Invalid authorizer type: " + type);
    if ("JWT".equals(type) && (req.jwtConfiguration() == null || req.jwtConfiguration().issuer() == null)) {
      throw ApiGatewayErrors.badRequest("JwtConfiguration with an Issuer is required for JWT authorizers");
    }
    if ("JWT".equals(type) && (!req.hasIdentitySource() || req.identitySource().size() != 1)) {
      throw ApiGatewayErrors.badRequest("JWT authorizers need exactly one identity source");
    }
    if ("JWT".equals(type) && req.jwtConfiguration().audience().size() > 50) {
      throw ApiGatewayErrors.badRequest("A JWT authorizer may have at most 50 audiences");
    }
    var a = new Api.Authorizer(ApiIds.next(6), req.name(), type, req.identitySource(),
        req.jwtConfiguration() == null ? null : req.jwtConfiguration().issuer(),
        req.jwtConfiguration() == null ? null : req.jwtConfiguration().audience(), req.authorizerUri(),
        req.authorizerPayloadFormatVersion(), Boolean.TRUE.equals(req.enableSimpleResponses()),
        req.authorizerResultTtlInSeconds() == null ? 0 : req.authorizerResultTtlInSeconds());
    change(store, ctx, req.apiId(), api -> api.withAuthorizers(m -> { m.put(a.authorizerId(), a); return m; }));
    var s = toSdk(a);
    return CreateAuthorizerResponse.builder().authorizerId(s.authorizerId()).name(s.name()).authorizerType(s.authorizerType())
        .identitySource(s.identitySource()).jwtConfiguration(s.jwtConfiguration()).authorizerUri(s.authorizerUri())
        .authorizerPayloadFormatVersion(s.authorizerPayloadFormatVersion()).enableSimpleResponses(s.enableSimpleResponses())
        .authorizerResultTtlInSeconds(s.authorizerResultTtlInSeconds()).build();
  }

  public GetAuthorizerResponse getAuthorizer(RequestContext ctx, GetAuthorizerRequest req) {
    Api.Authorizer a = load(store, ctx, req.apiId()).authorizers().get(req.authorizerId());
    if (a == null) throw ApiGatewayErrors.notFound("Invalid Authorizer identifier specified " + req.authorizerId());
    var s = toSdk(a);
    return GetAuthorizerResponse.builder().authorizerId(s.authorizerId()).name(s.name()).authorizerType(s.authorizerType())
        .identitySource(s.identitySource()).jwtConfiguration(s.jwtConfiguration()).build();
  }

  public GetAuthorizersResponse getAuthorizers(RequestContext ctx, GetAuthorizersRequest req) {
    return GetAuthorizersResponse.builder().items(load(store, ctx, req.apiId()).authorizers().values().stream()
        .map(HttpApiOperations::toSdk).toList()).build();
  }

  private static int parseMax(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // fall through to AWS's error
    }
    throw ApiGatewayErrors.badRequest("Invalid maxResults: " + value);
  }
}
