package dev.stratus.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/** API Gateway v1 and v2 read operations through the real SDK clients (both sign as "apigateway"). */
class ApiGatewayReadIT {
  static ApiTestServer server;

  @BeforeAll
  static void start() { server = ApiTestServer.start(Clock.systemUTC(), new ApiGatewayModule()); }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void getRestApis_newAccount_isEmpty() {
    assertThat(server.client(ApiGatewayClient.builder()).getRestApis(r -> {}).items()).isEmpty();
  }

  @Test
  void getRestApi_unknown_isNotFound404() {
    var apigw = server.client(ApiGatewayClient.builder());
    assertThatThrownBy(() -> apigw.getRestApi(r -> r.restApiId("a1b2c3d4e5")))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.apigateway.model.NotFoundException.class,
            e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void getApis_newAccount_isEmpty() {
    assertThat(server.client(ApiGatewayV2Client.builder()).getApis(r -> {}).items()).isEmpty();
  }

  @Test
  void getApi_unknown_isNotFound404() {
    var apigw = server.client(ApiGatewayV2Client.builder());
    assertThatThrownBy(() -> apigw.getApi(r -> r.apiId("a1b2c3d4e5")))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.apigatewayv2.model.NotFoundException.class,
            e -> assertThat(e.statusCode()).isEqualTo(404));
  }
}
