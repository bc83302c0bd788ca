package dev.stratus.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

/** A CloudFront API server on a random port with a clock tests move, and config builders. */
final class CloudFrontTesting implements AutoCloseable {
  static final Duration DEPLOY = Duration.ofSeconds(60);
  static final Duration INVALIDATION = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock(Instant.now());
  final ApiTestServer server;
  final CloudFrontClient cf;
  final Map<String, ServingCertificate> certificates = new ConcurrentHashMap<>();

  CloudFrontTesting() {
    server = ApiTestServer.start(clock, new CloudFrontModule(new CloudFrontSettings(DEPLOY, INVALIDATION)));
    server.context().extensions().provide(Certificates.class, arn -> Optional.ofNullable(certificates.get(arn)));
    cf = server.client(CloudFrontClient.builder(), Region.AWS_GLOBAL);
  }

  @Override
  public void close() { server.close(); }

  /** An ISSUED ACM certificate in us-east-1 for {@code names}; returns its ARN. */
  String certificate(String region, String... names) {
    String arn = "arn:aws:acm:" + region + ":000000000000:certificate/" + UUID.randomUUID();
    certificates.put(arn, new ServingCertificate(arn, "ISSUED", List.of(names), "pem", "key", Instant.now().plusSeconds(86400)));
    return arn;
  }

  /** A minimal config with one custom origin {@code o1} and the managed CachingOptimized policy. */
  static DistributionConfig.Builder config() {
    return DistributionConfig.builder().callerReference(UUID.randomUUID().toString()).comment("test").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("o1").domainName("origin.example.com")
            .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o1").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"));
  }

  static DistributionConfig config(Consumer<DistributionConfig.Builder> change) {
    var b = config();
    change.accept(b);
    return b.build();
  }

  /** Asserts that {@code call} fails with AWS error {@code code} and HTTP {@code status}; returns the message. */
  static String assertAwsError(ThrowingCallable call, String code, int status) {
    CloudFrontException e = catchThrowableOfType(CloudFrontException.class, call);
    assertThat(e).as("expected " + code).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    return e.awsErrorDetails().errorMessage();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) { this.now = start; }

    void advance(Duration d) { now = now.plus(d); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }
}
