package dev.stratus.apigateway.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A REST API (API Gateway v1) as stored, scoped by account and region, with the parts that only
 * exist inside it (resources and their methods, models, request validators, gateway responses,
 * authorizers). A deployment freezes a copy of this record; stages serve that copy.
 *
 * @param endpointTypes {@code EDGE}, {@code REGIONAL} or {@code PRIVATE} (one)
 * @param apiKeySource {@code HEADER} (X-API-Key) or {@code AUTHORIZER}
 * @param rootResourceId the id of the {@code /} resource
 * @param vpcEndpointIds a PRIVATE API's execute-api interface endpoints: each gets the Route 53
 *     alias {@code {id}-{vpce-id}.execute-api.{region}.amazonaws.com} (none for other types)
 * @param disableExecuteApiEndpoint the setting as last written (what GetRestApi answers)
 * @param disableExecuteApiEndpointApplied what the default endpoint serves: the setting as it was at
 *     the last change to any of the API's stages (AWS applies it then, not at UpdateRestApi)
 */
public record RestApi(String id, String accountId, String region, String name, String description, Instant createdDate,
    List<String> endpointTypes, String apiKeySource, List<String> binaryMediaTypes, String policy,
    String rootResourceId, Map<String, Resource> resources, Map<String, Model> models,
    Map<String, RequestValidator> validators, Map<String, GatewayResponse> gatewayResponses,
    Map<String, Authorizer> authorizers, List<String> vpcEndpointIds, boolean disableExecuteApiEndpoint,
    boolean disableExecuteApiEndpointApplied) {

  public static final Table<RestApi> TABLE = Table.of("apigateway.rest_api", RestApi.class);

  public RestApi {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    endpointTypes = List.copyOf(endpointTypes);
    binaryMediaTypes = binaryMediaTypes == null ? List.of() : List.copyOf(binaryMediaTypes);
    resources = copy(resources);
    models = copy(models);
    validators = copy(validators);
    gatewayResponses = copy(gatewayResponses);
    authorizers = copy(authorizers);
    vpcEndpointIds = vpcEndpointIds == null ? List.of() : List.copyOf(vpcEndpointIds);
  }

  /** An API whose default endpoint serves (as every API did before the setting was kept). */
  public RestApi(String id, String accountId, String region, String name, String description, Instant createdDate,
      List<String> endpointTypes, String apiKeySource, List<String> binaryMediaTypes, String policy,
      String rootResourceId, Map<String, Resource> resources, Map<String, Model> models,
      Map<String, RequestValidator> validators, Map<String, GatewayResponse> gatewayResponses,
      Map<String, Authorizer> authorizers, List<String> vpcEndpointIds) {
    this(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes, policy,
        rootResourceId, resources, models, validators, gatewayResponses, authorizers, vpcEndpointIds, false, false);
  }

  /** UpdateRestApi's {@code /disableExecuteApiEndpoint}: kept, applied at the next stage change ({@link #withEndpointSettingApplied}). */
  public RestApi withDisableExecuteApiEndpoint(boolean disable) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, validators, gatewayResponses, authorizers, vpcEndpointIds, disable,
        disableExecuteApiEndpointApplied);
  }

  /**
   * A stage of the API changed (created, redeployed, any setting updated): the default endpoint
   * setting takes effect now, for every stage
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html).
   */
  public RestApi withEndpointSettingApplied() {
    if (disableExecuteApiEndpointApplied == disableExecuteApiEndpoint) return this;
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, validators, gatewayResponses, authorizers, vpcEndpointIds,
        disableExecuteApiEndpoint, disableExecuteApiEndpoint);
  }

  public RestApi withVpcEndpointIds(List<String> ids) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, validators, gatewayResponses, authorizers, ids, disableExecuteApiEndpoint,
        disableExecuteApiEndpointApplied);
  }

  /** The ARN of the API as tags and WAF name it, e.g. {@code arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5}. */
  public String arn() { return "arn:aws:apigateway:" + region + "::/restapis/" + id; }

  /** A stage's ARN, the resource WAF associates with. */
  public String stageArn(String stage) { return arn() + "/stages/" + stage; }

  public RestApi withResources(UnaryOperator<Map<String, Resource>> change) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, change.apply(new LinkedHashMap<>(resources)), models, validators, gatewayResponses, authorizers, vpcEndpointIds,
        disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  public RestApi withModels(UnaryOperator<Map<String, Model>> change) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, change.apply(new LinkedHashMap<>(models)), validators, gatewayResponses, authorizers, vpcEndpointIds,
        disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  public RestApi withValidators(UnaryOperator<Map<String, RequestValidator>> change) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, change.apply(new LinkedHashMap<>(validators)), gatewayResponses, authorizers,
        vpcEndpointIds, disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  public RestApi withGatewayResponses(UnaryOperator<Map<String, GatewayResponse>> change) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, validators, change.apply(new LinkedHashMap<>(gatewayResponses)), authorizers,
        vpcEndpointIds, disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  public RestApi withAuthorizers(UnaryOperator<Map<String, Authorizer>> change) {
    return new RestApi(id, accountId, region, name, description, createdDate, endpointTypes, apiKeySource, binaryMediaTypes,
        policy, rootResourceId, resources, models, validators, gatewayResponses, change.apply(new LinkedHashMap<>(authorizers)), vpcEndpointIds,
        disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  public RestApi withSettings(String newName, String newDescription, String newApiKeySource, List<String> newBinaryTypes,
      String newPolicy) {
    return new RestApi(id, accountId, region, newName, newDescription, createdDate, endpointTypes, newApiKeySource,
        newBinaryTypes, newPolicy, rootResourceId, resources, models, validators, gatewayResponses, authorizers, vpcEndpointIds,
        disableExecuteApiEndpoint, disableExecuteApiEndpointApplied);
  }

  static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * A resource: one path segment under its parent ({@code users}, {@code {id}}, {@code {proxy+}}).
   *
   * @param path the full path, {@code /} for the root
   * @param methods HTTP method ({@code GET}, {@code ANY}) → method
   */
  public record Resource(String id, String parentId, String pathPart, String path, Map<String, Method> methods) {
    public Resource {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(path, "path");
      methods = copy(methods);
    }

    public Resource withMethods(UnaryOperator<Map<String, Method>> change) {
      return new Resource(id, parentId, pathPart, path, change.apply(new LinkedHashMap<>(methods)));
    }

    public Resource withPath(String newPath) { return new Resource(id, parentId, pathPart, newPath, methods); }
  }

  /**
   * A method of a resource: who may call it and what it calls.
   *
   * @param authorizationType {@code NONE}, {@code AWS_IAM}, {@code CUSTOM} or {@code COGNITO_USER_POOLS}
   * @param requestParameters {@code method.request.querystring.q} → required
   * @param requestModels content type → model name
   * @param integration null until PutIntegration
   */
  public record Method(String httpMethod, String authorizationType, String authorizerId, boolean apiKeyRequired,
      String requestValidatorId, String operationName, Map<String, Boolean> requestParameters,
      Map<String, String> requestModels, List<String> authorizationScopes, Map<String, MethodResponse> methodResponses,
      Integration integration) {
    public Method {
      Objects.requireNonNull(httpMethod, "httpMethod");
      requestParameters = copy(requestParameters);
      requestModels = copy(requestModels);
      authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
      methodResponses = copy(methodResponses);
    }

    public Method withIntegration(Integration i) {
      return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, requestValidatorId, operationName,
          requestParameters, requestModels, authorizationScopes, methodResponses, i);
    }

    public Method withMethodResponses(UnaryOperator<Map<String, MethodResponse>> change) {
      return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, requestValidatorId, operationName,
          requestParameters, requestModels, authorizationScopes, change.apply(new LinkedHashMap<>(methodResponses)), integration);
    }

    public Method withAccess(String newAuthorizationType, String newAuthorizerId, boolean newApiKeyRequired,
        String newValidatorId, Map<String, Boolean> newParameters) {
      return new Method(httpMethod, newAuthorizationType, newAuthorizerId, newApiKeyRequired, newValidatorId, operationName,
          newParameters, requestModels, authorizationScopes, methodResponses, integration);
    }
  }

  /**
   * What a method calls.
   *
   * @param type {@code HTTP}, {@code HTTP_PROXY}, {@code MOCK}, {@code AWS}, {@code AWS_PROXY}
   * @param httpMethod the integration's HTTP method (the backend's), null for MOCK
   * @param timeoutInMillis 50 – 29,000 (apigateway.md §19)
   */
  public record Integration(String type, String httpMethod, String uri, String connectionType, String connectionId,
      String credentials, Map<String, String> requestParameters, Map<String, String> requestTemplates,
      String passthroughBehavior, String contentHandling, int timeoutInMillis, String cacheNamespace,
      List<String> cacheKeyParameters, Map<String, IntegrationResponse> integrationResponses) {
    /** The default and largest integration timeout, 29 s (apigateway.md §19). */
    public static final int MAX_TIMEOUT_MILLIS = 29_000;

    public Integration {
      Objects.requireNonNull(type, "type");
      requestParameters = copy(requestParameters);
      requestTemplates = copy(requestTemplates);
      cacheKeyParameters = cacheKeyParameters == null ? List.of() : List.copyOf(cacheKeyParameters);
      integrationResponses = copy(integrationResponses);
    }

    public boolean isProxy() { return type.equals("HTTP_PROXY") || type.equals("AWS_PROXY"); }

    public Integration withResponses(UnaryOperator<Map<String, IntegrationResponse>> change) {
      return new Integration(type, httpMethod, uri, connectionType, connectionId, credentials, requestParameters,
          requestTemplates, passthroughBehavior, contentHandling, timeoutInMillis, cacheNamespace, cacheKeyParameters,
          change.apply(new LinkedHashMap<>(integrationResponses)));
    }
  }

  /**
   * How a backend answer becomes the method's: chosen by {@code selectionPattern} (a regex over
   * the backend's status for HTTP, over the error message for Lambda); no pattern = the default.
   */
  public record IntegrationResponse(String statusCode, String selectionPattern, Map<String, String> responseParameters,
      Map<String, String> responseTemplates, String contentHandling) {
    public IntegrationResponse {
      Objects.requireNonNull(statusCode, "statusCode");
      responseParameters = copy(responseParameters);
      responseTemplates = copy(responseTemplates);
    }
  }

  /** A status code the method declares, with its headers (required or not) and models. */
  public record MethodResponse(String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels) {
    public MethodResponse {
      Objects.requireNonNull(statusCode, "statusCode");
      responseParameters = copy(responseParameters);
      responseModels = copy(responseModels);
    }
  }

  /** A JSON Schema (draft 4) model, by name; request validation checks bodies against it. */
  public record Model(String id, String name, String description, String schema, String contentType) {
    public Model {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  /** What a request validator checks: required parameters, the body against the model, or both. */
  public record RequestValidator(String id, String name, boolean validateRequestBody, boolean validateRequestParameters) {
    public RequestValidator {
      Objects.requireNonNull(id, "id");
    }
  }

  /** A customised gateway response (a type not stored here answers its default, {@link GatewayResponseType}). */
  public record GatewayResponse(String responseType, String statusCode, Map<String, String> responseParameters,
      Map<String, String> responseTemplates) {
    public GatewayResponse {
      Objects.requireNonNull(responseType, "responseType");
      responseParameters = copy(responseParameters);
      responseTemplates = copy(responseTemplates);
    }
  }

  /**
   * A Lambda (TOKEN or REQUEST) or Cognito (COGNITO_USER_POOLS) authorizer, stored.
   *
   * @param resultTtlInSeconds 0 – 3,600, default 300
   */
  public record Authorizer(String id, String name, String type, List<String> providerArns, String authType,
      String authorizerUri, String authorizerCredentials, String identitySource, String identityValidationExpression,
      int resultTtlInSeconds) {
    public Authorizer {
      Objects.requireNonNull(id, "id");
      providerArns = providerArns == null ? List.of() : List.copyOf(providerArns);
    }
  }
}
