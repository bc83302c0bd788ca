package dev.stratus.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;

/** CloudFront's read operations through the real SDK client. */
class CloudFrontReadIT {
  static ApiTestServer server;
  static CloudFrontClient cloudFront;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new CloudFrontModule());
    cloudFront = server.client(CloudFrontClient.builder(), Region.AWS_GLOBAL);
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void listDistributions_newAccount_isAnEmptyList() {
    var list = cloudFront.listDistributions(r -> {}).distributionList();
    assertThat(list.quantity()).isZero();
    assertThat(list.isTruncated()).isFalse();
    assertThat(list.maxItems()).isEqualTo(100);
  }

  @Test
  void getDistribution_unknownId_isNoSuchDistribution404() {
    assertThatThrownBy(() -> cloudFront.getDistribution(r -> r.id("E2QWRUHAPOMQZL")))
        .isInstanceOfSatisfying(NoSuchDistributionException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }
}
