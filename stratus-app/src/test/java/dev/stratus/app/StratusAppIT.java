package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * The wired application in this JVM, as {@code stratus start --ephemeral} runs it: every service
 * module on the class path behind the protocol layer's API server, on a random port.
 */
class StratusAppIT {
  /** One harmless SDK call per service module, by module name: proof that its handlers are wired. */
  private static final Map<String, Consumer<URI>> SMOKE_CALLS = Map.ofEntries(
      Map.entry("route53", uri -> SdkClients.of(Route53Client.builder(), uri, Region.AWS_GLOBAL).listHostedZones()),
      Map.entry("ec2", uri -> SdkClients.of(Ec2Client.builder(), uri, Region.US_EAST_1).describeVpcs()),
      Map.entry("elbv2", uri -> SdkClients.of(ElasticLoadBalancingV2Client.builder(), uri, Region.US_EAST_1).describeLoadBalancers()),
      Map.entry("cloudfront", uri -> SdkClients.of(CloudFrontClient.builder(), uri, Region.AWS_GLOBAL).listDistributions(r -> {})),
      Map.entry("wafv2", uri -> SdkClients.of(Wafv2Client.builder(), uri, Region.US_EAST_1).listWebACLs(r -> r.scope(Scope.REGIONAL))),
      Map.entry("apigateway", uri -> SdkClients.of(ApiGatewayClient.builder(), uri, Region.US_EAST_1).getRestApis(r -> {})),
      Map.entry("globalaccelerator", uri -> SdkClients.of(GlobalAcceleratorClient.builder(), uri, Region.US_WEST_2).listAccelerators(r -> {})),
      Map.entry("sts", uri -> SdkClients.of(StsClient.builder(), uri, Region.US_EAST_1).getCallerIdentity()),
      Map.entry("lambda", uri -> SdkClients.of(software.amazon.awssdk.services.lambda.LambdaClient.builder(), uri, Region.US_EAST_1).listFunctions()),
      Map.entry("s3", StratusAppIT::listBuckets),
      Map.entry("acm", uri -> SdkClients.of(software.amazon.awssdk.services.acm.AcmClient.builder(), uri, Region.US_EAST_1)
          .listCertificates()));

  @Test
  void start_ephemeral_servesHealthAndEveryModulesApi() throws Exception {
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      assertThat(LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/health")).isPresent();
      assertThat(server.modules()).as("service modules found by ServiceLoader").isNotEmpty();
      var endpoint = URI.create("http://127.0.0.1:" + server.apiPort());
      for (String module : server.modules()) {
        assertThat(SMOKE_CALLS).as("a smoke call for module " + module).containsKey(module);
        SMOKE_CALLS.get(module).accept(endpoint);
      }
    }
  }

  @Test
  void start_withTheStatusServer_listsItsEndpoints() throws Exception {
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC(), ApiServers.STATUS_ONLY)) {
      var endpoints = LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/endpoints").map(EndpointsJson::read).orElseThrow();
      assertThat(endpoints).isEqualTo(server.endpoints());
      assertThat(endpoints).first().satisfies(e -> {
        assertThat(e.description()).isEqualTo("AWS APIs");
        assertThat(e.port()).isEqualTo(server.apiPort());
      });
    }
  }

  /** S3's ListBuckets by plain HTTP (this module's tests carry no S3 SDK): Stratus reads the SigV4 scope. */
  private static void listBuckets(URI endpoint) {
    try {
      var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/"))
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0")
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("<ListAllMyBucketsResult");
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
