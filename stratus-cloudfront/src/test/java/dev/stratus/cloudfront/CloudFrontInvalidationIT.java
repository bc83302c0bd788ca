package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;

/** Invalidations through the SDK (cloudfront.md §19–20). */
class CloudFrontInvalidationIT {
  static CloudFrontTesting t;
  static CloudFrontClient cf;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
  }

  @AfterAll
  static void stop() { t.close(); }

  static String distribution() {
    return cf.createDistribution(r -> r.distributionConfig(config().build())).distribution().id();
  }

  static CreateInvalidationResponse invalidate(String id, String ref, List<String> paths) {
    return cf.createInvalidation(r -> r.distributionId(id).invalidationBatch(b -> b.callerReference(ref)
        .paths(p -> p.quantity(paths.size()).items(paths))));
  }

  @Test
  void invalidation_inProgressThenCompleted_andListedNewestFirst() {
    String id = distribution();
    var first = invalidate(id, "r1", List.of("/index.html", "/images/*")).invalidation();
    assertThat(first.id()).matches("I[A-Z0-9]{13}");
    assertThat(first.status()).isEqualTo("InProgress");
    assertThat(cf.getDistribution(r -> r.id(id)).distribution().inProgressInvalidationBatches()).isEqualTo(1);
    t.clock.advance(CloudFrontTesting.INVALIDATION);
    assertThat(cf.getInvalidation(r -> r.distributionId(id).id(first.id())).invalidation().status()).isEqualTo("Completed");
    var second = invalidate(id, "r2", List.of("/*")).invalidation();
    var list = cf.listInvalidations(r -> r.distributionId(id)).invalidationList();
    assertThat(list.items()).extracting(s -> s.id()).containsExactly(second.id(), first.id());
    assertThat(list.items()).extracting(s -> s.status()).containsExactly("InProgress", "Completed");
  }

  @Test
  void callerReference_sameBatchAnswersTheFirst_otherBatchRefused() {
    String id = distribution();
    var first = invalidate(id, "same", List.of("/a")).invalidation();
    assertThat(invalidate(id, "same", List.of("/a")).invalidation().id()).isEqualTo(first.id());
    assertAwsError(() -> invalidate(id, "same", List.of("/b")), "InvalidationBatchAlreadyExists", 400);
  }

  @Test
  void paths_mustStartWithSlash_andStarOnlyLast() {
    String id = distribution();
    assertAwsError(() -> invalidate(id, "p1", List.of("index.html")), "InvalidArgument", 400);
    assertAwsError(() -> invalidate(id, "p2", List.of("/images/*.jpg")), "InvalidArgument", 400);
    assertAwsError(() -> cf.createInvalidation(r -> r.distributionId(id).invalidationBatch(b -> b.callerReference("p3")
        .paths(p -> p.quantity(2).items("/a")))), "InconsistentQuantities", 400);
    assertThat(invalidate(id, "p4", List.of("/images/image*")).invalidation().status()).isEqualTo("InProgress");
  }

  @Test
  void limits_fifteenWildcardsInProgress_andBatchSize() {
    String id = distribution();
    var wildcards = IntStream.range(0, 15).mapToObj(i -> "/w" + i + "/*").toList();
    invalidate(id, "w1", wildcards);
    assertAwsError(() -> invalidate(id, "w2", List.of("/more/*")), "TooManyInvalidationsInProgress", 400);
    t.clock.advance(CloudFrontTesting.INVALIDATION);
    invalidate(id, "w3", List.of("/more/*"));

    var files = IntStream.range(0, 3001).mapToObj(i -> "/f" + i).toList();
    assertAwsError(() -> invalidate(id, "big", files), "BatchTooLarge", 413);
  }

  @Test
  void unknownDistributionOrInvalidation() {
    assertAwsError(() -> invalidate("E0000000000000", "x", List.of("/a")), "NoSuchDistribution", 404);
    String id = distribution();
    assertAwsError(() -> cf.getInvalidation(r -> r.distributionId(id).id("I0000000000000")), "NoSuchInvalidation", 404);
  }
}
