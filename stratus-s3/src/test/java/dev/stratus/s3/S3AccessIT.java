package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.s3.OriginRequest;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket policies: anonymous callers, the owner, and CloudFront with origin access control (BucketOrigin). */
class S3AccessIT {
  static final String DISTRIBUTION = "arn:aws:cloudfront::000000000000:distribution/E2EXAMPLE1";
  static ApiTestServer server;
  static S3Client s3;
  static S3Client anonymous;
  static BucketOrigin origin;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    anonymous = S3Clients.anonymous(server);
    origin = server.context().extensions().find(BucketOrigin.class).orElseThrow();
  }

  @AfterAll
  static void stop() { server.close(); }

  static String publicRead(String bucket) {
    return """
        {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
         "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
  }

  static String oac(String bucket) {
    return """
        {"Version":"2008-10-17","Id":"PolicyForCloudFrontPrivateContent","Statement":[{"Sid":"AllowCloudFrontServicePrincipal",
         "Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject",
         "Resource":"arn:aws:s3:::%s/*","Condition":{"StringEquals":{"AWS:SourceArn":"%s"}}}]}""".formatted(bucket, DISTRIBUTION);
  }

  @Test
  void anonymousGet_privateBucket_isAccessDeniedXml() {
    s3.createBucket(b -> b.bucket("private-bucket"));
    s3.putObject(p -> p.bucket("private-bucket").key("secret.txt"), RequestBody.fromString("s"));
    var r = S3Raw.get(server.endpoint() + "/private-bucket/secret.txt");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/xml");
    assertThat(r.body()).contains("<Error><Code>AccessDenied</Code><Message>Access Denied</Message>").contains("<RequestId>");
    assertThat(S3Raw.get("http://private-bucket.s3.localhost:" + server.port() + "/secret.txt").statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> anonymous.getObjectAsBytes(g -> g.bucket("private-bucket").key("secret.txt")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
  }

  @Test
  void publicReadPolicy_allowsAnonymousGetOnly() {
    s3.createBucket(b -> b.bucket("public-bucket"));
    s3.putObject(p -> p.bucket("public-bucket").key("hello.txt").contentType("text/plain"), RequestBody.fromString("hello"));
    s3.putBucketPolicy(p -> p.bucket("public-bucket").policy(publicRead("public-bucket")));
    assertThat(s3.getBucketPolicy(g -> g.bucket("public-bucket")).policy()).contains("PublicRead");
    var r = S3Raw.get(server.endpoint() + "/public-bucket/hello.txt");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello");
    // AWS's own names for the bucket, by Host header
    assertThat(S3Raw.byHost(server.port(), "public-bucket.s3.us-east-1.amazonaws.com", "/hello.txt")).startsWith("HTTP/1.1 200").endsWith("hello");
    assertThat(S3Raw.byHost(server.port(), "public-bucket.s3.amazonaws.com", "/hello.txt")).startsWith("HTTP/1.1 200");
    assertThat(S3Raw.byHost(server.port(), "s3.us-east-1.amazonaws.com", "/public-bucket/hello.txt")).startsWith("HTTP/1.1 200");
    assertThat(S3Raw.get("http://public-bucket.localhost:" + server.port() + "/hello.txt").body()).isEqualTo("hello");
    assertThat(anonymous.getObjectAsBytes(g -> g.bucket("public-bucket").key("hello.txt")).asUtf8String()).isEqualTo("hello");
    assertThatThrownBy(() -> anonymous.getObjectAsBytes(g -> g.bucket("public-bucket").key("missing.txt")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403)); // no s3:ListBucket
    assertThatThrownBy(() -> anonymous.listObjectsV2(l -> l.bucket("public-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> anonymous.putObject(p -> p.bucket("public-bucket").key("x"), RequestBody.fromString("x")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    s3.deleteBucketPolicy(d -> d.bucket("public-bucket"));
    assertThat(S3Raw.get(server.endpoint() + "/public-bucket/hello.txt").statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> s3.getBucketPolicy(g -> g.bucket("public-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));
  }

  @Test
  void anonymousGet_missingBucket_isNoSuchBucket() {
    var r = S3Raw.get(server.endpoint() + "/no-such-bucket-anywhere/k");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("<Code>NoSuchBucket</Code>").contains("<BucketName>no-such-bucket-anywhere</BucketName>");
    // other services' unsigned paths still reach them
    assertThat(S3Raw.get(server.endpoint() + "/_stratus/health").statusCode()).isEqualTo(200);
  }

  @Test
  void presignedGet_worksWithoutCredentials_untilItExpires() throws Exception {
    s3.createBucket(b -> b.bucket("presign-bucket"));
    s3.putObject(p -> p.bucket("presign-bucket").key("doc.txt"), RequestBody.fromString("signed"));
    try (var presigner = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder().endpointOverride(server.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret"))).build()) {
      String url = presigner.presignGetObject(p -> p.signatureDuration(java.time.Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("presign-bucket").key("doc.txt"))).url().toString();
      assertThat(S3Raw.get(url).body()).isEqualTo("signed");
    }
    String expired = server.endpoint() + "/presign-bucket/doc.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDSTRATUSTEST%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200101T000000Z"
        + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
    var r = S3Raw.get(expired);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>AccessDenied</Code><Message>Request has expired</Message>")
        .contains("<Expires>2020-01-01T00:01:00Z</Expires>");
  }

  @Test
  void putBucketPolicy_malformed_isMalformedPolicy() {
    s3.createBucket(b -> b.bucket("malformed-bucket"));
    assertThatThrownBy(() -> s3.putBucketPolicy(p -> p.bucket("malformed-bucket").policy("not json")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
        });
  }

  @Test
  void explicitDeny_refusesEvenTheOwner() {
    s3.createBucket(b -> b.bucket("deny-bucket"));
    s3.putObject(p -> p.bucket("deny-bucket").key("locked/a"), RequestBody.fromString("a"));
    s3.putBucketPolicy(p -> p.bucket("deny-bucket").policy("""
        {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::deny-bucket/locked/*"}]}"""));
    assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket("deny-bucket").key("locked/a")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
  }

  @Test
  void bucketOrigin_oacPolicy_allowsTheDistributionOnly() {
    s3.createBucket(b -> b.bucket("oac-bucket"));
    var put = s3.putObject(p -> p.bucket("oac-bucket").key("index.html").contentType("text/html").cacheControl("max-age=300"),
        RequestBody.fromString("0123456789"));
    s3.putBucketPolicy(p -> p.bucket("oac-bucket").policy(oac("oac-bucket")));
    assertThat(origin.holds("oac-bucket")).isTrue();
    assertThat(origin.holds("not-held-bucket")).isFalse();

    var ok = origin.fetch(new OriginRequest("GET", "oac-bucket", "index.html", Map.of(), DISTRIBUTION)).join();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
    assertThat(ok.headers()).containsEntry("etag", List.of(put.eTag())).containsEntry("content-type", List.of("text/html"))
        .containsEntry("cache-control", List.of("max-age=300")).containsKey("last-modified");

    var other = origin.fetch(new OriginRequest("GET", "oac-bucket", "index.html", Map.of(),
        "arn:aws:cloudfront::000000000000:distribution/EOTHER")).join();
    assertThat(other.status()).isEqualTo(403);
    assertThat(new String(other.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>");
    var anon = origin.fetch(new OriginRequest("GET", "oac-bucket", "index.html", Map.of(), null)).join();
    assertThat(anon.status()).isEqualTo(403);
    assertThat(S3Raw.get(server.endpoint() + "/oac-bucket/index.html").statusCode()).isEqualTo(403);

    var notModified = origin.fetch(new OriginRequest("GET", "oac-bucket", "index.html",
        Map.of("if-none-match", List.of(put.eTag())), DISTRIBUTION)).join();
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    var range = origin.fetch(new OriginRequest("GET", "oac-bucket", "index.html",
        Map.of("range", List.of("bytes=0-3")), DISTRIBUTION)).join();
    assertThat(range.status()).isEqualTo(206);
    assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("0123");
    assertThat(range.headers()).containsEntry("content-range", List.of("bytes 0-3/10"));
    var head = origin.fetch(new OriginRequest("HEAD", "oac-bucket", "index.html", Map.of(), DISTRIBUTION)).join();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    // GetObject alone: a missing key is AccessDenied, as CloudFront sees it from S3 (403, not 404)
    var missing = origin.fetch(new OriginRequest("GET", "oac-bucket", "nope.html", Map.of(), DISTRIBUTION)).join();
    assertThat(missing.status()).isEqualTo(403);
    assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void bucketOrigin_publicBucketWithoutOac_servesAnonymously() {
    s3.createBucket(b -> b.bucket("public-origin"));
    s3.putObject(p -> p.bucket("public-origin").key("a.css"), RequestBody.fromString("body{}"));
    assertThat(origin.fetch(new OriginRequest("GET", "public-origin", "a.css", Map.of(), null)).join().status()).isEqualTo(403);
    s3.putBucketPolicy(p -> p.bucket("public-origin").policy(publicRead("public-origin")));
    assertThat(origin.fetch(new OriginRequest("GET", "public-origin", "a.css", Map.of(), null)).join().status()).isEqualTo(200);
  }
}
