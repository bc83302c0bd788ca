package dev.stratus.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;

/** REST API control plane through the SDK: building an API, and AWS's refusals (apigateway.md B). */
class RestApiControlPlaneIT {
  static ApiTestServer server;
  static ApiGatewayClient apigw;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new ApiGatewayModule());
    apigw = ApiGatewayClient.builder().endpointOverride(server.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create()).build();
  }

  @AfterAll
  static void stop() { server.close(); }

  static CreateRestApiResponse api(String name) {
    return apigw.createRestApi(r -> r.name(name).endpointConfiguration(e -> e.types(EndpointType.REGIONAL)).tags(Map.of("team", "a")));
  }

  @Test
  void createRestApi_regional_hasRootResourceAndTags() {
    var api = api("pets");
    assertThat(api.id()).hasSize(10);
    assertThat(api.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
    assertThat(api.apiKeySource()).isEqualTo(ApiKeySourceType.HEADER);
    var resources = apigw.getResources(r -> r.restApiId(api.id())).items();
    assertThat(resources).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/"));
    assertThat(apigw.getTags(r -> r.resourceArn("arn:aws:apigateway:us-east-1::/restapis/" + api.id())).tags())
        .containsEntry("team", "a");
    assertThat(apigw.getRestApi(r -> r.restApiId(api.id())).rootResourceId()).isEqualTo(api.rootResourceId());
  }

  @Test
  void createResource_sameNameTwice_isConflict() {
    var api = api("dup");
    apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("users"));
    assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("users")))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Another resource with the same parent already has this name: users");
        });
  }

  @Test
  void createResource_unknownParent_isNotFoundInvalidResource() {
    var api = api("np");
    assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId("nope12").pathPart("x")))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Resource identifier specified"));
  }

  @Test
  void createResource_childOfGreedy_isBadRequest() {
    var api = api("greedy");
    var proxy = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{proxy+}"));
    assertThat(proxy.path()).isEqualTo("/{proxy+}");
    assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId(proxy.id()).pathPart("x")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{id}")))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("only one is allowed"));
  }

  @Test
  void putMethod_twice_isConflict_andIntegrationBuildsUp() {
    var api = api("methods");
    var res = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("items"));
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").authorizationType("NONE")
        .apiKeyRequired(true).requestParameters(Map.of("method.request.querystring.q", true)));
    assertThatThrownBy(() -> apigw.putMethod(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").authorizationType("NONE")))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Method already exists for this resource"));
    assertThatThrownBy(() -> apigw.getIntegration(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET")))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No integration defined for method"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:9/items"));
    apigw.putMethodResponse(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").statusCode("200"));
    apigw.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").statusCode("200")
        .selectionPattern(""));
    var m = apigw.getMethod(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET"));
    assertThat(m.apiKeyRequired()).isTrue();
    assertThat(m.methodIntegration().type()).isEqualTo(IntegrationType.HTTP_PROXY);
    assertThat(m.methodIntegration().timeoutInMillis()).isEqualTo(29000);
    assertThat(m.methodIntegration().integrationResponses()).containsKey("200");
    var updated = apigw.updateIntegration(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/timeoutInMillis").value("1000").build(),
        PatchOperation.builder().op(Op.ADD).path("/requestTemplates/application~1json").value("{}").build()));
    assertThat(updated.timeoutInMillis()).isEqualTo(1000);
    assertThat(updated.requestTemplates()).containsEntry("application/json", "{}");
    assertThatThrownBy(() -> apigw.updateIntegration(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET")
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/timeoutInMillis").value("40000").build())))
        .isInstanceOf(BadRequestException.class);
    assertThat(apigw.updateIntegrationResponse(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("GET").statusCode("200")
        .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/selectionPattern").value("2\\d{2}").build()))
        .selectionPattern()).isEqualTo("2\\d{2}");
    assertThatThrownBy(() -> apigw.getMethod(r -> r.restApiId(api.id()).resourceId(res.id()).httpMethod("POST")))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Method identifier specified"));
  }

  @Test
  void putIntegration_timeoutOver29s_andAwsProxyToNonLambda_areBadRequest() {
    var api = api("timeouts");
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("ANY").authorizationType("NONE"));
    assertThatThrownBy(() -> apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("ANY")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").uri("http://127.0.0.1:9/").timeoutInMillis(30000)))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("ANY")
        .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri("http://example.com")))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Integrations of type 'AWS_PROXY'"));
  }

  @Test
  void createDeployment_withoutMethods_isBadRequest_thenStageServesIt() {
    var api = api("deploy");
    assertThatThrownBy(() -> apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod")))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The REST API doesn't contain any methods"));
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    assertThatThrownBy(() -> apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod")))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No integration defined for method"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    var dep = apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod").variables(Map.of("v", "1")));
    var stage = apigw.getStage(r -> r.restApiId(api.id()).stageName("prod"));
    assertThat(stage.deploymentId()).isEqualTo(dep.id());
    assertThat(stage.variables()).containsEntry("v", "1");
    assertThatThrownBy(() -> apigw.createStage(r -> r.restApiId(api.id()).stageName("prod").deploymentId(dep.id())))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stage already exists"));
    var updated = apigw.updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/rateLimit").value("5").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/throttling/burstLimit").value("2").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/variables/url").value("example.com").build()));
    assertThat(updated.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(5.0);
    assertThat(updated.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(2);
    assertThat(updated.variables()).containsEntry("url", "example.com");
    assertThat(updated.methodSettings().get("*/*").loggingLevel()).as("not set: AWS shows none").isNull();
    // AWS's update-stage examples: one resource's method (~1 for /) and every method, every group of settings
    var methods = apigw.updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/logging/dataTrace").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/logging/loglevel").value("INFO").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/metrics/enabled").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/caching/enabled").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/caching/ttlInSeconds").value("60").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/~1resourceName/GET/caching/dataEncrypted").value("true").build(),
        PatchOperation.builder().op(Op.REPLACE).path("/*/*/logging/dataTrace").value("true").build()));
    var get = apigw.getStage(r -> r.restApiId(api.id()).stageName("prod"));
    assertThat(get.methodSettings()).isEqualTo(methods.methodSettings()).containsOnlyKeys("*/*", "~1resourceName/GET");
    var one = get.methodSettings().get("~1resourceName/GET");
    assertThat(one.dataTraceEnabled()).isTrue();
    assertThat(one.loggingLevel()).isEqualTo("INFO");
    assertThat(one.metricsEnabled()).isTrue();
    assertThat(one.cachingEnabled()).isTrue();
    assertThat(one.cacheTtlInSeconds()).isEqualTo(60);
    assertThat(one.cacheDataEncrypted()).isTrue();
    assertThat(one.throttlingBurstLimit()).as("account default").isEqualTo(5000);
    assertThat(one.throttlingRateLimit()).isEqualTo(10000.0);
    assertThat(one.requireAuthorizationForCacheControl()).isTrue();
    assertThat(one.unauthorizedCacheControlHeaderStrategyAsString()).isEqualTo("SUCCEED_WITH_RESPONSE_HEADER");
    assertThat(get.methodSettings().get("*/*").dataTraceEnabled()).isTrue();
    assertThat(get.methodSettings().get("*/*").throttlingRateLimit()).as("kept").isEqualTo(5.0);
    assertThatThrownBy(() -> apigw.deleteDeployment(r -> r.restApiId(api.id()).deploymentId(dep.id())))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> apigw.getStage(r -> r.restApiId(api.id()).stageName("nope")))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Stage identifier specified"));
  }

  @Test
  void usagePlan_withKey_andQuota_roundTrips() {
    var api = api("plans");
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").type(IntegrationType.MOCK));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    var key = apigw.createApiKey(r -> r.name("partner").enabled(true));
    assertThat(key.value()).hasSize(40);
    var plan = apigw.createUsagePlan(r -> r.name("gold").apiStages(s -> s.apiId(api.id()).stage("prod"))
        .throttle(t -> t.rateLimit(100.0).burstLimit(50)).quota(q -> q.limit(1000).period(QuotaPeriodType.DAY)));
    apigw.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
    assertThatThrownBy(() -> apigw.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY")))
        .isInstanceOf(ConflictException.class);
    assertThat(apigw.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items()).singleElement()
        .satisfies(k -> assertThat(k.value()).isEqualTo(key.value()));
    var got = apigw.getUsagePlan(r -> r.usagePlanId(plan.id()));
    assertThat(got.quota().period()).isEqualTo(QuotaPeriodType.DAY);
    assertThat(got.throttle().burstLimit()).isEqualTo(50);
    assertThatThrownBy(() -> apigw.createUsagePlan(r -> r.name("bad").apiStages(s -> s.apiId(api.id()).stage("nope"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> apigw.getUsagePlan(r -> r.usagePlanId("nope00"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> apigw.getApiKey(r -> r.apiKey("nope000000")))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid API Key identifier specified"));
  }

  @Test
  void gatewayResponses_listEveryTypeWithDefaults_andPutCustomises() {
    var api = api("gw");
    var all = apigw.getGatewayResponses(r -> r.restApiId(api.id())).items();
    assertThat(all).hasSize(21);
    var missing = apigw.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN));
    assertThat(missing.statusCode()).isEqualTo("403");
    assertThat(missing.defaultResponse()).isTrue();
    assertThat(missing.responseTemplates()).containsEntry("application/json", "{\"message\":$context.error.messageString}");
    apigw.putGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED).statusCode("503")
        .responseParameters(Map.of("gatewayresponse.header.Retry-After", "'1'")));
    var throttled = apigw.getGatewayResponse(r -> r.restApiId(api.id()).responseType(GatewayResponseType.THROTTLED));
    assertThat(throttled.statusCode()).isEqualTo("503");
    assertThat(throttled.defaultResponse()).isFalse();
  }

  @Test
  void authorizersModelsValidators_storedAndRefused() {
    var api = api("parts");
    var auth = apigw.createAuthorizer(r -> r.restApiId(api.id()).name("tok").type(AuthorizerType.TOKEN)
        .identitySource("method.request.header.Authorization")
        .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations"));
    assertThat(apigw.getAuthorizer(r -> r.restApiId(api.id()).authorizerId(auth.id())).authorizerResultTtlInSeconds()).isEqualTo(300);
    assertThatThrownBy(() -> apigw.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
        .authorizationType("CUSTOM"))).isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid authorizer ID specified."));
    apigw.createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json")
        .schema("{\"type\":\"object\",\"required\":[\"name\"]}"));
    assertThatThrownBy(() -> apigw.createModel(r -> r.restApiId(api.id()).name("Pet").contentType("application/json")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> apigw.getModel(r -> r.restApiId(api.id()).modelName("Dog")))
        .isInstanceOf(NotFoundException.class);
    var v = apigw.createRequestValidator(r -> r.restApiId(api.id()).name("all").validateRequestBody(true).validateRequestParameters(true));
    assertThat(apigw.getRequestValidators(r -> r.restApiId(api.id())).items()).extracting(RequestValidator::id).containsExactly(v.id());
  }
}
