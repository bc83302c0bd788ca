package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * ImportRestApi / PutRestApi / GetExport through the SDK, and an imported petstore (MOCK and
 * HTTP_PROXY integrations, validators, an API key, a gateway response, ANY) answering real HTTP.
 */
class OpenApiImportIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static HttpServer backend;
  static String petstore;

  @BeforeAll
  static void start() throws IOException {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(new ManualTime(Instant.parse("2026-12-07T10:00:00Z")).clock(), module);
    apigw = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    backend = Backend.answering(exchange -> "backend " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
    try (InputStream in = OpenApiImportIT.class.getResourceAsStream("/openapi/petstore-oas30.yaml")) {
      petstore = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("BACKEND", "127.0.0.1:" + backend.getAddress().getPort());
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static Http.Response send(String apiId, String method, String target, Map<String, String> headers, String body) {
    module.dataPlane().awaitCurrent();
    return Http.send(module.dataPlane().listener(apiId).orElseThrow(), apiId + ".execute-api.us-east-1.localhost", method,
        target, headers, body);
  }

  static String importPetstore() {
    var imported = apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(petstore))
        .parameters(Map.of("endpointConfigurationTypes", "REGIONAL")));
    assertThat(imported.name()).isEqualTo("PetStore");
    assertThat(imported.endpointConfiguration().typesAsStrings()).containsExactly("REGIONAL");
    assertThat(imported.warnings()).isEmpty();
    return imported.id();
  }

  @Test
  void anImportedPetstoreAnswersHttpThroughMockAndHttpProxy() {
    String id = importPetstore();
    assertThat(apigw.getResources(r -> r.restApiId(id)).items()).extracting(Resource::path)
        .contains("/", "/pets", "/pets/{petId}", "/everything", "/everything/{proxy+}");
    var pets = apigw.getResources(r -> r.restApiId(id)).items().stream().filter(r -> r.path().equals("/pets")).findFirst().orElseThrow();
    var post = apigw.getMethod(r -> r.restApiId(id).resourceId(pets.id()).httpMethod("POST"));
    assertThat(post.apiKeyRequired()).isTrue();
    assertThat(post.requestModels()).containsEntry("application/json", "NewPet");
    assertThat(post.operationName()).isEqualTo("CreatePet");
    assertThat(apigw.getRequestValidators(r -> r.restApiId(id)).items()).extracting(RequestValidator::name)
        .containsExactlyInAnyOrder("all", "params-only");
    apigw.createDeployment(r -> r.restApiId(id).stageName("v1"));

    var home = send(id, "GET", "/v1/", Map.of("Accept", "text/html"), null);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("Welcome to the PetStore");
    assertThat(home.header("Content-Type")).isEqualTo("text/html");
    var list = send(id, "GET", "/v1/pets?type=dog", Map.of(), null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("backend GET /petstore/pets?type=dog");
    var one = send(id, "GET", "/v1/pets/7", Map.of(), null);
    assertThat(one.body()).isEqualTo("backend GET /petstore/pets/7");
    var missing = send(id, "GET", "/v1/pets", Map.of(), null);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("Missing required request parameters: [type]");
    var noKey = send(id, "POST", "/v1/pets", Map.of("Content-Type", "application/json"), "{\"type\":\"dog\",\"price\":30}");
    assertThat(noKey.status()).isEqualTo(403);
    assertThat(noKey.body()).contains("Forbidden");
    var any = send(id, "DELETE", "/v1/everything/a/b", Map.of(), null);
    assertThat(any.body()).isEqualTo("{\"any\": \"DELETE\"}");
    // The imported MISSING_AUTHENTICATION_TOKEN gateway response: 404 with its own template.
    var unknown = send(id, "GET", "/v1/nothing-here", Map.of(), null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("no such route").contains("MISSING_AUTHENTICATION_TOKEN");
  }

  @Test
  void swagger2WithBasepathPrependAndAnAuthorizer() {
    String doc = """
        {"swagger": "2.0", "info": {"title": "S2", "version": "1"}, "basePath": "/api",
         "securityDefinitions": {"tok": {"type": "apiKey", "name": "Authorization", "in": "header",
           "x-amazon-apigateway-authtype": "custom",
           "x-amazon-apigateway-authorizer": {"type": "token",
             "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations",
             "authorizerResultTtlInSeconds": 60}}},
         "definitions": {"Item": {"type": "object"}},
         "paths": {"/items": {"put": {"security": [{"tok": []}], "consumes": ["application/json"],
           "parameters": [{"in": "body", "name": "Item", "schema": {"$ref": "#/definitions/Item"}},
                          {"in": "header", "name": "X-Trace", "required": true, "type": "string"}],
           "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Item"}}},
           "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
             "responses": {"default": {"statusCode": "200"}}}}}}}
        """;
    var imported = apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)).parameters(Map.of("basepath", "prepend")));
    String id = imported.id();
    var items = apigw.getResources(r -> r.restApiId(id)).items().stream().filter(r -> r.path().equals("/api/items"))
        .findFirst().orElseThrow();
    var authorizer = apigw.getAuthorizers(r -> r.restApiId(id)).items().getFirst();
    assertThat(authorizer.name()).isEqualTo("tok");
    assertThat(authorizer.typeAsString()).isEqualTo("TOKEN");
    assertThat(authorizer.identitySource()).isEqualTo("method.request.header.Authorization");
    assertThat(authorizer.authorizerResultTtlInSeconds()).isEqualTo(60);
    var put = apigw.getMethod(r -> r.restApiId(id).resourceId(items.id()).httpMethod("PUT"));
    assertThat(put.authorizationType()).isEqualTo("CUSTOM");
    assertThat(put.authorizerId()).isEqualTo(authorizer.id());
    assertThat(put.requestModels()).containsEntry("application/json", "Item");
    assertThat(put.requestParameters()).containsEntry("method.request.header.X-Trace", true);
    assertThat(put.methodResponses().get("200").responseModels()).containsEntry("application/json", "Item");
    assertThat(put.methodIntegration().typeAsString()).isEqualTo("MOCK");
  }

  @Test
  void warningsAreReturnedOrFailTheImport() {
    String doc = """
        {"openapi": "3.0.1", "info": {"title": "W"}, "paths": {"/a": {"post": {
          "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}},
          "responses": {"200": {"description": "ok"}}}}}}
        """;
    var ok = apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)));
    assertThat(ok.warnings()).singleElement().asString().contains("#/components/schemas/Missing");
    int before = apigw.getRestApis(r -> r.limit(500)).items().size();
    assertThatThrownBy(() -> apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(doc)).failOnWarnings(true)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Warnings found during import");
    assertThat(apigw.getRestApis(r -> r.limit(500)).items()).hasSize(before);
    assertThatThrownBy(() -> apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String("not: [an, api"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid OpenAPI input.");
    String badIntegration = """
        {"openapi": "3.0.1", "info": {"title": "E"}, "paths": {"/a": {"get": {"responses": {},
          "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET", "uri": "not a url"}}}}}
        """;
    assertThatThrownBy(() -> apigw.importRestApi(r -> r.body(SdkBytes.fromUtf8String(badIntegration))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid HTTP endpoint specified for URI");
  }

  @Test
  void putRestApiMergesOrOverwrites() {
    String id = importPetstore();
    String extra = """
        {"openapi": "3.0.1", "info": {"title": "PetStore"}, "paths": {"/health": {"get": {"responses": {"200": {"description": "ok"}},
          "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
            "responses": {"default": {"statusCode": "200", "responseTemplates": {"application/json": "{\\"healthy\\": true}"}}}}}}}}
        """;
    apigw.putRestApi(r -> r.restApiId(id).mode(PutMode.MERGE).body(SdkBytes.fromUtf8String(extra)));
    assertThat(apigw.getResources(r -> r.restApiId(id)).items()).extracting(Resource::path).contains("/pets", "/health");
    var overwritten = apigw.putRestApi(r -> r.restApiId(id).mode(PutMode.OVERWRITE).body(SdkBytes.fromUtf8String(extra)));
    assertThat(overwritten.id()).isEqualTo(id);
    assertThat(apigw.getResources(r -> r.restApiId(id)).items()).extracting(Resource::path).containsExactlyInAnyOrder("/", "/health");
    assertThat(apigw.getRequestValidators(r -> r.restApiId(id)).items()).isEmpty();
    apigw.createDeployment(r -> r.restApiId(id).stageName("prod"));
    assertThat(send(id, "GET", "/prod/health", Map.of(), null).body()).isEqualTo("{\"healthy\": true}");
    assertThat(send(id, "GET", "/prod/pets?type=dog", Map.of(), null).status()).isEqualTo(403);
  }

  @Test
  void getExportWritesADocumentThatImportsBack() throws Exception {
    String id = importPetstore();
    apigw.createDeployment(r -> r.restApiId(id).stageName("v1"));
    var oas = apigw.getExport(r -> r.restApiId(id).stageName("v1").exportType("oas30")
        .parameters(Map.of("extensions", "apigateway")).accepts("application/json"));
    assertThat(oas.contentType()).isEqualTo("application/json");
    assertThat(oas.contentDisposition()).startsWith("attachment; filename=\"oas30_");
    JsonNode doc = JSON.readTree(oas.body().asUtf8String());
    assertThat(doc.path("openapi").asString()).isEqualTo("3.0.1");
    assertThat(doc.path("info").path("title").asString()).isEqualTo("PetStore");
    assertThat(doc.path("servers").path(0).path("variables").path("basePath").path("default").asString()).isEqualTo("v1");
    assertThat(doc.path("paths").path("/pets/{petId}").path("get").path("x-amazon-apigateway-integration").path("type").asString())
        .isEqualTo("http_proxy");
    assertThat(doc.path("paths").path("/pets").path("post").path("x-amazon-apigateway-request-validator").asString()).isEqualTo("all");
    assertThat(doc.path("x-amazon-apigateway-request-validators").has("params-only")).isTrue();
    assertThat(doc.path("components").path("schemas").has("NewPet")).isTrue();
    assertThat(doc.path("components").path("securitySchemes").path("api_key").path("name").asString()).isEqualTo("x-api-key");

    // Without extensions: no x-amazon-apigateway-integration; as YAML for swagger.
    var plain = apigw.getExport(r -> r.restApiId(id).stageName("v1").exportType("swagger").accepts("application/yaml"));
    assertThat(plain.contentType()).isEqualTo("application/yaml");
    JsonNode swagger = YAMLMapper.builder().build().readTree(plain.body().asUtf8String());
    assertThat(swagger.path("swagger").asString()).isEqualTo("2.0");
    assertThat(swagger.path("basePath").asString()).isEqualTo("/v1");
    assertThat(swagger.path("paths").path("/pets").path("get").has("x-amazon-apigateway-integration")).isFalse();

    // The export imports back into an API that answers the same.
    var again = apigw.importRestApi(r -> r.body(oas.body()).parameters(Map.of("endpointConfigurationTypes", "REGIONAL")));
    apigw.createDeployment(r -> r.restApiId(again.id()).stageName("v1"));
    assertThat(send(again.id(), "GET", "/v1/pets/9", Map.of(), null).body()).isEqualTo("backend GET /petstore/pets/9");

    assertThatThrownBy(() -> apigw.getExport(r -> r.restApiId(id).stageName("nope").exportType("oas30")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Stage identifier specified");
  }
}
