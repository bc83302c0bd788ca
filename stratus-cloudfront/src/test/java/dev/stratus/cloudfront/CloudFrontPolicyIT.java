package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicySummary;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicySummary;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySummary;

/** Cache, origin request and response headers policies and OACs through the SDK. */
class CloudFrontPolicyIT {
  static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
  static CloudFrontTesting t;
  static CloudFrontClient cf;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
  }

  @AfterAll
  static void stop() { t.close(); }

  static CachePolicyConfig cachePolicy(String name) {
    return CachePolicyConfig.builder().name(name).minTTL(5L)
        .parametersInCacheKeyAndForwardedToOrigin(p -> p.enableAcceptEncodingGzip(true).enableAcceptEncodingBrotli(true)
            .headersConfig(h -> h.headerBehavior("whitelist").headers(x -> x.quantity(1).items("X-Tenant")))
            .cookiesConfig(c -> c.cookieBehavior("none")).queryStringsConfig(q -> q.queryStringBehavior("all")))
        .build();
  }

  @Test
  void managedCachePolicies_haveAwsIdsAndSettings() {
    var optimized = cf.getCachePolicy(r -> r.id(CACHING_OPTIMIZED)).cachePolicy().cachePolicyConfig();
    assertThat(optimized.name()).isEqualTo("CachingOptimized");
    assertThat(optimized.minTTL()).isEqualTo(1L);
    assertThat(optimized.defaultTTL()).isEqualTo(86400L);
    assertThat(optimized.maxTTL()).isEqualTo(31536000L);
    assertThat(optimized.parametersInCacheKeyAndForwardedToOrigin().enableAcceptEncodingBrotli()).isTrue();
    var disabled = cf.getCachePolicyConfig(r -> r.id(CACHING_DISABLED)).cachePolicyConfig();
    assertThat(disabled.name()).isEqualTo("CachingDisabled");
    assertThat(disabled.maxTTL()).isZero();
    var managed = cf.listCachePolicies(r -> r.type("managed")).cachePolicyList().items();
    assertThat(managed).extracting(s -> s.cachePolicy().cachePolicyConfig().name())
        .contains("CachingOptimized", "CachingDisabled", "CachingOptimizedForUncompressedObjects",
            "UseOriginCacheControlHeaders", "Elemental-MediaPackage", "Amplify");
    assertThat(managed).extracting(CachePolicySummary::typeAsString).containsOnly("managed");
  }

  @Test
  void managedPolicies_cannotBeChangedOrDeleted() {
    String etag = cf.getCachePolicy(r -> r.id(CACHING_OPTIMIZED)).eTag();
    assertAwsError(() -> cf.deleteCachePolicy(r -> r.id(CACHING_OPTIMIZED).ifMatch(etag)), "IllegalDelete", 400);
    assertAwsError(() -> cf.updateCachePolicy(r -> r.id(CACHING_OPTIMIZED).ifMatch(etag)
        .cachePolicyConfig(cachePolicy("x"))), "IllegalUpdate", 400);
  }

  @Test
  void customCachePolicy_lifecycle_andRefusals() {
    var created = cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("tenant")));
    String id = created.cachePolicy().id();
    assertThat(created.location()).endsWith("/cache-policy/" + id);
    var c = created.cachePolicy().cachePolicyConfig();
    assertThat(c.defaultTTL()).isEqualTo(86400L);
    assertThat(c.maxTTL()).isEqualTo(31536000L);
    assertAwsError(() -> cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("tenant"))),
        "CachePolicyAlreadyExists", 409);
    assertAwsError(() -> cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("CachingOptimized"))),
        "CachePolicyAlreadyExists", 409);
    assertAwsError(() -> cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("ttl").toBuilder().minTTL(100L)
        .defaultTTL(10L).build())), "InvalidTTLOrder", 400);
    assertAwsError(() -> cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("many").toBuilder()
        .parametersInCacheKeyAndForwardedToOrigin(p -> p.enableAcceptEncodingGzip(false).enableAcceptEncodingBrotli(false)
            .headersConfig(h -> h.headerBehavior("whitelist").headers(x -> x.quantity(11)
                .items("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")))
            .cookiesConfig(k -> k.cookieBehavior("none")).queryStringsConfig(q -> q.queryStringBehavior("none")))
        .build())), "TooManyHeadersInCachePolicy", 400);
    assertAwsError(() -> cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("qty").toBuilder()
        .parametersInCacheKeyAndForwardedToOrigin(p -> p.enableAcceptEncodingGzip(false).enableAcceptEncodingBrotli(false)
            .headersConfig(h -> h.headerBehavior("whitelist").headers(x -> x.quantity(2).items("a")))
            .cookiesConfig(k -> k.cookieBehavior("none")).queryStringsConfig(q -> q.queryStringBehavior("none")))
        .build())), "InconsistentQuantities", 400);

    assertAwsError(() -> cf.updateCachePolicy(r -> r.id(id).cachePolicyConfig(cachePolicy("tenant"))),
        "InvalidIfMatchVersion", 400);
    assertAwsError(() -> cf.updateCachePolicy(r -> r.id(id).ifMatch("E0WRONG0000000").cachePolicyConfig(cachePolicy("tenant"))),
        "PreconditionFailed", 412);
    var updated = cf.updateCachePolicy(r -> r.id(id).ifMatch(created.eTag())
        .cachePolicyConfig(cachePolicy("tenant").toBuilder().comment("v2").build()));
    assertThat(updated.cachePolicy().cachePolicyConfig().comment()).isEqualTo("v2");

    var d = cf.createDistribution(r -> r.distributionConfig(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId(id))))).distribution();
    assertThat(d.distributionConfig().defaultCacheBehavior().cachePolicyId()).isEqualTo(id);
    assertAwsError(() -> cf.deleteCachePolicy(r -> r.id(id).ifMatch(updated.eTag())), "CachePolicyInUse", 409);
    assertThat(cf.listDistributionsByCachePolicyId(r -> r.cachePolicyId(id)).distributionIdList().items())
        .containsExactly(d.id());
    assertAwsError(() -> cf.listDistributionsByCachePolicyId(r -> r.cachePolicyId("00000000-0000-0000-0000-000000000000")),
        "NoSuchCachePolicy", 404);
    assertThat(cf.listCachePolicies(r -> r.type("custom")).cachePolicyList().items())
        .extracting(s -> s.cachePolicy().id()).containsExactly(id);
    assertAwsError(() -> cf.getCachePolicy(r -> r.id("00000000-0000-0000-0000-000000000000")), "NoSuchCachePolicy", 404);
  }

  @Test
  void customCachePolicy_deletedWhenUnused() {
    var created = cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("unused")));
    cf.deleteCachePolicy(r -> r.id(created.cachePolicy().id()).ifMatch(created.eTag()));
    assertAwsError(() -> cf.getCachePolicy(r -> r.id(created.cachePolicy().id())), "NoSuchCachePolicy", 404);
  }

  @Test
  void originRequestPolicies_managedAndCustom() {
    var all = cf.listOriginRequestPolicies(r -> r.type("managed")).originRequestPolicyList().items();
    assertThat(all).extracting(OriginRequestPolicySummary::originRequestPolicy).extracting(p -> p.id())
        .contains("216adef6-5c7f-47e4-b989-5492eafa07d3", "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", "33f36d7e-f396-46d9-90e0-52428a34d9dc");
    var created = cf.createOriginRequestPolicy(r -> r.originRequestPolicyConfig(c -> c.name("orp")
        .headersConfig(h -> h.headerBehavior("allViewer")).cookiesConfig(k -> k.cookieBehavior("all"))
        .queryStringsConfig(q -> q.queryStringBehavior("none"))));
    String id = created.originRequestPolicy().id();
    assertThat(cf.getOriginRequestPolicyConfig(r -> r.id(id)).originRequestPolicyConfig().name()).isEqualTo("orp");
    assertAwsError(() -> cf.createOriginRequestPolicy(r -> r.originRequestPolicyConfig(c -> c.name("orp")
        .headersConfig(h -> h.headerBehavior("none")).cookiesConfig(k -> k.cookieBehavior("none"))
        .queryStringsConfig(q -> q.queryStringBehavior("none")))), "OriginRequestPolicyAlreadyExists", 409);
    var d = cf.createDistribution(r -> r.distributionConfig(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId(CACHING_DISABLED).originRequestPolicyId(id))))).distribution();
    assertThat(d.distributionConfig().defaultCacheBehavior().originRequestPolicyId()).isEqualTo(id);
    assertAwsError(() -> cf.deleteOriginRequestPolicy(r -> r.id(id).ifMatch(created.eTag())),
        "OriginRequestPolicyInUse", 409);
    assertAwsError(() -> cf.deleteOriginRequestPolicy(r -> r.id("216adef6-5c7f-47e4-b989-5492eafa07d3").ifMatch("E1")),
        "IllegalDelete", 400);
  }

  @Test
  void responseHeadersPolicies_managedAndCustom() {
    var managed = cf.getResponseHeadersPolicy(r -> r.id("67f7725c-6f97-4210-82d7-5512b31e9d03")).responseHeadersPolicy();
    assertThat(managed.responseHeadersPolicyConfig().name()).isEqualTo("SecurityHeadersPolicy");
    assertThat(managed.responseHeadersPolicyConfig().securityHeadersConfig().frameOptions().frameOptionAsString())
        .isEqualTo("SAMEORIGIN");
    var created = cf.createResponseHeadersPolicy(r -> r.responseHeadersPolicyConfig(c -> c.name("rhp")
        .customHeadersConfig(h -> h.quantity(1).items(x -> x.header("X-Served-By").value("stratus").override(true)))));
    String id = created.responseHeadersPolicy().id();
    assertThat(cf.listResponseHeadersPolicies(r -> r.type("custom")).responseHeadersPolicyList().items())
        .extracting(ResponseHeadersPolicySummary::responseHeadersPolicy).extracting(p -> p.id()).containsExactly(id);
    assertAwsError(() -> cf.createResponseHeadersPolicy(r -> r.responseHeadersPolicyConfig(c -> c.name("rhp")
        .customHeadersConfig(h -> h.quantity(0)))), "ResponseHeadersPolicyAlreadyExists", 409);
    cf.createDistribution(r -> r.distributionConfig(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId(CACHING_OPTIMIZED).responseHeadersPolicyId(id)))));
    assertAwsError(() -> cf.deleteResponseHeadersPolicy(r -> r.id(id).ifMatch(created.eTag())),
        "ResponseHeadersPolicyInUse", 409);
  }

  @Test
  void originAccessControls_lifecycle() {
    var created = cf.createOriginAccessControl(r -> r.originAccessControlConfig(c -> c.name("site-oac")
        .signingProtocol("sigv4").signingBehavior("always").originAccessControlOriginType("s3")));
    String id = created.originAccessControl().id();
    assertThat(created.location()).endsWith("/origin-access-control/" + id);
    assertAwsError(() -> cf.createOriginAccessControl(r -> r.originAccessControlConfig(c -> c.name("site-oac")
        .signingProtocol("sigv4").signingBehavior("always").originAccessControlOriginType("s3"))),
        "OriginAccessControlAlreadyExists", 409);
    var updated = cf.updateOriginAccessControl(r -> r.id(id).ifMatch(created.eTag()).originAccessControlConfig(c -> c
        .name("site-oac").signingProtocol("sigv4").signingBehavior("no-override").originAccessControlOriginType("s3")));
    assertThat(cf.getOriginAccessControlConfig(r -> r.id(id)).originAccessControlConfig().signingBehaviorAsString())
        .isEqualTo("no-override");
    assertThat(cf.listOriginAccessControls(r -> {}).originAccessControlList().items()).extracting(s -> s.id())
        .contains(id);
    assertAwsError(() -> cf.deleteOriginAccessControl(r -> r.id(id).ifMatch(created.eTag())), "PreconditionFailed", 412);
    cf.deleteOriginAccessControl(r -> r.id(id).ifMatch(updated.eTag()));
    assertAwsError(() -> cf.getOriginAccessControl(r -> r.id(id)), "NoSuchOriginAccessControl", 404);
  }

  @Test
  void originAccessIdentities_lifecycle_andS3OriginsNameThem() {
    var created = cf.createCloudFrontOriginAccessIdentity(r -> r.cloudFrontOriginAccessIdentityConfig(c -> c
        .callerReference("oai-1").comment("Example OAI")));
    var oai = created.cloudFrontOriginAccessIdentity();
    assertThat(oai.s3CanonicalUserId()).matches("[0-9a-f]{64}");
    assertThat(created.location()).endsWith("/origin-access-identity/cloudfront/" + oai.id());
    assertThat(cf.createCloudFrontOriginAccessIdentity(r -> r.cloudFrontOriginAccessIdentityConfig(c -> c
        .callerReference("oai-1").comment("Example OAI"))).cloudFrontOriginAccessIdentity().id()).isEqualTo(oai.id());
    assertAwsError(() -> cf.createCloudFrontOriginAccessIdentity(r -> r.cloudFrontOriginAccessIdentityConfig(c -> c
        .callerReference("oai-1").comment("other"))), "CloudFrontOriginAccessIdentityAlreadyExists", 409);

    var s3 = config(b -> b.origins(o -> o.quantity(1).items(x -> x.id("o1").domainName("site.s3.amazonaws.com")
        .s3OriginConfig(s -> s.originAccessIdentity("origin-access-identity/cloudfront/" + oai.id())))));
    cf.createDistribution(r -> r.distributionConfig(s3));
    assertAwsError(() -> cf.createDistribution(r -> r.distributionConfig(s3.toBuilder().callerReference("bad-oai")
        .origins(o -> o.quantity(1).items(x -> x.id("o1").domainName("site.s3.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity("origin-access-identity/cloudfront/E0000000000000")))).build())),
        "InvalidOriginAccessIdentity", 400);
    assertAwsError(() -> cf.deleteCloudFrontOriginAccessIdentity(r -> r.id(oai.id()).ifMatch(created.eTag())),
        "CloudFrontOriginAccessIdentityInUse", 409);
    var updated = cf.updateCloudFrontOriginAccessIdentity(r -> r.id(oai.id()).ifMatch(created.eTag())
        .cloudFrontOriginAccessIdentityConfig(c -> c.callerReference("oai-1").comment("renamed")));
    assertThat(cf.listCloudFrontOriginAccessIdentities(r -> {}).cloudFrontOriginAccessIdentityList().items())
        .extracting(x -> x.comment()).containsExactly("renamed");
    assertAwsError(() -> cf.updateCloudFrontOriginAccessIdentity(r -> r.id(oai.id()).ifMatch(updated.eTag())
        .cloudFrontOriginAccessIdentityConfig(c -> c.callerReference("changed").comment("x"))), "IllegalUpdate", 400);
    assertAwsError(() -> cf.getCloudFrontOriginAccessIdentity(r -> r.id("E0000000000000")),
        "NoSuchCloudFrontOriginAccessIdentity", 404);
  }

  @Test
  void customPolicies_twentyPerAccount() {
    try (var own = new CloudFrontTesting()) {
      for (int i = 0; i < 20; i++) {
        int n = i;
        own.cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("quota-" + n)));
      }
      assertThat(assertAwsError(() -> own.cf.createCachePolicy(r -> r.cachePolicyConfig(cachePolicy("quota-21"))),
          "TooManyCachePolicies", 400)).contains("cache policies");
    }
  }
}
