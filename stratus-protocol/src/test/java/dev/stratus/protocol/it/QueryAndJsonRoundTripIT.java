package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.Accelerator;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorStatus;
import software.amazon.awssdk.services.globalaccelerator.model.IpSet;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListAcceleratorsResponse;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsRequest;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/** ELBv2 (query), WAFv2 and Global Accelerator (JSON 1.1) through the real SDK clients. */
class QueryAndJsonRoundTripIT {
  static final Captor CAPTOR = new Captor();
  static final Instant CREATED = Instant.parse("2026-11-22T08:00:00.250Z");
  static ApiTestServer server;
  static RequestContext lastContext;

  /** Echo handlers. */
  public static final class Handlers {
    public DescribeLoadBalancersResponse describeLoadBalancers(RequestContext c, DescribeLoadBalancersRequest r) {
      CAPTOR.capture(r);
      if (r.names().contains("missing")) throw new AwsException("LoadBalancerNotFound", 400, "One or more load balancers not found");
      return elbResponse();
    }

    public ListWebAcLsResponse listWebACLs(RequestContext c, ListWebAcLsRequest r) {
      CAPTOR.capture(r);
      if (r.nextMarker() != null) throw new AwsException("WAFNonexistentItemException", 400,
          "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
      return wafResponse();
    }

    public ListAcceleratorsResponse listAccelerators(RequestContext c, ListAcceleratorsRequest r) {
      CAPTOR.capture(r);
      lastContext = c;
      return gaResponse();
    }
  }

  static DescribeLoadBalancersResponse elbResponse() {
    return DescribeLoadBalancersResponse.builder().loadBalancers(LoadBalancer.builder()
        .loadBalancerArn("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1")
        .loadBalancerName("web").type(LoadBalancerTypeEnum.APPLICATION).createdTime(CREATED)
        .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
        .availabilityZones(AvailabilityZone.builder().zoneName("us-east-1a").subnetId("subnet-1").build(),
            AvailabilityZone.builder().zoneName("us-east-1b").subnetId("subnet-2").build())
        .securityGroups("sg-1").build()).nextMarker("m2").build();
  }

  static ListWebAcLsResponse wafResponse() {
    return ListWebAcLsResponse.builder().nextMarker("next").webACLs(WebACLSummary.builder().name("acl").id("id-1")
        .arn("arn:aws:wafv2:us-east-1:000000000000:regional/webacl/acl/id-1").lockToken("lt").build()).build();
  }

  static ListAcceleratorsResponse gaResponse() {
    return ListAcceleratorsResponse.builder().accelerators(Accelerator.builder().name("ga").enabled(true)
        .acceleratorArn("arn:aws:globalaccelerator::000000000000:accelerator/1").status(AcceleratorStatus.DEPLOYED)
        .createdTime(CREATED).ipSets(IpSet.builder().ipFamily("IPv4").ipAddresses("75.2.0.1", "99.83.0.1").build()).build())
        .build();
  }

  @BeforeAll static void start() { server = ApiTestServer.start(new Handlers()); }

  @AfterAll static void stop() { server.close(); }

  @Test void describeLoadBalancers_namesAndMarker_parseEqualAndMemberListsUnmarshal() {
    ElasticLoadBalancingV2Client elb = server.client(ElasticLoadBalancingV2Client.builder());
    DescribeLoadBalancersRequest request = DescribeLoadBalancersRequest.builder().names("web", "api").marker("m1").pageSize(10).build();

    DescribeLoadBalancersResponse response = elb.describeLoadBalancers(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, elbResponse());
    assertThat(response.responseMetadata().requestId()).isNotBlank();
  }

  @Test void describeLoadBalancers_notFound_surfacesQueryError() {
    ElasticLoadBalancingV2Client elb = server.client(ElasticLoadBalancingV2Client.builder());

    LoadBalancerNotFoundException e = catchThrowableOfType(LoadBalancerNotFoundException.class,
        () -> elb.describeLoadBalancers(b -> b.names("missing")));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LoadBalancerNotFound");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("One or more load balancers not found");
  }

  @Test void listWebAcls_scopeAndLimit_parseEqualAndSummariesUnmarshal() {
    Wafv2Client waf = server.client(Wafv2Client.builder());
    ListWebAcLsRequest request = ListWebAcLsRequest.builder().scope(Scope.REGIONAL).limit(50).build();

    ListWebAcLsResponse response = waf.listWebACLs(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, wafResponse());
  }

  @Test void listWebAcls_serviceError_surfacesJsonErrorType() {
    Wafv2Client waf = server.client(Wafv2Client.builder());

    WafNonexistentItemException e = catchThrowableOfType(WafNonexistentItemException.class,
        () -> waf.listWebACLs(b -> b.scope(Scope.CLOUDFRONT).nextMarker("x")));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("WAFNonexistentItemException");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("AWS WAF couldn’t perform");
  }

  @Test void listAccelerators_usWest2_parseEqualAndTimestampsUnmarshal() {
    GlobalAcceleratorClient ga = server.client(GlobalAcceleratorClient.builder());
    ListAcceleratorsRequest request = ListAcceleratorsRequest.builder().maxResults(5).nextToken("t").build();

    ListAcceleratorsResponse response = ga.listAccelerators(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, gaResponse());
    assertThat(lastContext.region()).isEqualTo("us-west-2");
  }
}
