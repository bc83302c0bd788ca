package dev.stratus.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure parts of DistributionRules. */
class DistributionRulesTest {
  @Test
  void s3RestEndpoints_notWebsiteEndpointsNorOtherNames() {
    assertThat(DistributionRules.isS3RestEndpoint("bucket.s3.amazonaws.com")).isTrue();
    assertThat(DistributionRules.isS3RestEndpoint("bucket.s3.us-east-1.amazonaws.com")).isTrue();
    assertThat(DistributionRules.isS3RestEndpoint("my.bucket.s3-eu-west-1.amazonaws.com")).isTrue();
    assertThat(DistributionRules.isS3RestEndpoint("bucket.s3.dualstack.eu-west-1.amazonaws.com")).isTrue();
    assertThat(DistributionRules.isS3RestEndpoint("bucket.s3-website-us-east-1.amazonaws.com")).isFalse();
    assertThat(DistributionRules.isS3RestEndpoint("bucket.s3-website.eu-west-1.amazonaws.com")).isFalse();
    assertThat(DistributionRules.isS3RestEndpoint("my-alb-1.us-east-1.elb.amazonaws.com")).isFalse();
    assertThat(DistributionRules.isS3RestEndpoint("localhost")).isFalse();
  }

  @Test
  void defaults_legacyTtls_followMinTtl() {
    var c = DistributionRules.withDefaults(CloudFrontTesting.config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").forwardedValues(f -> f.queryString(false)).minTTL(100000L))));
    assertThat(c.defaultCacheBehavior().defaultTTL()).isEqualTo(100000L);
    assertThat(c.defaultCacheBehavior().maxTTL()).isEqualTo(31536000L);
    assertThat(c.defaultCacheBehavior().forwardedValues().cookies().forwardAsString()).isEqualTo("none");
  }
}
