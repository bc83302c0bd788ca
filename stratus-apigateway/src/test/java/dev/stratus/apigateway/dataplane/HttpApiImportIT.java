package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** apigatewayv2 ImportApi / ReimportApi / ExportApi through the SDK; an imported HTTP API answers HTTP. */
class HttpApiImportIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayV2Client v2;
  static HttpServer backend;
  static String doc;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(new ManualTime(Instant.parse("2026-12-07T10:00:00Z")).clock(), module);
    v2 = server.client(ApiGatewayV2Client.builder());
    backend = Backend.answering(exchange -> "backend " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
    String url = "http://127.0.0.1:" + backend.getAddress().getPort();
    doc = """
        openapi: "3.0.1"
        info: {title: imported-http, description: from OpenAPI}
        x-amazon-apigateway-cors:
          allowOrigins: ["https://app.example"]
          allowMethods: [GET, POST]
          maxAge: 300
        components:
          securitySchemes:
            jwt:
              type: oauth2
              flows: {}
              x-amazon-apigateway-authorizer:
                type: jwt
                identitySource: "$request.header.Authorization"
                jwtConfiguration: {issuer: "https://issuer.example", audience: [aud1]}
        paths:
          /pets:
            get:
              x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "URL/pets", payloadFormatVersion: "1.0"}
          /secure:
            get:
              security: [{jwt: [read]}]
              x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "URL/secure", payloadFormatVersion: "1.0"}
          $default:
            x-amazon-apigateway-any-method:
              x-amazon-apigateway-integration: {type: http_proxy, httpMethod: ANY, uri: "URL/fallback", payloadFormatVersion: "1.0"}
        """.replace("URL", url);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static Http.Response get(String apiId, String target, Map<String, String> headers) {
    module.dataPlane().awaitCurrent();
    return Http.send(module.dataPlane().listener(apiId).orElseThrow(), apiId + ".execute-api.us-east-1.localhost", "GET",
        target, headers, null);
  }

  @Test
  void importedHttpApiAnswersAndExportsBack() {
    var api = v2.importApi(r -> r.body(doc));
    assertThat(api.name()).isEqualTo("imported-http");
    assertThat(api.protocolTypeAsString()).isEqualTo("HTTP");
    assertThat(api.corsConfiguration().allowOrigins()).containsExactly("https://app.example");
    String id = api.apiId();
    var routes = v2.getRoutes(r -> r.apiId(id)).items();
    assertThat(routes).extracting(Route::routeKey).containsExactlyInAnyOrder("GET /pets", "GET /secure", "$default");
    var secure = routes.stream().filter(r -> r.routeKey().equals("GET /secure")).findFirst().orElseThrow();
    assertThat(secure.authorizationTypeAsString()).isEqualTo("JWT");
    assertThat(secure.authorizationScopes()).containsExactly("read");
    var authorizer = v2.getAuthorizer(r -> r.apiId(id).authorizerId(secure.authorizerId()));
    assertThat(authorizer.jwtConfiguration().issuer()).isEqualTo("https://issuer.example");
    v2.createStage(r -> r.apiId(id).stageName("$default").autoDeploy(true));

    assertThat(get(id, "/pets", Map.of()).body()).isEqualTo("backend GET /pets");
    assertThat(get(id, "/else", Map.of()).body()).startsWith("backend GET /fallback");
    assertThat(get(id, "/secure", Map.of()).status()).isEqualTo(401);

    JsonNode exported = JSON.readTree(v2.exportApi(r -> r.apiId(id).specification("OAS30").outputType("JSON")
        .stageName("$default")).body().asUtf8String());
    assertThat(exported.path("openapi").asString()).isEqualTo("3.0.1");
    assertThat(exported.path("paths").path("/pets").path("get").path("x-amazon-apigateway-integration").path("uri").asString())
        .endsWith("/pets");
    assertThat(exported.path("paths").path("$default").has("x-amazon-apigateway-any-method")).isTrue();
    assertThat(exported.path("x-amazon-apigateway-cors").path("maxAge").asInt()).isEqualTo(300);
    JsonNode yaml = YAMLMapper.builder().build().readTree(v2.exportApi(r -> r.apiId(id).specification("OAS30")
        .outputType("YAML").includeExtensions(false)).body().asUtf8String());
    assertThat(yaml.path("paths").path("/pets").path("get").has("x-amazon-apigateway-integration")).isFalse();

    // ReimportApi replaces the definition: only what the new document says is left.
    String smaller = doc.substring(0, doc.indexOf("  /secure:"));
    var reimported = v2.reimportApi(r -> r.apiId(id).body(smaller));
    assertThat(reimported.apiId()).isEqualTo(id);
    assertThat(v2.getRoutes(r -> r.apiId(id)).items()).extracting(Route::routeKey).containsExactly("GET /pets");
    assertThat(get(id, "/else", Map.of()).status()).isEqualTo(404);

    assertThatThrownBy(() -> v2.exportApi(r -> r.apiId(id).specification("OAS30").outputType("JSON").stageName("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> v2.importApi(r -> r.body("{\"nope\": 1}"))).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid OpenAPI input.");
  }
}
