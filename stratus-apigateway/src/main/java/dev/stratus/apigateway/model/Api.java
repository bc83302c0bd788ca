package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An HTTP or WebSocket API (API Gateway v2) as stored, scoped by account and region, with the
 * parts that only exist inside it: routes, integrations, authorizers and its CORS configuration.
 *
 * @param protocolType {@code HTTP} or {@code WEBSOCKET}
 * @param version the API's own version label (CreateApi's Version, an imported definition's
 *     info.version), null when none
 * @param disableExecuteApiEndpoint the default endpoint answers 403: served from a stage's
 *     snapshot, so it applies at the next deployment, or at once with an auto-deployed stage
 */
public record Api(String apiId, String accountId, String region, String name, String protocolType,
    String routeSelectionExpression, String apiEndpoint, Instant createdDate, String description, Cors cors,
    Map<String, Route> routes, Map<String, Integration> integrations, Map<String, Authorizer> authorizers, String version,
    boolean disableExecuteApiEndpoint) {

  public static final Table<Api> TABLE = Table.of("apigateway.api", Api.class);

  public Api {
    Objects.requireNonNull(apiId, "apiId");
    Objects.requireNonNull(name, "name");
    routes = RestApi.copy(routes);
    integrations = RestApi.copy(integrations);
    authorizers = RestApi.copy(authorizers);
  }

  /** An API whose default endpoint serves. */
  public Api(String apiId, String accountId, String region, String name, String protocolType,
      String routeSelectionExpression, String apiEndpoint, Instant createdDate, String description, Cors cors,
      Map<String, Route> routes, Map<String, Integration> integrations, Map<String, Authorizer> authorizers, String version) {
    this(apiId, accountId, region, name, protocolType, routeSelectionExpression, apiEndpoint, createdDate, description, cors,
        routes, integrations, authorizers, version, false);
  }

  public Api withDisableExecuteApiEndpoint(boolean disable) {
    return new Api(apiId, accountId, region, name, protocolType, routeSelectionExpression, apiEndpoint, createdDate,
        description, cors, routes, integrations, authorizers, version, disable);
  }

  /** {@code arn:aws:apigateway:{region}::/apis/{id}}. */
  public String arn() { return "arn:aws:apigateway:" + region + "::/apis/" + apiId; }

  public Api withSettings(String newName, String newDescription, Cors newCors, String newVersion) {
    return new Api(apiId, accountId, region, newName, protocolType, routeSelectionExpression, apiEndpoint, createdDate,
        newDescription, newCors, routes, integrations, authorizers, newVersion, disableExecuteApiEndpoint);
  }

  public Api withRoutes(UnaryOperator<Map<String, Route>> change) {
    return new Api(apiId, accountId, region, name, protocolType, routeSelectionExpression, apiEndpoint, createdDate,
        description, cors, change.apply(new LinkedHashMap<>(routes)), integrations, authorizers, version,
        disableExecuteApiEndpoint);
  }

  public Api withIntegrations(UnaryOperator<Map<String, Integration>> change) {
    return new Api(apiId, accountId, region, name, protocolType, routeSelectionExpression, apiEndpoint, createdDate,
        description, cors, routes, change.apply(new LinkedHashMap<>(integrations)), authorizers, version,
        disableExecuteApiEndpoint);
  }

  public Api withAuthorizers(UnaryOperator<Map<String, Authorizer>> change) {
    return new Api(apiId, accountId, region, name, protocolType, routeSelectionExpression, apiEndpoint, createdDate,
        description, cors, routes, integrations, change.apply(new LinkedHashMap<>(authorizers)), version,
        disableExecuteApiEndpoint);
  }

  /**
   * A route: {@code METHOD /path} (method may be ANY; {@code {name}} one segment, {@code {name+}}
   * the rest) or {@code $default}; on a WebSocket API {@code $connect}, {@code $disconnect},
   * {@code $default} or a custom key. Its target is {@code integrations/<id>}.
   *
   * @param routeResponseSelectionExpression WebSocket only: with it ({@code $default}) and a route
   *     response the route is two-way: what the integration answers is sent back to the client
   * @param routeResponses WebSocket only: the route's route responses
   * @param requestParameters the request parameters the route declares ({@code route.request.querystring.x}
   *     → required), as AWS keeps them; null when never set (AWS then leaves RequestParameters out)
   */
  public record Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId,
      List<String> authorizationScopes, boolean apiKeyRequired, String routeResponseSelectionExpression,
      List<RouteResponse> routeResponses, Map<String, Boolean> requestParameters) {
    public Route {
      Objects.requireNonNull(routeId, "routeId");
      Objects.requireNonNull(routeKey, "routeKey");
      authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
      routeResponses = routeResponses == null ? List.of() : List.copyOf(routeResponses);
      requestParameters = requestParameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
    }

    public Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId,
        List<String> authorizationScopes, boolean apiKeyRequired, String routeResponseSelectionExpression,
        List<RouteResponse> routeResponses) {
      this(routeId, routeKey, target, authorizationType, authorizerId, authorizationScopes, apiKeyRequired,
          routeResponseSelectionExpression, routeResponses, null);
    }

    public Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId,
        List<String> authorizationScopes, boolean apiKeyRequired) {
      this(routeId, routeKey, target, authorizationType, authorizerId, authorizationScopes, apiKeyRequired, null, List.of());
    }

    /** WebSocket: whether the integration's answer goes back to the client (AWS needs both parts). */
    public boolean twoWay() { return routeResponseSelectionExpression != null && !routeResponses.isEmpty(); }

    public Route withRouteResponses(List<RouteResponse> changed) {
      return new Route(routeId, routeKey, target, authorizationType, authorizerId, authorizationScopes, apiKeyRequired,
          routeResponseSelectionExpression, changed, requestParameters);
    }

    public String integrationId() {
      return target != null && target.startsWith("integrations/") ? target.substring("integrations/".length()) : null;
    }
  }

  /**
   * An integration: {@code HTTP_PROXY} (a URL) or {@code AWS_PROXY} (a Lambda function) with its
   * payload format ({@code 1.0} or {@code 2.0}); WebSocket APIs also {@code HTTP} and {@code MOCK}.
   *
   * @param requestParameters WebSocket: {@code integration.request.header.X} (or {@code querystring})
   *     from {@code context.connectionId}, {@code route.request.header.Y}, {@code route.request.body.Z}
   *     or a {@code 'static'} value
   * @param timeoutInMillis 50 – 30,000 (apigateway.md §7)
   * @param connectionId with {@code connectionType} VPC_LINK: the v2 VPC link (the URI is then an ALB/NLB listener ARN)
   */
  public record Integration(String integrationId, String integrationType, String integrationUri, String integrationMethod,
      String payloadFormatVersion, int timeoutInMillis, String connectionType, String description,
      Map<String, String> requestParameters, String connectionId) {
    /** The default and largest HTTP API integration timeout, 30 s (apigateway.md §7). */
    public static final int MAX_TIMEOUT_MILLIS = 30_000;

    public Integration {
      Objects.requireNonNull(integrationId, "integrationId");
      requestParameters = RestApi.copy(requestParameters);
    }

    /** An integration over the internet (no VPC link). */
    public Integration(String integrationId, String integrationType, String integrationUri, String integrationMethod,
        String payloadFormatVersion, int timeoutInMillis, String connectionType, String description,
        Map<String, String> requestParameters) {
      this(integrationId, integrationType, integrationUri, integrationMethod, payloadFormatVersion, timeoutInMillis,
          connectionType, description, requestParameters, null);
    }

    public Integration withVpcLink(String vpcLinkId) {
      return new Integration(integrationId, integrationType, integrationUri, integrationMethod, payloadFormatVersion,
          timeoutInMillis, "VPC_LINK", description, requestParameters, vpcLinkId);
    }
  }

  /** A WebSocket route response, e.g. {@code $default}. */
  public record RouteResponse(String routeResponseId, String routeResponseKey) {}

  /** A JWT or Lambda (REQUEST) authorizer. */
  public record Authorizer(String authorizerId, String name, String authorizerType, List<String> identitySource,
      String issuer, List<String> audience, String authorizerUri, String payloadFormatVersion, boolean simpleResponses,
      int resultTtlInSeconds) {
    public Authorizer {
      Objects.requireNonNull(authorizerId, "authorizerId");
      identitySource = identitySource == null ? List.of() : List.copyOf(identitySource);
      audience = audience == null ? List.of() : List.copyOf(audience);
    }
  }

  /** The API's CORS configuration, answered by API Gateway itself (apigateway.md §10). */
  public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
      List<String> exposeHeaders, boolean allowCredentials, Integer maxAge) {
    public Cors {
      allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
      allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
      allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
      exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }
  }
}
