package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.model.CloudFrontView;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateFunctionResponse;

/** The CloudFront Functions control plane through the SDK. */
class CloudFrontFunctionIT {
  static final String CODE = "function handler(event) { return event.request; }";
  static CloudFrontTesting t;
  static CloudFrontClient cf;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
  }

  @AfterAll
  static void stop() { t.close(); }

  static CreateFunctionResponse create(String name) {
    return cf.createFunction(r -> r.name(name).functionConfig(c -> c.comment("c").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromUtf8String(CODE)));
  }

  @Test
  void function_developmentThenLive_associatedThenInUse() {
    var created = create("redirect");
    var summary = created.functionSummary();
    assertThat(summary.status()).isEqualTo("UNPUBLISHED");
    assertThat(summary.functionMetadata().stageAsString()).isEqualTo("DEVELOPMENT");
    String arn = summary.functionMetadata().functionARN();
    assertThat(arn).isEqualTo("arn:aws:cloudfront::000000000000:function/redirect");
    assertThat(cf.getFunction(r -> r.name("redirect")).functionCode().asUtf8String()).isEqualTo(CODE);
    assertAwsError(() -> cf.describeFunction(r -> r.name("redirect").stage("LIVE")), "NoSuchFunctionExists", 404);
    assertAwsError(() -> cf.createDistribution(r -> r.distributionConfig(config(b -> b.defaultCacheBehavior(x -> x
        .targetOriginId("o1").viewerProtocolPolicy("allow-all").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
        .functionAssociations(f -> f.quantity(1).items(a -> a.eventType("viewer-request")
            .functionARN("arn:aws:cloudfront::000000000000:function/missing"))))))), "InvalidFunctionAssociation", 400);

    var assoc = config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1").viewerProtocolPolicy("allow-all")
        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
        .functionAssociations(f -> f.quantity(1).items(a -> a.eventType("viewer-request").functionARN(arn)))));
    assertAwsError(() -> cf.createDistribution(r -> r.distributionConfig(assoc)), "InvalidFunctionAssociation", 400);

    assertAwsError(() -> cf.publishFunction(r -> r.name("redirect").ifMatch("E0WRONG0000000")), "PreconditionFailed", 412);
    var live = cf.publishFunction(r -> r.name("redirect").ifMatch(created.eTag())).functionSummary();
    assertThat(live.functionMetadata().stageAsString()).isEqualTo("LIVE");
    assertThat(live.status()).isEqualTo("UNASSOCIATED");
    assertThat(new CloudFrontView(t.server.context().store(), t.clock).liveFunction(arn).orElseThrow().code())
        .isEqualTo(CODE.getBytes(StandardCharsets.UTF_8));

    cf.createDistribution(r -> r.distributionConfig(assoc));
    assertThat(cf.describeFunction(r -> r.name("redirect").stage("LIVE")).functionSummary().status()).isEqualTo("DEPLOYED");
    assertAwsError(() -> cf.deleteFunction(r -> r.name("redirect").ifMatch(created.eTag())), "FunctionInUse", 409);
  }

  @Test
  void updateFunction_ifMatch_andDevelopmentDiffersFromLive() {
    var created = create("update-me");
    assertAwsError(() -> cf.updateFunction(r -> r.name("update-me").ifMatch("E0WRONG0000000")
        .functionConfig(c -> c.comment("x").runtime("cloudfront-js-2.0")).functionCode(SdkBytes.fromUtf8String(CODE))),
        "PreconditionFailed", 412);
    cf.publishFunction(r -> r.name("update-me").ifMatch(created.eTag()));
    var updated = cf.updateFunction(r -> r.name("update-me").ifMatch(created.eTag())
        .functionConfig(c -> c.comment("v2").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromUtf8String("function handler(e) { return e.request; }")));
    assertThat(updated.eTag()).isNotEqualTo(created.eTag());
    assertThat(cf.describeFunction(r -> r.name("update-me")).functionSummary().status()).isEqualTo("UNPUBLISHED");
    assertThat(cf.getFunction(r -> r.name("update-me").stage("LIVE")).functionCode().asUtf8String()).isEqualTo(CODE);
    cf.deleteFunction(r -> r.name("update-me").ifMatch(updated.eTag()));
    assertAwsError(() -> cf.describeFunction(r -> r.name("update-me")), "NoSuchFunctionExists", 404);
  }

  @Test
  void testFunction_runsTheCodeOnTheEvent_andReportsComputeUtilization() {
    String code = "function handler(event) { console.log('uri ' + event.request.uri);"
        + " event.request.uri = '/index.html'; return event.request; }";
    var created = cf.createFunction(r -> r.name("tested").functionConfig(c -> c.comment("").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromUtf8String(code)));
    String event = "{\"version\":\"1.0\",\"context\":{\"eventType\":\"viewer-request\"},\"viewer\":{\"ip\":\"1.2.3.4\"},"
        + "\"request\":{\"method\":\"GET\",\"uri\":\"/\",\"querystring\":{},\"headers\":{},\"cookies\":{}}}";
    var result = cf.testFunction(r -> r.name("tested").ifMatch(created.eTag()).eventObject(SdkBytes.fromUtf8String(event)))
        .testResult();
    assertThat(result.functionOutput()).contains("/index.html");
    assertThat(result.functionExecutionLogs()).contains("uri /");
    assertThat(Integer.parseInt(result.computeUtilization())).isBetween(0, 100);
    assertThat(result.functionErrorMessage()).isNullOrEmpty();
    assertAwsError(() -> cf.testFunction(r -> r.name("tested").ifMatch("E0WRONG0000000")
        .eventObject(SdkBytes.fromUtf8String(event))), "PreconditionFailed", 412);
  }

  @Test
  void createFunction_refusals() {
    create("dup");
    assertAwsError(() -> create("dup"), "FunctionAlreadyExists", 409);
    assertAwsError(() -> cf.createFunction(r -> r.name("big").functionConfig(c -> c.comment("").runtime("cloudfront-js-2.0"))
        .functionCode(SdkBytes.fromUtf8String("x".repeat(10 * 1024 + 1)))), "FunctionSizeLimitExceeded", 413);
    assertThat(cf.listFunctions(r -> {}).functionList().items()).extracting(s -> s.name()).contains("dup");
  }
}
