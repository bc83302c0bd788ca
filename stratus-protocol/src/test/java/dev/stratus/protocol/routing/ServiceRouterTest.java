package dev.stratus.protocol.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.WireRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRouterTest {

  static WireRequest signed(String service, String method, String uri, String body, String... headers) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=123456789012/20261122/eu-west-1/" + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=ff"));
    for (int i = 0; i < headers.length; i += 2) h.put(headers[i], List.of(headers[i + 1]));
    return WireRequest.of(method, uri, h, body.getBytes(StandardCharsets.UTF_8));
  }

  static ServiceDescriptor route(WireRequest r) {
    return ServiceRouter.route(r, ServiceRouter.scope(r)).orElse(null);
  }

  @Test void scope_sigV4Header_readsKeyRegionAndService() {
    ServiceRouter.Scope scope = ServiceRouter.scope(signed("ec2", "POST", "/", ""));

    assertThat(scope).isEqualTo(new ServiceRouter.Scope("123456789012", "eu-west-1", "ec2"));
  }

  @Test void scope_sigV4a_hasNoRegionInItsScope_routesByService() {
    // as the SDK signs cloudfront-keyvaluestore: AKID/date/service/aws4_request, Regions apart
    WireRequest r = WireRequest.of("GET", "/key-value-stores/arn%3Aaws%3Acloudfront%3A%3A123456789012%3Akey-value-store%2Fx",
        Map.of("Authorization", List.of("AWS4-ECDSA-P256-SHA256 Credential=123456789012/20261207/cloudfront-keyvaluestore/"
            + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045"),
            "X-Amz-Region-Set", List.of("*")), null);
    assertThat(ServiceRouter.scope(r)).isEqualTo(new ServiceRouter.Scope("123456789012", "us-east-1", "cloudfront-keyvaluestore"));
    assertThat(route(r)).isEqualTo(ServiceDescriptor.CLOUDFRONT_KEYVALUESTORE);
  }

  @Test void scope_unsigned_defaultsToUsEast1() {
    assertThat(ServiceRouter.scope(WireRequest.of("GET", "/", Map.of(), null))).isEqualTo(ServiceRouter.Scope.NONE);
  }

  @Test void route_signingName_picksService() {
    assertThat(route(signed("elasticloadbalancing", "POST", "/", "Action=DescribeLoadBalancers")))
        .isEqualTo(ServiceDescriptor.ELBV2);
    assertThat(route(signed("route53", "GET", "/2013-04-01/hostedzone", ""))).isEqualTo(ServiceDescriptor.ROUTE53);
  }

  @Test void route_apigatewaySigningName_v2PathsGoToV2() {
    assertThat(route(signed("apigateway", "GET", "/v2/apis", ""))).isEqualTo(ServiceDescriptor.APIGATEWAYV2);
    assertThat(route(signed("apigateway", "GET", "/restapis", ""))).isEqualTo(ServiceDescriptor.APIGATEWAY);
  }

  @Test void route_unsignedWithTarget_usesTargetPrefix() {
    WireRequest r = WireRequest.of("POST", "/", Map.of("X-Amz-Target", List.of("GlobalAccelerator_V20180706.ListAccelerators")), null);

    assertThat(route(r)).isEqualTo(ServiceDescriptor.GLOBALACCELERATOR);
  }

  @Test void route_unsignedQuery_usesVersion() {
    WireRequest r = WireRequest.of("GET", "/?Action=DescribeVpcs&Version=2016-11-15", Map.of(), null);

    assertThat(route(r)).isEqualTo(ServiceDescriptor.EC2);
  }

  @Test void route_unsignedPath_followsTheDescriptorsPathPrefixes() {
    for (ServiceDescriptor d : ServiceDescriptor.ALL) {
      for (String prefix : d.quirks().pathPrefixes()) {
        assertThat(route(WireRequest.of("GET", prefix + "x", Map.of(), null))).as(prefix).isEqualTo(d);
      }
    }
    assertThat(route(WireRequest.of("GET", "/2020-05-31/distribution", Map.of(), null))).isEqualTo(ServiceDescriptor.CLOUDFRONT);
    assertThat(route(signed("apigateway", "GET", "/tags/arn", ""))).isEqualTo(ServiceDescriptor.APIGATEWAY);
  }

  @Test void protocolOf_unroutedSignedRestXml_isXml() {
    assertThat(ServiceRouter.protocolOf(signed("s3", "GET", "/bucket", ""), ServiceRouter.scope(signed("s3", "GET", "/", ""))))
        .isEqualTo(dev.stratus.protocol.Protocol.REST_XML);
    assertThat(ServiceRouter.protocolOf(signed("cloudfront", "GET", "/x", ""), ServiceRouter.scope(signed("cloudfront", "GET", "/", ""))))
        .isEqualTo(dev.stratus.protocol.Protocol.REST_XML);
    assertThat(ServiceRouter.protocolOf(signed("lambda", "GET", "/x", ""), ServiceRouter.scope(signed("lambda", "GET", "/", ""))))
        .isEqualTo(dev.stratus.protocol.Protocol.REST_JSON);
  }

  @Test void route_unknown_isEmpty() {
    assertThat(route(WireRequest.of("GET", "/favicon.ico", Map.of(), null))).isNull();
  }
}
