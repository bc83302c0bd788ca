package dev.stratus.apigateway;

import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.GatewayResponseType;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.apigateway.model.UsagePlan;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;

/** The one place where the stored REST API records and the SDK's shapes meet (v1). */
final class RestShapes {
  private RestShapes() {}

  static software.amazon.awssdk.services.apigateway.model.RestApi restApi(RestApi a, Map<String, String> tags) {
    return software.amazon.awssdk.services.apigateway.model.RestApi.builder()
        .id(a.id()).name(a.name()).description(a.description()).createdDate(a.createdDate())
        .apiKeySource(a.apiKeySource()).binaryMediaTypes(a.binaryMediaTypes()).policy(a.policy())
        .endpointConfiguration(EndpointConfiguration.builder().typesWithStrings(a.endpointTypes())
            .vpcEndpointIds(a.vpcEndpointIds().isEmpty() ? null : a.vpcEndpointIds()).build())
        .rootResourceId(a.rootResourceId()).disableExecuteApiEndpoint(a.disableExecuteApiEndpoint())
        .tags(tags.isEmpty() ? null : tags).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Resource resource(RestApi.Resource r) {
    var b = software.amazon.awssdk.services.apigateway.model.Resource.builder()
        .id(r.id()).parentId(r.parentId()).pathPart(r.pathPart()).path(r.path());
    if (!r.methods().isEmpty()) {
      Map<String, software.amazon.awssdk.services.apigateway.model.Method> m = new LinkedHashMap<>();
      r.methods().forEach((k, v) -> m.put(k, method(v)));
      b.resourceMethods(m);
    }
    return b.build();
  }

  static software.amazon.awssdk.services.apigateway.model.Method method(RestApi.Method m) {
    Map<String, software.amazon.awssdk.services.apigateway.model.MethodResponse> responses = new LinkedHashMap<>();
    m.methodResponses().forEach((k, v) -> responses.put(k, methodResponse(v)));
    return software.amazon.awssdk.services.apigateway.model.Method.builder()
        .httpMethod(m.httpMethod()).authorizationType(m.authorizationType()).authorizerId(m.authorizerId())
        .apiKeyRequired(m.apiKeyRequired()).requestValidatorId(m.requestValidatorId()).operationName(m.operationName())
        .requestParameters(m.requestParameters().isEmpty() ? null : m.requestParameters())
        .requestModels(m.requestModels().isEmpty() ? null : m.requestModels())
        .authorizationScopes(m.authorizationScopes().isEmpty() ? null : m.authorizationScopes())
        .methodResponses(responses.isEmpty() ? null : responses)
        .methodIntegration(m.integration() == null ? null : integration(m.integration())).build();
  }

  static software.amazon.awssdk.services.apigateway.model.MethodResponse methodResponse(RestApi.MethodResponse r) {
    return software.amazon.awssdk.services.apigateway.model.MethodResponse.builder().statusCode(r.statusCode())
        .responseParameters(r.responseParameters().isEmpty() ? null : r.responseParameters())
        .responseModels(r.responseModels().isEmpty() ? null : r.responseModels()).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Integration integration(RestApi.Integration i) {
    Map<String, software.amazon.awssdk.services.apigateway.model.IntegrationResponse> responses = new LinkedHashMap<>();
    i.integrationResponses().forEach((k, v) -> responses.put(k, integrationResponse(v)));
    return software.amazon.awssdk.services.apigateway.model.Integration.builder()
        .type(i.type()).httpMethod(i.httpMethod()).uri(i.uri()).connectionType(i.connectionType())
        .connectionId(i.connectionId()).credentials(i.credentials())
        .requestParameters(i.requestParameters().isEmpty() ? null : i.requestParameters())
        .requestTemplates(i.requestTemplates().isEmpty() ? null : i.requestTemplates())
        .passthroughBehavior(i.passthroughBehavior()).contentHandling(i.contentHandling())
        .timeoutInMillis(i.timeoutInMillis()).cacheNamespace(i.cacheNamespace()).cacheKeyParameters(i.cacheKeyParameters())
        .integrationResponses(responses.isEmpty() ? null : responses).build();
  }

  static software.amazon.awssdk.services.apigateway.model.IntegrationResponse integrationResponse(RestApi.IntegrationResponse r) {
    return software.amazon.awssdk.services.apigateway.model.IntegrationResponse.builder().statusCode(r.statusCode())
        .selectionPattern(r.selectionPattern())
        .responseParameters(r.responseParameters().isEmpty() ? null : r.responseParameters())
        .responseTemplates(r.responseTemplates().isEmpty() ? null : r.responseTemplates())
        .contentHandling(r.contentHandling()).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Model model(RestApi.Model m) {
    return software.amazon.awssdk.services.apigateway.model.Model.builder().id(m.id()).name(m.name())
        .description(m.description()).schema(m.schema()).contentType(m.contentType()).build();
  }

  static software.amazon.awssdk.services.apigateway.model.RequestValidator validator(RestApi.RequestValidator v) {
    return software.amazon.awssdk.services.apigateway.model.RequestValidator.builder().id(v.id()).name(v.name())
        .validateRequestBody(v.validateRequestBody()).validateRequestParameters(v.validateRequestParameters()).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Authorizer authorizer(RestApi.Authorizer a) {
    return software.amazon.awssdk.services.apigateway.model.Authorizer.builder().id(a.id()).name(a.name()).type(a.type())
        .providerARNs(a.providerArns().isEmpty() ? null : a.providerArns()).authType(a.authType())
        .authorizerUri(a.authorizerUri()).authorizerCredentials(a.authorizerCredentials())
        .identitySource(a.identitySource()).identityValidationExpression(a.identityValidationExpression())
        .authorizerResultTtlInSeconds(a.resultTtlInSeconds()).build();
  }

  /** A type's response as GetGatewayResponse shows it: the customised one, else AWS's default. */
  static software.amazon.awssdk.services.apigateway.model.GatewayResponse gatewayResponse(RestApi api, GatewayResponseType type) {
    RestApi.GatewayResponse custom = api.gatewayResponses().get(type.name());
    if (custom != null) {
      return software.amazon.awssdk.services.apigateway.model.GatewayResponse.builder().responseType(type.name())
          .statusCode(custom.statusCode()).responseParameters(custom.responseParameters())
          .responseTemplates(custom.responseTemplates()).defaultResponse(false).build();
    }
    return software.amazon.awssdk.services.apigateway.model.GatewayResponse.builder().responseType(type.name())
        .statusCode(type.defaultStatus() == 0 ? null : String.valueOf(type.defaultStatus()))
        .responseParameters(Map.of())
        .responseTemplates(Map.of("application/json", GatewayResponseType.DEFAULT_TEMPLATE)).defaultResponse(true).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Deployment deployment(Deployment d) {
    return software.amazon.awssdk.services.apigateway.model.Deployment.builder().id(d.id()).description(d.description())
        .createdDate(d.createdDate()).build();
  }

  static software.amazon.awssdk.services.apigateway.model.Stage stage(Stage s, Map<String, String> tags) {
    Map<String, software.amazon.awssdk.services.apigateway.model.MethodSetting> settings = new LinkedHashMap<>();
    s.methodSettings().forEach((k, v) -> settings.put(k, software.amazon.awssdk.services.apigateway.model.MethodSetting.builder()
        .metricsEnabled(v.metricsEnabled()).loggingLevel(v.loggingLevel()).dataTraceEnabled(v.dataTraceEnabled())
        .throttlingBurstLimit(v.throttlingBurstLimit()).throttlingRateLimit(v.throttlingRateLimit())
        .cachingEnabled(v.cachingEnabled()).cacheTtlInSeconds(v.cacheTtlInSeconds()).cacheDataEncrypted(v.cacheDataEncrypted())
        .requireAuthorizationForCacheControl(v.requireAuthorizationForCacheControl())
        .unauthorizedCacheControlHeaderStrategy(v.unauthorizedCacheControlHeaderStrategy()).build()));
    return software.amazon.awssdk.services.apigateway.model.Stage.builder().stageName(s.stageName())
        .deploymentId(s.deploymentId()).description(s.description())
        .variables(s.variables().isEmpty() ? null : s.variables()).methodSettings(settings)
        .tracingEnabled(s.tracingEnabled()).cacheClusterEnabled(s.cacheClusterEnabled())
        .cacheClusterSize(s.cacheClusterSize()).cacheClusterStatus(s.cacheClusterEnabled() ? "AVAILABLE" : "NOT_AVAILABLE")
        .createdDate(s.createdDate()).lastUpdatedDate(s.lastUpdatedDate())
        .accessLogSettings(s.accessLogSettings() == null ? null
            : software.amazon.awssdk.services.apigateway.model.AccessLogSettings.builder()
                .destinationArn(s.accessLogSettings().destinationArn()).format(s.accessLogSettings().format()).build())
        .tags(tags.isEmpty() ? null : tags).build();
  }

  static software.amazon.awssdk.services.apigateway.model.ApiKey apiKey(ApiKey k, boolean includeValue, Map<String, String> tags) {
    return software.amazon.awssdk.services.apigateway.model.ApiKey.builder().id(k.id()).name(k.name())
        .value(includeValue ? k.value() : null).customerId(k.customerId()).description(k.description())
        .enabled(k.enabled()).createdDate(k.createdDate()).lastUpdatedDate(k.lastUpdatedDate())
        .stageKeys(k.stageKeys()).tags(tags.isEmpty() ? null : tags).build();
  }

  static software.amazon.awssdk.services.apigateway.model.UsagePlan usagePlan(UsagePlan p, Map<String, String> tags) {
    return software.amazon.awssdk.services.apigateway.model.UsagePlan.builder().id(p.id()).name(p.name())
        .description(p.description())
        .apiStages(p.apiStages().stream().map(s -> {
          Map<String, ThrottleSettings> t = new LinkedHashMap<>();
          s.throttle().forEach((k, v) -> t.put(k, throttle(v)));
          return software.amazon.awssdk.services.apigateway.model.ApiStage.builder().apiId(s.apiId()).stage(s.stage())
              .throttle(t.isEmpty() ? null : t).build();
        }).toList())
        .throttle(p.throttle() == null ? null : throttle(p.throttle()))
        .quota(p.quota() == null ? null : QuotaSettings.builder().limit(p.quota().limit()).offset(p.quota().offset())
            .period(p.quota().period().name()).build())
        .tags(tags.isEmpty() ? null : tags).build();
  }

  static ThrottleSettings throttle(UsagePlan.Throttle t) {
    return ThrottleSettings.builder().rateLimit(t.rateLimit()).burstLimit(t.burstLimit()).build();
  }

  static UsagePlan.Throttle throttle(ThrottleSettings t) {
    if (t == null) return null;
    return new UsagePlan.Throttle(t.rateLimit() == null ? 0 : t.rateLimit(), t.burstLimit() == null ? 0 : t.burstLimit());
  }
}
