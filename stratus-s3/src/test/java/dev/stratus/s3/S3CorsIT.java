package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.s3.OriginRequest;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket CORS: configuration through the SDK, preflights and CORS headers through plain HTTP and BucketOrigin. */
class S3CorsIT {
  static final String BUCKET = "cors-bucket";
  static ApiTestServer server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.putObject(p -> p.bucket(BUCKET).key("font.woff2"), RequestBody.fromString("font"));
    s3.putBucketPolicy(p -> p.bucket(BUCKET).policy(S3AccessIT.publicRead(BUCKET)));
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void putBucketCors_thenPreflightAndGetCarryItsHeaders() {
    s3.putBucketCors(p -> p.bucket(BUCKET).corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedOrigins("https://*.example.com").allowedMethods("GET", "HEAD")
            .allowedHeaders("x-custom-*").exposeHeaders("ETag").maxAgeSeconds(600).build())));
    assertThat(s3.getBucketCors(g -> g.bucket(BUCKET)).corsRules()).singleElement()
        .satisfies(r -> assertThat(r.allowedOrigins()).containsExactly("https://*.example.com"));

    var pre = S3Raw.send("OPTIONS", server.endpoint() + "/" + BUCKET + "/font.woff2", null, "Origin", "https://www.example.com",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Custom-Thing");
    assertThat(pre.statusCode()).isEqualTo(200);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
    assertThat(pre.headers().firstValue("Access-Control-Max-Age")).contains("600");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers")).contains("X-Custom-Thing");

    var refused = S3Raw.send("OPTIONS", server.endpoint() + "/" + BUCKET + "/font.woff2", null, "Origin", "https://evil.test",
        "Access-Control-Request-Method", "GET");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("<Code>AccessForbidden</Code>");

    var get = S3Raw.get(server.endpoint() + "/" + BUCKET + "/font.woff2", "Origin", "https://cdn.example.com");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains("https://cdn.example.com");
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
    assertThat(S3Raw.get(server.endpoint() + "/" + BUCKET + "/font.woff2", "Origin", "https://evil.test").headers()
        .firstValue("Access-Control-Allow-Origin")).isEmpty();

    BucketOrigin origin = server.context().extensions().find(BucketOrigin.class).orElseThrow();
    var viaEdge = origin.fetch(new OriginRequest("GET", BUCKET, "font.woff2", Map.of("origin", List.of("https://a.example.com")), null)).join();
    assertThat(viaEdge.headers()).containsEntry("access-control-allow-origin", List.of("https://a.example.com"));
  }

  @Test
  void putBucketCors_unsupportedMethod_isInvalidRequest_andDeleteRemovesIt() {
    s3.createBucket(b -> b.bucket("cors-other"));
    assertThatThrownBy(() -> s3.putBucketCors(p -> p.bucket("cors-other").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
        });
    s3.putBucketCors(p -> p.bucket("cors-other").corsConfiguration(c -> c.corsRules(
        CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
    s3.deleteBucketCors(d -> d.bucket("cors-other"));
    assertThatThrownBy(() -> s3.getBucketCors(g -> g.bucket("cors-other")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration"));
  }
}
