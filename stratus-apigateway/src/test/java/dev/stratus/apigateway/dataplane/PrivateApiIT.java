package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * A PRIVATE REST API answers only through an execute-api interface VPC endpoint (its DNS name with
 * {@code x-apigw-api-id}, or the per-API alias), its resource policy's {@code aws:SourceVpce}
 * evaluated with that endpoint's id; anything else (the API's own name, a forged
 * {@code x-amzn-vpce-id}) is 403 Forbidden.
 */
class PrivateApiIT {
  static final String VPCE = "vpce-0a1b2c3d4e5f60718";
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static HttpServer backend;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(new ManualTime(Instant.parse("2026-12-07T10:00:00Z")).clock(), module);
    apigw = server.client(ApiGatewayClient.builder().httpClient(ApacheHttpClient.create()));
    backend = Backend.answering(exchange -> "vpce=" + exchange.getRequestHeaders().getFirst("x-amzn-vpce-id") + " mark=" + exchange.getRequestHeaders().getFirst("x-stratus-vpce-mark"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static Http.Response viaApiPort(String host, Map<String, String> headers) {
    module.dataPlane().awaitCurrent();
    return Http.send(new InetSocketAddress("127.0.0.1", server.port()), host, "GET", "/prod/x", headers, null);
  }

  @Test
  void onlyThroughTheAllowedEndpoint() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\","
        + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + VPCE + "\"}}}]}";
    var api = apigw.createRestApi(r -> r.name("private").policy(policy).endpointConfiguration(e -> e.types(EndpointType.PRIVATE)));
    String x = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("x")).id();
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(x).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(x).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/x"));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    String id = api.id();

    // Not through an endpoint: the API's own name, even with a forged x-amzn-vpce-id.
    var direct = viaApiPort(id + ".execute-api.us-east-1.amazonaws.com", Map.of());
    assertThat(direct.status()).isEqualTo(403);
    assertThat(direct.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    var forged = viaApiPort(id + ".execute-api.us-east-1.amazonaws.com", Map.of("x-amzn-vpce-id", VPCE));
    assertThat(forged.status()).isEqualTo(403);
    module.dataPlane().awaitCurrent();
    var own = Http.send(module.dataPlane().listener(id).orElseThrow(), id + ".execute-api.us-east-1.localhost", "GET",
        "/prod/x", Map.of("x-amzn-vpce-id", VPCE), null);
    assertThat(own.status()).isEqualTo(403);

    // Through the endpoint's DNS name with x-apigw-api-id, and through the per-API alias.
    var endpoint = viaApiPort(VPCE + "-k2j3h4g5.execute-api.us-east-1.vpce.amazonaws.com", Map.of("x-apigw-api-id", id));
    assertThat(endpoint.status()).isEqualTo(200);
    assertThat(endpoint.body()).isEqualTo("vpce=" + VPCE + " mark=null");
    var alias = viaApiPort(id + "-" + VPCE + ".execute-api.us-east-1.amazonaws.com", Map.of());
    assertThat(alias.status()).isEqualTo(200);

    // The same names on the API's own listener (its address, as the endpoint's private DNS would give).
    var at = module.dataPlane().listener(id).orElseThrow();
    var ownEndpoint = Http.send(at, VPCE + "-k2j3h4g5.execute-api.us-east-1.vpce.amazonaws.com", "GET", "/prod/x",
        Map.of("x-apigw-api-id", id), null);
    assertThat(ownEndpoint.status()).isEqualTo(200);
    assertThat(ownEndpoint.body()).isEqualTo("vpce=" + VPCE + " mark=null");
    assertThat(Http.send(at, id + "-" + VPCE + ".execute-api.us-east-1.amazonaws.com", "GET", "/prod/x", Map.of(), null).status())
        .isEqualTo(200);
    // An endpoint name naming another API does not count for this one.
    assertThat(Http.send(at, VPCE + "-k2j3h4g5.execute-api.us-east-1.vpce.amazonaws.com", "GET", "/prod/x",
        Map.of("x-apigw-api-id", "abcdefghij"), null).status()).isEqualTo(403);

    // Another endpoint: the policy does not allow it.
    var other = viaApiPort("vpce-0ffffffffffffffff-k2j3h4g5.execute-api.us-east-1.vpce.amazonaws.com",
        Map.of("x-apigw-api-id", id));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).contains("User: anonymous is not authorized to perform: execute-api:Invoke");
  }
}
