package dev.stratus.cloudfront;

import dev.stratus.core.testing.MutableClock;

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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClient;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.endpoints.CloudFrontKeyValueStoreEndpointProvider;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.CloudFrontKeyValueStoreException;
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

  /** The Authorization header of the last request a {@link #keyValueStores} client sent. */
  static final java.util.concurrent.atomic.AtomicReference<String> LAST_KVS_AUTHORIZATION =
      new java.util.concurrent.atomic.AtomicReference<>("");

  /** A cloudfront-keyvaluestore client aimed at {@code api} (see {@link #keyValueStores(ApiTestServer)}). */
  CloudFrontKeyValueStoreClient kvs() { return keyValueStores(server); }

  /**
   * The key value stores' data client as AWS's SDK builds it (SigV4A, the endpoint from the
   * service's rules), aimed at {@code server}: the rules prepend the store's account to the
   * endpoint's host ({@code 000000000000.127.0.0.1}), a name that resolves nowhere, so the request
   * goes to the server's own address with everything else the rules chose.
   */
  static CloudFrontKeyValueStoreClient keyValueStores(ApiTestServer server) {
    var rules = CloudFrontKeyValueStoreEndpointProvider.defaultProvider();
    java.net.URI api = server.endpoint();
    return CloudFrontKeyValueStoreClient.builder().endpointOverride(api).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
          @Override
          public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission c,
              software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
            LAST_KVS_AUTHORIZATION.set(c.httpRequest().firstMatchingHeader("Authorization").orElse(""));
          }
        }))
        .endpointProvider(params -> rules.resolveEndpoint(params).thenApply(e -> {
          if (!e.url().getAuthority().equals("000000000000." + api.getAuthority())) {
            throw new IllegalStateException("the rules chose " + e.url());
          }
          return e.toBuilder().url(api.resolve(e.url().getRawPath())).build();
        }))
        .build();
  }

  /** Asserts that {@code call} fails with KVS error {@code code} and HTTP {@code status}; returns the message. */
  static String assertKvsError(ThrowingCallable call, String code, int status) {
    CloudFrontKeyValueStoreException e = catchThrowableOfType(CloudFrontKeyValueStoreException.class, call);
    assertThat(e).as("expected " + code).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    return e.awsErrorDetails().errorMessage();
  }

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
