package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * disableExecuteApiEndpoint: stored and answered; once in effect the default endpoint
 * ({@code {id}.execute-api.{region}.amazonaws.com} by Host on the API port, and the API's own
 * listener) answers 403 Forbidden while a custom domain name still serves the API. REST APIs apply
 * it at the next change to a stage; HTTP APIs at the next deployment, or at once when a stage
 * auto-deploys.
 */
class DisableExecuteApiEndpointIT {
  static final String CERT = "arn:aws:acm:us-east-1:000000000000:certificate/wild";
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static ApiGatewayV2Client v2;
  static HttpServer backend;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(new ManualTime(Instant.parse("2026-12-07T10:00:00Z")).clock(), module);
    var ca = dev.stratus.net.tls.StratusCa.generate(java.time.Clock.systemUTC());
    var real = dev.stratus.net.tls.TlsContexts.stratusNames(ca, List.of("*.example.com"), java.time.Clock.systemUTC());
    var cert = new ServingCertificate(CERT, "ISSUED", real.domainNames(), real.certificateChainPem(), real.privateKeyPem(),
        real.notAfter());
    server.context().extensions().provide(Certificates.class, arn -> Optional.ofNullable(CERT.equals(arn) ? cert : null));
    // Apache: UpdateRestApi/UpdateStage/UpdateApi are PATCH requests.
    apigw = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    v2 = server.client(ApiGatewayV2Client.builder(), ApacheHttpClient.create());
    backend = Backend.answering(exchange -> "backend " + exchange.getRequestURI());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static Http.Response viaApiPort(String host, String target) {
    module.dataPlane().awaitCurrent();
    return Http.get(new InetSocketAddress("127.0.0.1", server.port()), host, target);
  }

  static Http.Response viaListener(String apiId, String target) {
    module.dataPlane().awaitCurrent();
    return Http.get(module.dataPlane().listener(apiId).orElseThrow(), apiId + ".execute-api.us-east-1.amazonaws.com", target);
  }

