package dev.stratus.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ParameterConstraints;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** API Gateway v2 stage tags and route request parameters, answered as AWS answers them (through the SDK). */
class HttpApiControlPlaneIT {
  static ApiTestServer server;
  static ApiGatewayV2Client apigw;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new ApiGatewayModule());
    // Apache: the JDK URL client the default test client uses cannot send PATCH (UpdateStage, UpdateRoute)
    apigw = server.client(ApiGatewayV2Client.builder(), software.amazon.awssdk.http.apache.ApacheHttpClient.create());
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void version_isKeptAndAnsweredByEveryApiCall_andChangedByUpdate() {
    var api = apigw.createApi(r -> r.name("versioned").protocolType(ProtocolType.HTTP).version("2024-01"));
    assertThat(api.version()).isEqualTo("2024-01");
    assertThat(apigw.getApi(r -> r.apiId(api.apiId())).version()).isEqualTo("2024-01");
    assertThat(apigw.updateApi(r -> r.apiId(api.apiId()).description("d")).version()).isEqualTo("2024-01");
    assertThat(apigw.updateApi(r -> r.apiId(api.apiId()).version("2024-02")).version()).isEqualTo("2024-02");
    assertThat(apigw.getApis(r -> { }).items()).filteredOn(a -> a.apiId().equals(api.apiId()))
        .singleElement().extracting(a -> a.version()).isEqualTo("2024-02");
  }

  @Test
  void stageTags_givenOnCreate_answeredByEveryStageCall_andEmptyWhenNone() {
    var api = apigw.createApi(r -> r.name("tags").protocolType(ProtocolType.HTTP));
    var created = apigw.createStage(r -> r.apiId(api.apiId()).stageName("prod").tags(Map.of("team", "edge")));
    assertThat(created.tags()).containsExactlyEntriesOf(Map.of("team", "edge"));
    assertThat(apigw.getStage(r -> r.apiId(api.apiId()).stageName("prod")).tags()).containsExactlyEntriesOf(Map.of("team", "edge"));
    var updated = apigw.updateStage(r -> r.apiId(api.apiId()).stageName("prod").description("d"));
    assertThat(updated.tags()).containsExactlyEntriesOf(Map.of("team", "edge"));
    String arn = "arn:aws:apigateway:us-east-1::/apis/" + api.apiId() + "/stages/prod";
    assertThat(apigw.getTags(r -> r.resourceArn(arn)).tags()).containsExactlyEntriesOf(Map.of("team", "edge"));
    // AWS answers Tags ({}) on a stage without any
    var bare = apigw.createStage(r -> r.apiId(api.apiId()).stageName("dev"));
    assertThat(bare.hasTags()).isTrue();
    assertThat(bare.tags()).isEmpty();
    assertThat(apigw.getStages(r -> r.apiId(api.apiId())).items())
        .allSatisfy(s -> assertThat(s.hasTags()).isTrue());
    apigw.deleteStage(r -> r.apiId(api.apiId()).stageName("prod"));
    var again = apigw.createStage(r -> r.apiId(api.apiId()).stageName("prod"));
    assertThat(again.tags()).as("a deleted stage's tags go with it").isEmpty();
  }

  @Test
  void vpcLinkTags_answeredOnCreateGetAndList_emptyWhenNone() {
    var tagged = apigw.createVpcLink(r -> r.name("tagged").subnetIds("subnet-1").tags(Map.of("env", "test")));
    assertThat(tagged.tags()).containsExactlyEntriesOf(Map.of("env", "test"));
    assertThat(apigw.getVpcLink(r -> r.vpcLinkId(tagged.vpcLinkId())).tags()).containsExactlyEntriesOf(Map.of("env", "test"));
    var bare = apigw.createVpcLink(r -> r.name("bare").subnetIds("subnet-1"));
    assertThat(bare.hasTags()).as("AWS answers Tags {} on a VPC link without any").isTrue();
    assertThat(bare.tags()).isEmpty();
    assertThat(apigw.getVpcLinks(r -> {}).items()).allSatisfy(l -> assertThat(l.hasTags()).isTrue())
        .anySatisfy(l -> assertThat(l.tags()).containsEntry("env", "test"));
  }

  @Test
  void routeRequestParameters_keptAndAnswered_absentWhenNeverSet() {
    var api = apigw.createApi(r -> r.name("params").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action"));
    var plain = apigw.createRoute(r -> r.apiId(api.apiId()).routeKey("$default"));
    assertThat(plain.hasRequestParameters()).isFalse();
    var route = apigw.createRoute(r -> r.apiId(api.apiId()).routeKey("$connect").requestParameters(
        Map.of("route.request.querystring.token", ParameterConstraints.builder().required(true).build())));
    assertThat(route.requestParameters()).containsOnlyKeys("route.request.querystring.token");
    assertThat(route.requestParameters().get("route.request.querystring.token").required()).isTrue();
    var got = apigw.getRoute(r -> r.apiId(api.apiId()).routeId(route.routeId()));
    assertThat(got.requestParameters()).isEqualTo(route.requestParameters());
    var cleared = apigw.updateRoute(r -> r.apiId(api.apiId()).routeId(route.routeId()).requestParameters(Map.of()));
    assertThat(cleared.hasRequestParameters()).as("{} once set, as AWS's update-route example shows").isTrue();
    assertThat(cleared.requestParameters()).isEmpty();
    var kept = apigw.updateRoute(r -> r.apiId(api.apiId()).routeId(route.routeId()).authorizationScopes(List.of()));
    assertThat(kept.hasRequestParameters()).isTrue();
    assertThat(apigw.getRoutes(r -> r.apiId(api.apiId())).items()).hasSize(2);
  }
}
