package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.protocol.AwsMessagesException;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.*;

/** Route 53 (rest-xml) through the real SDK client: requests parse equal, responses unmarshal equal. */
class Route53RoundTripIT {
  static final Instant SUBMITTED = Instant.parse("2026-11-22T08:00:00.123Z");
  static final Captor CAPTOR = new Captor();
  static ApiTestServer server;
  static Route53Client r53;

  /** Echo handlers: capture the request, answer canned responses. */
  public static final class Handlers {
    static final ChangeInfo CHANGE = ChangeInfo.builder().id("C123").status(ChangeStatus.PENDING)
        .submittedAt(SUBMITTED).comment("hi & <bye>").build();

    public ChangeResourceRecordSetsResponse changeResourceRecordSets(RequestContext c, ChangeResourceRecordSetsRequest r) {
      CAPTOR.capture(r);
      if (r.changeBatch().comment() != null && r.changeBatch().comment().equals("fail")) {
        throw new AwsMessagesException("InvalidChangeBatch", 400, List.of("first problem", "second problem"));
      }
      return ChangeResourceRecordSetsResponse.builder().changeInfo(CHANGE).build();
    }

    public ListResourceRecordSetsResponse listResourceRecordSets(RequestContext c, ListResourceRecordSetsRequest r) {
      CAPTOR.capture(r);
      return listResponse();
    }

    public CreateHostedZoneResponse createHostedZone(RequestContext c, CreateHostedZoneRequest r) {
      CAPTOR.capture(r);
      return createResponse();
    }

    public GetChangeResponse getChange(RequestContext c, GetChangeRequest r) {
      CAPTOR.capture(r);
      if (r.id().equals("missing")) throw new AwsException("NoSuchChange", 404, "A change with the specified change ID does not exist.");
      return GetChangeResponse.builder().changeInfo(CHANGE.toBuilder().id(r.id()).status(ChangeStatus.INSYNC).build()).build();
    }

    public ListHostedZonesResponse listHostedZones(RequestContext c, ListHostedZonesRequest r) {
      throw new IllegalStateException("a bug with a secret stack trace");
    }
  }

  static ListResourceRecordSetsResponse listResponse() {
    return ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(ResourceRecordSet.builder().name("www.example.com.").type(RRType.A).ttl(60L)
            .resourceRecords(ResourceRecord.builder().value("192.0.2.1").build(),
                ResourceRecord.builder().value("192.0.2.2").build()).build())
        .isTruncated(true).nextRecordName("x.example.com.").nextRecordType(RRType.AAAA).maxItems("1").build();
  }

  static CreateHostedZoneResponse createResponse() {
    return CreateHostedZoneResponse.builder()
        .hostedZone(HostedZone.builder().id("Z1").name("example.com.").callerReference("ref")
            .config(HostedZoneConfig.builder().privateZone(false).build()).resourceRecordSetCount(2L).build())
        .changeInfo(Handlers.CHANGE)
        .delegationSet(DelegationSet.builder().nameServers("ns1.stratus.localhost", "ns2.stratus.localhost").build())
        .location("https://route53.amazonaws.com/2013-04-01/hostedzone/Z1").build();
  }

  @BeforeAll static void start() {
    server = ApiTestServer.start(new Handlers());
    r53 = server.client(Route53Client.builder());
  }

  @AfterAll static void stop() { server.close(); }

  @Test void changeResourceRecordSets_aliasAndWeighted_parsesEqualAndAnswersChangeInfo() {
    ChangeResourceRecordSetsRequest request = ChangeResourceRecordSetsRequest.builder().hostedZoneId("Z1")
        .changeBatch(ChangeBatch.builder().comment("two sets").changes(
            Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder()
                .name("alias.example.com.").type(RRType.A).aliasTarget(AliasTarget.builder()
                    .hostedZoneId("Z2FDTNDATAQYW2").dnsName("d111.cloudfront.net.").evaluateTargetHealth(false).build())
                .build()).build(),
            Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(ResourceRecordSet.builder()
                .name("w.example.com.").type(RRType.CNAME).setIdentifier("blue").weight(70L).ttl(60L)
                .healthCheckId("hc-1").resourceRecords(ResourceRecord.builder().value("blue.example.com").build())
                .build()).build()).build()).build();

    ChangeResourceRecordSetsResponse response = r53.changeResourceRecordSets(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    assertThat(response.changeInfo()).isEqualTo(Handlers.CHANGE);
  }

  @Test void listResourceRecordSets_queryParams_parseEqualAndListUnmarshals() {
    ListResourceRecordSetsRequest request = ListResourceRecordSetsRequest.builder().hostedZoneId("Z1")
        .startRecordName("a.example.com.").startRecordType(RRType.TXT).startRecordIdentifier("id 1").maxItems("5").build();

    ListResourceRecordSetsResponse response = r53.listResourceRecordSets(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, listResponse());
  }

  @Test void createHostedZone_created_answers201WithLocation() {
    CreateHostedZoneRequest request = CreateHostedZoneRequest.builder().name("example.com").callerReference("ref")
        .hostedZoneConfig(HostedZoneConfig.builder().comment("c").privateZone(false).build()).build();

    CreateHostedZoneResponse response = r53.createHostedZone(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(201);
    SdkAssert.assertSameFields(response, createResponse());
    assertThat(response.location()).isEqualTo("https://route53.amazonaws.com/2013-04-01/hostedzone/Z1");
  }

  @Test void getChange_pathLabel_bindsId() {
    GetChangeResponse response = r53.getChange(b -> b.id("C42"));

    assertThat(CAPTOR.last()).isEqualTo(GetChangeRequest.builder().id("C42").build());
    assertThat(response.changeInfo().id()).isEqualTo("C42");
    assertThat(response.changeInfo().submittedAt()).isEqualTo(SUBMITTED);
  }

  @Test void getChange_serviceError_surfacesCodeAndStatus() {
    NoSuchChangeException e = catchThrowableOfType(NoSuchChangeException.class, () -> r53.getChange(b -> b.id("missing")));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchChange");
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A change with the specified change ID does not exist.");
  }

  @Test void changeResourceRecordSets_invalidChangeBatch_surfacesBothMessages() {
    InvalidChangeBatchException e = catchThrowableOfType(InvalidChangeBatchException.class,
        () -> r53.changeResourceRecordSets(b -> b.hostedZoneId("Z1").changeBatch(cb -> cb.comment("fail")
            .changes(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(ResourceRecordSet.builder()
                .name("x.example.com.").type(RRType.A).ttl(1L).resourceRecords(ResourceRecord.builder().value("192.0.2.9").build())
                .build()).build()))));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("[first problem, second problem]");
  }

  @Test void listHealthChecks_noHandler_answers501NotImplemented() {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> r53.listHealthChecks());

    assertThat(e.statusCode()).isEqualTo(501);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
    assertThat(e.awsErrorDetails().errorMessage()).contains("ListHealthChecks").contains("route53");
  }

  @Test void listHostedZones_handlerBug_answers500WithoutStackTrace() {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> r53.listHostedZones());

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
    assertThat(e.awsErrorDetails().errorMessage()).doesNotContain("secret");
  }
}
