package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket operations and their refusals through the SDK, path-style and virtual-hosted. */
class S3BucketsIT {
  static ApiTestServer server;
  static S3Client s3;
  static S3Client vhost;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    vhost = S3Clients.virtualHosted(server);
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void createBucket_pathStyle_isListedHeadAndLocated() {
    s3.createBucket(b -> b.bucket("alpha-bucket"));
    assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo("alpha-bucket"));
    assertThat(s3.headBucket(b -> b.bucket("alpha-bucket")).sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
        .contains("us-east-1");
    assertThat(s3.getBucketLocation(b -> b.bucket("alpha-bucket")).locationConstraintAsString()).isEmpty();
  }

  @Test
  void createBucket_virtualHosted_works() {
    vhost.createBucket(b -> b.bucket("vhost-bucket"));
    vhost.putObject(p -> p.bucket("vhost-bucket").key("a/b.txt"), RequestBody.fromString("hi"));
    assertThat(vhost.getObjectAsBytes(g -> g.bucket("vhost-bucket").key("a/b.txt")).asUtf8String()).isEqualTo("hi");
    assertThat(s3.listObjectsV2(l -> l.bucket("vhost-bucket")).contents()).singleElement()
        .satisfies(o -> assertThat(o.key()).isEqualTo("a/b.txt"));
  }

  @Test
  void createBucket_withConstraintThroughUsEast1_goesToThatRegion() {
    s3.createBucket(b -> b.bucket("euro-bucket").createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    assertThat(s3.getBucketLocation(b -> b.bucket("euro-bucket")).locationConstraintAsString()).isEqualTo("eu-west-1");
  }

  @Test
  void createBucket_explicitUsEast1_isInvalidLocationConstraint() {
    assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("explicit-east").createBucketConfiguration(c -> c.locationConstraint("us-east-1"))))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLocationConstraint");
        });
  }

  @Test
  void createBucket_otherRegionWithoutConstraint_isIllegalLocationConstraint() {
    // The SDK adds its Region as the constraint, so the bare request goes by plain HTTP.
    var bare = S3Raw.send("PUT", server.endpoint() + "/west-none", null, "Authorization", S3Raw.SIGNED_US_WEST_2);
    assertThat(bare.statusCode()).isEqualTo(400);
    assertThat(bare.body()).contains("<Code>IllegalLocationConstraintException</Code>")
        .contains("<Message>The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.</Message>");
    try (S3Client west = S3Clients.pathStyle(server, Region.US_WEST_2)) {
      west.createBucket(b -> b.bucket("west-bucket"));
      assertThat(west.getBucketLocation(b -> b.bucket("west-bucket")).locationConstraintAsString()).isEqualTo("us-west-2");
      assertThatThrownBy(() -> west.createBucket(b -> b.bucket("west-bucket")))
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
          });
      assertThatThrownBy(() -> west.createBucket(b -> b.bucket("west-other")
              .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))))
          .isInstanceOfSatisfying(S3Exception.class, e ->
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IllegalLocationConstraintException"));
    }
  }

  @Test
  void createBucket_againInUsEast1_answers200AsS3Does() {
    s3.createBucket(b -> b.bucket("twice-bucket"));
    s3.createBucket(b -> b.bucket("twice-bucket"));
    assertThat(s3.listBuckets().buckets()).filteredOn(b -> b.name().equals("twice-bucket")).hasSize(1);
  }

  @Test
  void createBucket_badNames_areInvalidBucketName() {
    // Some names the SDK refuses itself; the request goes by plain HTTP, signed for s3.
    for (String bad : new String[] {"Upper-Case", "ab", "bad..dots", "192.168.5.4", "-leading", "xn--punycode", "a_b_c"}) {
      var r = S3Raw.send("PUT", server.endpoint() + "/" + bad, null, "Authorization", S3Raw.SIGNED_US_EAST_1);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.body()).as(bad).contains("<Code>InvalidBucketName</Code>")
          .contains("<Message>The specified bucket is not valid.</Message>").contains("<BucketName>" + bad + "</BucketName>");
    }
    assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("xn--punycode")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
  }

  @Test
  void deleteBucket_withObjects_isBucketNotEmptyThenDeletes() {
    s3.createBucket(b -> b.bucket("full-bucket"));
    var dns = dev.stratus.core.dns.DnsTargetRegistry.in(server.context().extensions());
    assertThat(dns.find("full-bucket.s3-website-us-east-1.localhost")).hasValueSatisfying(t ->
        assertThat(t.addresses()).extracting(java.net.InetAddress::getHostAddress).containsExactly("127.0.0.1"));
    assertThat(dns.find("full-bucket.s3.localhost")).isPresent();
    s3.putObject(p -> p.bucket("full-bucket").key("k"), RequestBody.fromString("x"));
    assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("full-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        });
    s3.deleteObject(d -> d.bucket("full-bucket").key("k"));
    s3.deleteBucket(b -> b.bucket("full-bucket"));
    assertThat(dns.find("full-bucket.s3.localhost")).isEmpty();
    assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("full-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  @Test
  void getObject_missingBucket_isNoSuchBucket() {
    assertThatThrownBy(() -> s3.getObjectAsBytes(g -> g.bucket("no-such-bucket-here").key("k")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
        });
  }

  @Test
  void bucketTagging_roundTrips() {
    s3.createBucket(b -> b.bucket("tagged-bucket"));
    assertThatThrownBy(() -> s3.getBucketTagging(t -> t.bucket("tagged-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));
    s3.putBucketTagging(t -> t.bucket("tagged-bucket").tagging(g -> g.tagSet(x -> x.key("env").value("dev"))));
    assertThat(s3.getBucketTagging(t -> t.bucket("tagged-bucket")).tagSet())
        .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("env=dev"));
    s3.deleteBucketTagging(t -> t.bucket("tagged-bucket"));
  }

  @Test
  void unmodelledConfigurations_answerANewBucketsDefaults_putsAreNotImplemented() {
    s3.createBucket(b -> b.bucket("defaults-bucket"));
    assertThat(s3.getBucketVersioning(g -> g.bucket("defaults-bucket")).status()).isNull();
    assertThat(s3.getBucketEncryption(g -> g.bucket("defaults-bucket")).serverSideEncryptionConfiguration().rules())
        .singleElement().satisfies(r -> assertThat(r.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256"));
    assertThat(s3.getBucketAcl(g -> g.bucket("defaults-bucket")).grants())
        .singleElement().satisfies(g -> assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL"));
    assertThat(s3.getBucketOwnershipControls(g -> g.bucket("defaults-bucket")).ownershipControls().rules())
        .singleElement().satisfies(r -> assertThat(r.objectOwnershipAsString()).isEqualTo("BucketOwnerEnforced"));
    assertThatThrownBy(() -> s3.getBucketCors(g -> g.bucket("defaults-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration"));
    assertThatThrownBy(() -> s3.getPublicAccessBlock(g -> g.bucket("defaults-bucket")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> s3.putBucketVersioning(p -> p.bucket("defaults-bucket").versioningConfiguration(v -> v.status("Enabled"))))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(501);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
        });
  }
}