  /** A REGIONAL REST API with a MOCK GET /pets, deployed to prod. */
  static String restApi() {
    var api = apigw.createRestApi(r -> r.name("default-endpoint").endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    String pets = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putMethodResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200"));
    apigw.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"pets\": \"$context.stage\"}")));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    return api.id();
  }

  static void domain(String name) {
    apigw.createDomainName(r -> r.domainName(name).regionalCertificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
  }

  static void assertForbidden(Http.Response r) {
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void restApi_disabledAtTheNextStageChange_customDomainStillServes() {
    String id = restApi();
    String host = id + ".execute-api.us-east-1.amazonaws.com";
    assertThat(apigw.getRestApi(r -> r.restApiId(id)).disableExecuteApiEndpoint()).isFalse();
    domain("rest.example.com");
    apigw.createBasePathMapping(r -> r.domainName("rest.example.com").restApiId(id).stage("prod"));
    assertThat(viaApiPort(host, "/prod/pets").status()).isEqualTo(200);

    var updated = apigw.updateRestApi(r -> r.restApiId(id)
        .patchOperations(p -> p.op("replace").path("/disableExecuteApiEndpoint").value("True")));
    assertThat(updated.disableExecuteApiEndpoint()).isTrue();
    assertThat(apigw.getRestApi(r -> r.restApiId(id)).disableExecuteApiEndpoint()).isTrue();
    // Not yet: AWS applies it when a stage of the API changes.
    assertThat(viaApiPort(host, "/prod/pets").status()).isEqualTo(200);

    apigw.updateStage(r -> r.restApiId(id).stageName("prod")
        .patchOperations(p -> p.op("replace").path("/description").value("any stage setting")));
    assertForbidden(viaApiPort(host, "/prod/pets"));
    assertForbidden(viaApiPort(id + ".execute-api.us-east-1.localhost", "/prod/pets"));
    assertForbidden(viaListener(id, "/prod/pets"));
    var custom = viaApiPort("rest.example.com", "/pets");
    assertThat(custom.status()).isEqualTo(200);
    assertThat(custom.body()).isEqualTo("{\"pets\": \"prod\"}");
    assertThat(Http.get(module.dataPlane().domainListener("rest.example.com").orElseThrow(), "rest.example.com", "/pets")
        .status()).isEqualTo(200);
    assertThat(CustomDomainIT.httpsGet(module.dataPlane().domainTlsListener("rest.example.com").orElseThrow(),
        "rest.example.com", "/pets")).startsWith("HTTP/1.1 200");

    // Enabled again: in effect at the next deployment to a stage.
    apigw.updateRestApi(r -> r.restApiId(id)
        .patchOperations(p -> p.op("replace").path("/disableExecuteApiEndpoint").value("False")));
    assertForbidden(viaApiPort(host, "/prod/pets"));
    apigw.createDeployment(r -> r.restApiId(id).stageName("prod"));
    assertThat(viaApiPort(host, "/prod/pets").status()).isEqualTo(200);
    assertThat(viaListener(id, "/prod/pets").status()).isEqualTo(200);
  }

  @Test
  void restApi_createdDisabled_isDisabledFromItsFirstDeployment() {
    var api = apigw.createRestApi(r -> r.name("off").disableExecuteApiEndpoint(true)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    assertThat(api.disableExecuteApiEndpoint()).isTrue();
    assertThat(apigw.getRestApis(r -> { }).items()).filteredOn(a -> a.id().equals(api.id()))
        .singleElement().extracting(a -> a.disableExecuteApiEndpoint()).isEqualTo(true);
  }

  @Test
  void importedDefinitions_carryTheSettingInTheEndpointConfigurationExtension() {
    // Swagger 2.0: at the top level; OpenAPI 3: on a server object.
    String swagger = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"off\",\"version\":\"1\"},"
        + "\"x-amazon-apigateway-endpoint-configuration\":{\"disableExecuteApiEndpoint\":true},\"paths\":{}}";
    var rest = apigw.importRestApi(r -> r.body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(swagger)));
    assertThat(rest.disableExecuteApiEndpoint()).isTrue();
    assertThat(apigw.getRestApi(r -> r.restApiId(rest.id())).disableExecuteApiEndpoint()).isTrue();
    String openApi = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"off\",\"version\":\"1\"},\"servers\":[{\"url\":"
        + "\"https://api.example.com\",\"x-amazon-apigateway-endpoint-configuration\":{\"disableExecuteApiEndpoint\":true}}],"
        + "\"paths\":{}}";
    var http = v2.importApi(r -> r.body(openApi));
    assertThat(http.disableExecuteApiEndpoint()).isTrue();
    assertThat(v2.getApi(r -> r.apiId(http.apiId())).disableExecuteApiEndpoint()).isTrue();
    String plain = openApi.replace("true", "false");
    assertThat(v2.reimportApi(r -> r.apiId(http.apiId()).body(plain)).disableExecuteApiEndpoint()).isFalse();
  }

  @Test
  void httpApi_autoDeployedStage_appliesAtOnce() {
    String id = v2.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:" + backend.getAddress().getPort())).apiId();
    String host = id + ".execute-api.us-east-1.amazonaws.com";
    domain("quick.example.com");
    v2.createApiMapping(r -> r.domainName("quick.example.com").apiId(id).stage("$default"));
    assertThat(viaApiPort(host, "/a").body()).isEqualTo("backend /a");

    var updated = v2.updateApi(r -> r.apiId(id).disableExecuteApiEndpoint(true));
    assertThat(updated.disableExecuteApiEndpoint()).isTrue();
    assertThat(v2.getApi(r -> r.apiId(id)).disableExecuteApiEndpoint()).isTrue();
    assertForbidden(viaApiPort(host, "/a"));
    assertForbidden(viaListener(id, "/a"));
    var custom = viaApiPort("quick.example.com", "/a");
    assertThat(custom.status()).isEqualTo(200);
    assertThat(custom.body()).isEqualTo("backend /a");

    v2.updateApi(r -> r.apiId(id).disableExecuteApiEndpoint(false));
    assertThat(viaApiPort(host, "/a").status()).isEqualTo(200);
  }

  @Test
  void httpApi_withoutAutoDeploy_appliesAtTheNextDeployment() {
    String id = v2.createApi(r -> r.name("manual").protocolType(ProtocolType.HTTP)).apiId();
    String integration = v2.createIntegration(r -> r.apiId(id).integrationType("HTTP_PROXY").integrationMethod("ANY")
        .integrationUri("http://127.0.0.1:" + backend.getAddress().getPort() + "/x").payloadFormatVersion("1.0"))
        .integrationId();
    v2.createRoute(r -> r.apiId(id).routeKey("GET /x").target("integrations/" + integration));
    v2.createStage(r -> r.apiId(id).stageName("live"));
    v2.createDeployment(r -> r.apiId(id).stageName("live"));
    String host = id + ".execute-api.us-east-1.amazonaws.com";
    assertThat(viaApiPort(host, "/live/x").status()).isEqualTo(200);

    v2.updateApi(r -> r.apiId(id).disableExecuteApiEndpoint(true));
    assertThat(viaApiPort(host, "/live/x").status()).as("not deployed yet").isEqualTo(200);
    v2.createDeployment(r -> r.apiId(id).stageName("live"));
    assertForbidden(viaApiPort(host, "/live/x"));
    domain("manual.example.com");
    v2.createApiMapping(r -> r.domainName("manual.example.com").apiId(id).stage("live"));
    assertThat(viaApiPort("manual.example.com", "/x").status()).isEqualTo(200);
  }
}
