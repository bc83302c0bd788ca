package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.RequestContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.CreateIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.CreateIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Scope;

/** AWS's input limits through the SDK: refused before the handler, in each protocol's error shape. */
class InputLimitsIT {
  static ApiTestServer server;
  static final AtomicInteger handled = new AtomicInteger();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Handlers that only count calls: a refused request must never reach them. */
  public static final class Handlers {
    public CreateSecurityGroupResponse createSecurityGroup(RequestContext c, CreateSecurityGroupRequest r) {
      handled.incrementAndGet();
      return CreateSecurityGroupResponse.builder().groupId("sg-12345678").build();
    }

    public CreateTagsResponse createTags(RequestContext c, CreateTagsRequest r) {
      handled.incrementAndGet();
      return CreateTagsResponse.builder().build();
    }

    public ChangeResourceRecordSetsResponse changeResourceRecordSets(RequestContext c, ChangeResourceRecordSetsRequest r) {
      handled.incrementAndGet();
      return ChangeResourceRecordSetsResponse.builder()
          .changeInfo(i -> i.id("/change/C1").status("PENDING").submittedAt(java.time.Instant.EPOCH)).build();
    }

    public CreateIpSetResponse createIPSet(RequestContext c, CreateIpSetRequest r) {
      handled.incrementAndGet();
      return CreateIpSetResponse.builder().build();
    }

    public AddTagsResponse addTags(RequestContext c, AddTagsRequest r) {
      handled.incrementAndGet();
      return AddTagsResponse.builder().build();
    }
  }

  @BeforeAll static void start() { server = ApiTestServer.start(new Handlers()); }

  @AfterAll static void stop() { server.close(); }

  @BeforeEach void reset() { handled.set(0); }

  static HttpResponse<String> post(String path, String service, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
        .header("Authorization", WireErrorsIT.auth(service)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static AwsServiceException error(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("the call was accepted");
  }

  @Test void ec2_groupDescriptionOf100kChars_refusedWithEc2TextAndNoEcho() {
    Ec2Client ec2 = server.client(Ec2Client.builder());
    String huge = "x".repeat(100_000);
    AwsServiceException e = error(() -> ec2.createSecurityGroup(b -> b.groupName("web").description(huge)));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid security group description. Valid descriptions"
        + " are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");
    assertThat(handled).hasValue(0);
    ec2.createSecurityGroup(b -> b.groupName("web").description("x".repeat(255)));
    assertThat(handled).hasValue(1);
  }

  @Test void ec2_groupNameOutsideCharacterSet_refused() {
    Ec2Client ec2 = server.client(Ec2Client.builder());
    AwsServiceException e = error(() -> ec2.createSecurityGroup(b -> b.groupName("wéb<script>").description("d")));

    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid security group name.");
    ec2.createSecurityGroup(b -> b.groupName("web-1 (prod) #2").description("Allowed: ._-:/()#,@[]+=&;{}!$*"));
    assertThat(handled).hasValue(1);
  }

  @Test void ec2_tagKeyOf129_refused_128Accepted() {
    Ec2Client ec2 = server.client(Ec2Client.builder());
    AwsServiceException e = error(() -> ec2.createTags(b -> b.resources("vpc-1").tags(t -> t.key("k".repeat(129)).value("v"))));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Tag key exceeds the maximum length of 128 characters");
    ec2.createTags(b -> b.resources("vpc-1").tags(t -> t.key("k".repeat(128)).value("v".repeat(256))));
    assertThat(handled).hasValue(1);
  }

  @Test void ec2_nonUtf8GroupName_refusedNotStored() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
        .header("Authorization", WireErrorsIT.auth("ec2")).header("Content-Type", WireErrorsIT.FORM)
        .POST(HttpRequest.BodyPublishers.ofString(
            "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=%FF%FEweb&GroupDescription=d")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidParameterValue</Code>");
    assertThat(handled).hasValue(0);
  }

  @Test void route53_valueOver4000_invalidInputWithPathAndCutValue() {
    Route53Client r53 = server.client(Route53Client.builder());
    String huge = "a".repeat(100_000);
    AwsServiceException e = error(() -> r53.changeResourceRecordSets(b -> b.hostedZoneId("Z1").changeBatch(cb -> cb
        .changes(c -> c.action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name("t.example.com").type(RRType.TXT)
            .ttl(60L).resourceRecords(rr -> rr.value(huge)))))));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("1 validation error detected: Value 'aaaa")
        .endsWith("...' at 'changeBatch.changes.1.member.resourceRecordSet.resourceRecords.1.member.value'"
            + " failed to satisfy constraint: Member must have length less than or equal to 4000");
    assertThat(e.awsErrorDetails().errorMessage().length()).isLessThan(400);
    assertThat(handled).hasValue(0);
  }

  @Test void wafv2_twoViolations_countedAndJoined() {
    Wafv2Client waf = server.client(Wafv2Client.builder());
    AwsServiceException e = error(() -> waf.createIPSet(b -> b.name("bad name!").scope(Scope.REGIONAL)
        .ipAddressVersion(IPAddressVersion.IPV4).addresses("10.0.0.0/8").description("d".repeat(257))));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("2 validation errors detected: ")
        .contains("at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ")
        .contains("; Value 'ddd").contains("at 'description' failed to satisfy constraint: Member must have length less"
            + " than or equal to 256");
    waf.createIPSet(b -> b.name("good-name").scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
        .addresses("10.0.0.0/8"));
    assertThat(handled).hasValue(1);
  }

  @Test void elbv2_tagKeyTooLong_validationError() {
    ElasticLoadBalancingV2Client elb = server.client(ElasticLoadBalancingV2Client.builder());
    AwsServiceException e = error(() -> elb.addTags(b -> b.resourceArns("arn:aws:elasticloadbalancing:us-east-1:1:x")
        .tags(t -> t.key("k".repeat(129)).value("v"))));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '" + "k".repeat(128)
        + "...' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
  }

  @Test void json_deepNesting_plainMessageNoParserInternals() throws Exception {
    String deep = "{\"Name\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    HttpResponse<String> r = post("/", "wafv2", "application/x-amz-json-1.1", deep,
        "X-Amz-Target", "AWSWAF_20190729.CreateIPSet");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("SerializationException").doesNotContain("StreamReadConstraints").doesNotContain("jackson").doesNotContain("`");
  }

  @Test void xml_entityExpansion_plainMessageNoJaxpCode() throws Exception {
    String body = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"xxxxxxxxxx\">]>"
        + "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">&x;"
        + "</ChangeResourceRecordSetsRequest>";
    HttpResponse<String> r = post("/2013-04-01/hostedzone/Z1/rrset/", "route53", "application/xml", body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("InvalidInput").doesNotContain("JAXP").doesNotContain("jdk.xml").doesNotContain("http://apache.org");
  }
}
