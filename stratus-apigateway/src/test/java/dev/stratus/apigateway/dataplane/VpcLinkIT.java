package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.elb.LoadBalancerView;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * VPC links: v1 CreateVpcLink checked through core LoadBalancers (an NLB, not an ALB), PENDING →
 * AVAILABLE on the clock, and a VPC_LINK integration reaching the NLB's node at the listener
 * port (the node here is the backend's loopback address, as the contract gives nodes); v2 links.
 */
class VpcLinkIT {
  static final ManualTime TIME = new ManualTime(Instant.parse("2026-12-07T10:00:00Z"));
  static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/web/50dc6c495c0c9188";
  static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/60dc6c495c0c9188";
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static ApiGatewayV2Client v2;
  static HttpServer backend;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(TIME.clock(), module);
    Map<String, LoadBalancerView> lbs = Map.of(
        NLB, new LoadBalancerView(NLB, "network", "internal", List.of("127.0.0.1"), true),
        ALB, new LoadBalancerView(ALB, "application", "internal", List.of("127.0.0.1"), true));
    server.context().extensions().provide(LoadBalancers.class, arn -> Optional.ofNullable(lbs.get(arn)));
    apigw = server.client(ApiGatewayClient.builder().httpClient(ApacheHttpClient.create()));
    v2 = server.client(ApiGatewayV2Client.builder());
    backend = Backend.answering(exchange -> "backend " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  @Test
  void v1LinkToAnNlbCarriesTraffic() {
    assertThatThrownBy(() -> apigw.createVpcLink(r -> r.name("alb").targetArns(ALB)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("not a Network Load Balancer");
    assertThatThrownBy(() -> apigw.createVpcLink(r -> r.name("none").targetArns(NLB.replace("50dc", "00dc"))))
        .isInstanceOf(BadRequestException.class);
    var link = apigw.createVpcLink(r -> r.name("web").targetArns(NLB));
    assertThat(link.statusAsString()).isEqualTo("PENDING");

    var api = apigw.createRestApi(r -> r.name("vpc").endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    String proxy = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{proxy+}")).id();
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
        .requestParameters(Map.of("method.request.path.proxy", true)));
    assertThatThrownBy(() -> apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").connectionType(ConnectionType.VPC_LINK)
        .uri("http://nlb.internal:1/{proxy}"))).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY")
        .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("ANY").connectionType(ConnectionType.VPC_LINK)
        .connectionId("nope00").uri("http://nlb.internal:1/{proxy}"))).isInstanceOf(NotFoundException.class);
    int port = backend.getAddress().getPort();
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("ANY").connectionType(ConnectionType.VPC_LINK).connectionId("${stageVariables.link}")
        .uri("http://web-50dc6c495c0c9188.elb.us-east-1.amazonaws.com:" + port + "/{proxy}")
        .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod").variables(Map.of("link", link.id())));
    module.dataPlane().awaitCurrent();
    var at = module.dataPlane().listener(api.id()).orElseThrow();
    String host = api.id() + ".execute-api.us-east-1.localhost";

    // Still PENDING: API Gateway cannot use the link.
    assertThat(Http.get(at, host, "/prod/items/1").status()).isEqualTo(500);
    TIME.advance(Duration.ofSeconds(6));
    assertThat(apigw.getVpcLink(r -> r.vpcLinkId(link.id())).statusAsString()).isEqualTo("AVAILABLE");
    var through = Http.get(at, host, "/prod/items/1");
    assertThat(through.status()).isEqualTo(200);
    assertThat(through.body()).isEqualTo("backend /items/1 host=web-50dc6c495c0c9188.elb.us-east-1.amazonaws.com:" + port);

    apigw.deleteVpcLink(r -> r.vpcLinkId(link.id()));
    assertThatThrownBy(() -> apigw.getVpcLink(r -> r.vpcLinkId(link.id()))).isInstanceOf(NotFoundException.class);
    module.dataPlane().awaitCurrent();
    assertThat(Http.get(at, host, "/prod/items/1").status()).isEqualTo(500);
  }

  @Test
  void v2LinksBySubnetsCarryHttpApiTrafficToAListener() {
    var link = v2.createVpcLink(r -> r.name("v2").subnetIds("subnet-1", "subnet-2").securityGroupIds("sg-1"));
    assertThat(link.vpcLinkStatusAsString()).isEqualTo("PENDING");
    assertThat(link.vpcLinkVersionAsString()).isEqualTo("V2");
    // v1 and v2 links are separate lists, as in AWS.
    assertThat(apigw.getVpcLinks(r -> { }).items()).extracting(x -> x.id()).doesNotContain(link.vpcLinkId());

    // The NLB's node listener, as ELB registers it (owner: the balancer's ARN), here straight onto the backend.
    var registry = server.context().extensions().find(dev.stratus.net.listener.ListenerRegistry.class).orElseThrow();
    var at = new InetSocketAddress("127.0.0.1", backend.getAddress().getPort());
    Runnable unregister = registry.register(new dev.stratus.net.listener.ListenerRegistry.Listener("NLB web TCP", "tcp", at, at, NLB));
    try {
      String api = v2.createApi(r -> r.name("private-integration").protocolType(
          software.amazon.awssdk.services.apigatewayv2.model.ProtocolType.HTTP)).apiId();
      String listenerArn = NLB.replace(":loadbalancer/", ":listener/") + "/0123456789abcdef";
      assertThatThrownBy(() -> v2.createIntegration(r -> r.apiId(api).integrationType("HTTP_PROXY").integrationMethod("ANY")
          .connectionType("VPC_LINK").connectionId(link.vpcLinkId()).integrationUri("http://example.com")))
          .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class);
      assertThatThrownBy(() -> v2.createIntegration(r -> r.apiId(api).integrationType("HTTP_PROXY").integrationMethod("ANY")
          .connectionType("VPC_LINK").connectionId("nope00").integrationUri(listenerArn)))
          .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.NotFoundException.class);
      var integration = v2.createIntegration(r -> r.apiId(api).integrationType("HTTP_PROXY").integrationMethod("ANY")
          .connectionType("VPC_LINK").connectionId(link.vpcLinkId()).integrationUri(listenerArn).payloadFormatVersion("1.0"));
      assertThat(integration.connectionId()).isEqualTo(link.vpcLinkId());
      assertThat(integration.connectionTypeAsString()).isEqualTo("VPC_LINK");
      v2.createRoute(r -> r.apiId(api).routeKey("ANY /{proxy+}").target("integrations/" + integration.integrationId()));
      v2.createStage(r -> r.apiId(api).stageName("$default").autoDeploy(true));
      module.dataPlane().awaitCurrent();
      var own = module.dataPlane().listener(api).orElseThrow();
      String host = api + ".execute-api.us-east-1.localhost";
      assertThat(Http.get(own, host, "/orders/9").status()).isEqualTo(500); // the link is still PENDING

      TIME.advance(Duration.ofSeconds(6));
      assertThat(v2.getVpcLink(r -> r.vpcLinkId(link.vpcLinkId())).vpcLinkStatusAsString()).isEqualTo("AVAILABLE");
      var through = Http.get(own, host, "/orders/9?x=1");
      assertThat(through.status()).isEqualTo(200);
      assertThat(through.body()).isEqualTo("backend /orders/9?x=1 host=" + host);
    } finally {
      unregister.run();
    }
    v2.deleteVpcLink(r -> r.vpcLinkId(link.vpcLinkId()));
    assertThat(v2.getVpcLinks(r -> { }).items()).extracting(x -> x.vpcLinkId()).doesNotContain(link.vpcLinkId());
  }
}
