package dev.stratus.cloudfront.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

class SdkJsonTest {
  @Test
  void distributionConfig_roundTrips() {
    DistributionConfig config = DistributionConfig.builder().callerReference("r1").comment("c").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("o1").domainName("example.com")
            .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o1").viewerProtocolPolicy("allow-all")
            .cachePolicyId(ManagedPolicies.CACHING_OPTIMIZED))
        .build();
    assertThat(SdkJson.read(SdkJson.write(config), DistributionConfig.class)).isEqualTo(config);
  }

  @Test
  void managedPolicies_roundTrip() {
    for (var c : ManagedPolicies.CACHE.values()) {
      assertThat(SdkJson.read(SdkJson.write(c), CachePolicyConfig.class)).isEqualTo(c);
    }
    assertThat(ManagedPolicies.CACHE.get(ManagedPolicies.CACHING_OPTIMIZED).minTTL()).isEqualTo(1L);
  }
}
