package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiRequest;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetRestApisRequest;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.*;

/** CloudFront (rest-xml with payload members) and API Gateway v1/v2 (rest-json) through the SDK. */
class RestRoundTripIT {
  static final Captor CAPTOR = new Captor();
  static final Instant CREATED = Instant.parse("2026-11-22T08:00:01Z");
  static ApiTestServer server;

  /** Echo handlers. */
  public static final class Handlers {
    public ListDistributionsResponse listDistributions(RequestContext c, ListDistributionsRequest r) {
      CAPTOR.capture(r);
      return ListDistributionsResponse.builder().distributionList(distributionList()).build();
    }

    public CreateDistributionResponse createDistribution(RequestContext c, CreateDistributionRequest r) {
      CAPTOR.capture(r);
      return CreateDistributionResponse.builder().eTag("E1").location("https://cloudfront.amazonaws.com/2020-05-31/distribution/D1")
          .distribution(Distribution.builder().id("D1").arn("arn:aws:cloudfront::000000000000:distribution/D1")
              .status("InProgress").lastModifiedTime(CREATED).domainName("d1.cloudfront.net")
              .inProgressInvalidationBatches(0).distributionConfig(r.distributionConfig()).build()).build();
    }

    public GetRestApisResponse getRestApis(RequestContext c, GetRestApisRequest r) {
      CAPTOR.capture(r);
      return restApis();
    }

    public CreateRestApiResponse createRestApi(RequestContext c, CreateRestApiRequest r) {
      CAPTOR.capture(r);
      if (r.name().equals("missing")) throw new AwsException("NotFoundException", 404, "Invalid API identifier specified");
      return CreateRestApiResponse.builder().id("a1").name(r.name()).createdDate(CREATED).tags(r.tags()).build();
    }

    public software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse importRestApi(RequestContext c,
        software.amazon.awssdk.services.apigateway.model.ImportRestApiRequest r) {
      CAPTOR.capture(r);
      return software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse.builder().id("a2").build();
    }

    public GetApisResponse getApis(RequestContext c, GetApisRequest r) {
      CAPTOR.capture(r);
      return apis();
    }
  }

  static DistributionList distributionList() {
    return DistributionList.builder().marker("").maxItems(100).isTruncated(false).quantity(1)
        .items(DistributionSummary.builder().id("D1").arn("arn:aws:cloudfront::000000000000:distribution/D1")
            .status("Deployed").lastModifiedTime(CREATED).domainName("d1.cloudfront.net").enabled(true)
            .aliases(Aliases.builder().quantity(2).items("a.example.com", "b.example.com").build())
            .priceClass(PriceClass.PRICE_CLASS_ALL).httpVersion(HttpVersion.HTTP2).isIPV6Enabled(true).staging(false).build())
        .build();
  }

  static GetRestApisResponse restApis() {
    return GetRestApisResponse.builder().position("p2").items(RestApi.builder().id("a1").name("pets").createdDate(CREATED)
        .binaryMediaTypes("image/png").tags(Map.of("team", "net"))
        .endpointConfiguration(EndpointConfiguration.builder().types(EndpointType.REGIONAL).build()).build()).build();
  }

  static GetApisResponse apis() {
    return GetApisResponse.builder().items(Api.builder().apiId("v2a").name("http").protocolType(ProtocolType.HTTP)
        .createdDate(CREATED).apiEndpoint("https://v2a.execute-api.us-east-1.amazonaws.com")
        .routeSelectionExpression("$request.method $request.path").tags(Map.of("k", "v")).build()).build();
  }

  @BeforeAll static void start() { server = ApiTestServer.start(new Handlers()); }

  @AfterAll static void stop() { server.close(); }

  @Test void listDistributions_queryParams_parseEqualAndPayloadUnmarshals() {
    CloudFrontClient cf = server.client(CloudFrontClient.builder());
    ListDistributionsRequest request = ListDistributionsRequest.builder().marker("m").maxItems("10").build();

    ListDistributionsResponse response = cf.listDistributions(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    assertThat(response.distributionList()).isEqualTo(distributionList());
  }

  @Test void createDistribution_payloadMember_parsesEqualAndAnswers201WithHeaders() {
    CloudFrontClient cf = server.client(CloudFrontClient.builder());
    DistributionConfig config = DistributionConfig.builder().callerReference("ref").comment("c").enabled(true)
        .origins(Origins.builder().quantity(1).items(Origin.builder().id("o1").domainName("origin.example.com")
            .customOriginConfig(CustomOriginConfig.builder().httpPort(80).httpsPort(443)
                .originProtocolPolicy(OriginProtocolPolicy.HTTP_ONLY).build()).build()).build())
        .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("o1")
            .viewerProtocolPolicy(ViewerProtocolPolicy.ALLOW_ALL).minTTL(0L).build()).build();

    CreateDistributionResponse response = cf.createDistribution(b -> b.distributionConfig(config));

    assertThat(CAPTOR.last()).isEqualTo(CreateDistributionRequest.builder().distributionConfig(config).build());
    assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(response.eTag()).isEqualTo("E1");
    assertThat(response.location()).endsWith("/distribution/D1");
    assertThat(response.distribution().distributionConfig()).isEqualTo(config);
    assertThat(response.distribution().lastModifiedTime()).isEqualTo(CREATED);
  }

  @Test void getRestApis_limitAndPosition_parseEqualAndItemsUnmarshal() {
    ApiGatewayClient apigw = server.client(ApiGatewayClient.builder());
    GetRestApisRequest request = GetRestApisRequest.builder().limit(25).position("p1").build();

    GetRestApisResponse response = apigw.getRestApis(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, restApis());
  }

  @Test void createRestApi_created_answers201AndErrorsUseErrorTypeHeader() {
    ApiGatewayClient apigw = server.client(ApiGatewayClient.builder());

    CreateRestApiResponse created = apigw.createRestApi(b -> b.name("pets").tags(Map.of("a", "b")));
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> apigw.createRestApi(b -> b.name("missing")));

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.tags()).containsEntry("a", "b");
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid API identifier specified");
  }

  @Test void importRestApi_queryParamsMap_holdsOnlyUnboundParameters() {
    var request = software.amazon.awssdk.services.apigateway.model.ImportRestApiRequest.builder().failOnWarnings(true)
        .parameters(Map.of("endpointConfigurationTypes", "REGIONAL", "ignore", "documentation"))
        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"openapi\":\"3.0.1\"}")).build();

    server.client(ApiGatewayClient.builder()).importRestApi(request);

    // failOnWarnings is a query parameter bound to its own member, not one of the map's entries
    assertThat(CAPTOR.last()).isEqualTo(request);
  }

  @Test void getApis_v2_routesToApiGatewayV2AndIsoTimestampsUnmarshal() {
    ApiGatewayV2Client v2 = server.client(ApiGatewayV2Client.builder());
    GetApisRequest request = GetApisRequest.builder().maxResults("5").build();

    GetApisResponse response = v2.getApis(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, apis());
  }
}
