package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.model.CloudFrontView;
import dev.stratus.core.dns.DnsTargetRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Tag;

/** Distributions through the real SDK client: lifecycle, AWS's defaults, and every refusal. */
class CloudFrontDistributionIT {
  static CloudFrontTesting t;
  static CloudFrontClient cf;

  @BeforeAll
  static void start() {
    t = new CloudFrontTesting();
    cf = t.cf;
  }

  @AfterAll
  static void stop() { t.close(); }

  static CreateDistributionResponse create(DistributionConfig c) {
    return cf.createDistribution(r -> r.distributionConfig(c));
  }

  @Test
  void createDistribution_isInProgress_thenDeployedOnTheClock() {
    var created = create(config().build());
    var d = created.distribution();
    assertThat(d.id()).matches("E[A-Z0-9]{13}");
    assertThat(d.domainName()).matches("d[a-z0-9]{13}\\.cloudfront\\.net");
    assertThat(d.arn()).isEqualTo("arn:aws:cloudfront::000000000000:distribution/" + d.id());
    assertThat(d.status()).isEqualTo("InProgress");
    assertThat(created.eTag()).isNotBlank();
    assertThat(created.location()).isEqualTo("https://cloudfront.amazonaws.com/2020-05-31/distribution/" + d.id());

    t.clock.advance(CloudFrontTesting.DEPLOY);
    var got = cf.getDistribution(r -> r.id(d.id()));
    assertThat(got.distribution().status()).isEqualTo("Deployed");
    assertThat(got.eTag()).isEqualTo(created.eTag());
  }

  @Test
  void getDistributionConfig_fillsAwsDefaults() {
    var d = create(config().build()).distribution();
    var c = cf.getDistributionConfig(r -> r.id(d.id())).distributionConfig();
    assertThat(c.priceClassAsString()).isEqualTo("PriceClass_All");
    assertThat(c.httpVersionAsString()).isEqualTo("http2");
    assertThat(c.isIPV6Enabled()).isTrue();
    assertThat(c.webACLId()).isEmpty();
    assertThat(c.aliases().quantity()).isZero();
    assertThat(c.viewerCertificate().cloudFrontDefaultCertificate()).isTrue();
    assertThat(c.defaultCacheBehavior().allowedMethods().itemsAsStrings()).containsExactly("HEAD", "GET");
    var o = c.origins().items().get(0);
    assertThat(o.connectionAttempts()).isEqualTo(3);
    assertThat(o.connectionTimeout()).isEqualTo(10);
    assertThat(o.customOriginConfig().originReadTimeout()).isEqualTo(30);
    assertThat(o.customOriginConfig().originKeepaliveTimeout()).isEqualTo(5);
  }

  @Test
  void createDistribution_legacyForwardedValues_getsAwsTtlDefaults() {
    var d = create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1").viewerProtocolPolicy("allow-all")
        .forwardedValues(f -> f.queryString(false).cookies(k -> k.forward("none"))).minTTL(0L)))).distribution();
    var dcb = d.distributionConfig().defaultCacheBehavior();
    assertThat(dcb.defaultTTL()).isEqualTo(86400L);
    assertThat(dcb.maxTTL()).isEqualTo(31536000L);
  }

  @Test
  void createDistribution_sameCallerReference_answersTheFirstOrRefuses() {
    var c = config().build();
    var first = create(c).distribution();
    assertThat(create(c).distribution().id()).isEqualTo(first.id());
    assertAwsError(() -> create(c.toBuilder().comment("other").build()), "DistributionAlreadyExists", 409);
  }

  @Test
  void createDistribution_refusals() {
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("nope")
        .viewerProtocolPolicy("allow-all").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))), "NoSuchOrigin", 404);
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId("00000000-0000-0000-0000-000000000000")))),
        "NoSuchCachePolicy", 404);
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
        .originRequestPolicyId("00000000-0000-0000-0000-000000000000")))), "NoSuchOriginRequestPolicy", 404);
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
        .responseHeadersPolicyId("00000000-0000-0000-0000-000000000000")))), "NoSuchResponseHeadersPolicy", 404);
    assertThat(assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all")))), "InvalidArgument", 400)).contains("ForwardedValues");
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1")
        .viewerProtocolPolicy("allow-all").forwardedValues(f -> f.queryString(false).cookies(k -> k.forward("none")))
        .minTTL(100L).defaultTTL(10L)))), "InvalidTTLOrder", 400);
    assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(2).items("a.example.com")))),
        "InconsistentQuantities", 400);
    assertAwsError(() -> create(config(b -> b.defaultRootObject("/index.html"))), "InvalidDefaultRootObject", 400);
    assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("origin.example.com"))))), "InvalidOrigin", 400);
    assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("origin.example.com").customOriginConfig(c -> c.httpPort(80).httpsPort(443)
            .originProtocolPolicy("http-only").originReadTimeout(61)))))), "InvalidOriginReadTimeout", 400);
    assertThat(assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("127.0.0.1").customOriginConfig(c -> c.httpPort(80).httpsPort(443)
            .originProtocolPolicy("http-only")))))), "InvalidArgument", 400)).isEqualTo("The parameter origin name must be a domain name.");
    assertThat(assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("https://origin.example.com").customOriginConfig(c -> c.httpPort(80).httpsPort(443)
            .originProtocolPolicy("http-only")))))), "InvalidArgument", 400)).isEqualTo("The parameter origin name cannot contain a colon.");
    assertThat(assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("site.s3-website-us-east-1.amazonaws.com").s3OriginConfig(c -> c.originAccessIdentity("")))))),
        "InvalidArgument", 400)).isEqualTo("The parameter Origin DomainName does not refer to a valid S3 bucket.");
    assertAwsError(() -> create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("localhost").customOriginConfig(c -> c.httpPort(81).httpsPort(443)
            .originProtocolPolicy("http-only")))))), "InvalidArgument", 400);
    assertThat(create(config(b -> b.origins(o -> o.quantity(1).items(i -> i.id("o1")
        .domainName("localhost").customOriginConfig(c -> c.httpPort(8080).httpsPort(8443)
            .originProtocolPolicy("http-only")))))).distribution().status()).isEqualTo("InProgress");
  }

  @Test
  void geoRestrictionsAndLambdaAssociations_refusals() {
    assertAwsError(() -> create(config(b -> b.restrictions(r -> r.geoRestriction(g -> g.restrictionType("whitelist")
        .quantity(1).items("XX"))))), "InvalidLocationCode", 400);
    assertAwsError(() -> create(config(b -> b.restrictions(r -> r.geoRestriction(g -> g.restrictionType("blacklist")
        .quantity(0))))), "InvalidGeoRestrictionParameter", 400);
    var d = create(config(b -> b.restrictions(r -> r.geoRestriction(g -> g.restrictionType("whitelist").quantity(2)
        .items("AU", "JP"))))).distribution();
    assertThat(d.distributionConfig().restrictions().geoRestriction().items()).containsExactly("AU", "JP");
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1").viewerProtocolPolicy("allow-all")
        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").lambdaFunctionAssociations(l -> l.quantity(1).items(a -> a
            .eventType("origin-request").lambdaFunctionARN("arn:aws:lambda:us-east-1:000000000000:function:edge:$LATEST")))))),
        "InvalidLambdaFunctionAssociation", 400);
    assertAwsError(() -> create(config(b -> b.defaultCacheBehavior(x -> x.targetOriginId("o1").viewerProtocolPolicy("allow-all")
        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").lambdaFunctionAssociations(l -> l.quantity(1).items(a -> a
            .eventType("origin-request").lambdaFunctionARN("arn:aws:lambda:eu-west-1:000000000000:function:edge:3")))))),
        "InvalidLambdaFunctionAssociation", 400);
  }

  @Test
  void createDistribution_tooManyCacheBehaviors() {
    var behaviors = IntStream.range(0, 26).mapToObj(i -> CacheBehavior.builder().pathPattern("/p" + i + "/*")
        .targetOriginId("o1").viewerProtocolPolicy("allow-all").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")
        .build()).toList();
    assertAwsError(() -> create(config(b -> b.cacheBehaviors(c -> c.quantity(26).items(behaviors)))),
        "TooManyCacheBehaviors", 400);
  }

  @Test
  void orderedCacheBehaviors_keepTheirOrder() {
    var d = create(config(b -> b.cacheBehaviors(c -> c.quantity(2).items(
        CacheBehavior.builder().pathPattern("images/*").targetOriginId("o1").viewerProtocolPolicy("allow-all")
            .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad").build(),
        CacheBehavior.builder().pathPattern("images/*.jpg").targetOriginId("o1").viewerProtocolPolicy("https-only")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").build())))).distribution();
    var got = cf.getDistributionConfig(r -> r.id(d.id())).distributionConfig().cacheBehaviors().items();
    assertThat(got).extracting(CacheBehavior::pathPattern).containsExactly("images/*", "images/*.jpg");
  }

  @Test
  void customErrorResponses_validatedAndDefaulted() {
    var d = create(config(b -> b.customErrorResponses(e -> e.quantity(1).items(x -> x.errorCode(404)
        .responsePagePath("/404.html").responseCode("200"))))).distribution();
    var e = d.distributionConfig().customErrorResponses().items().get(0);
    assertThat(e.errorCachingMinTTL()).isEqualTo(10L);
    assertAwsError(() -> create(config(b -> b.customErrorResponses(x -> x.quantity(1).items(y -> y.errorCode(302))))),
        "InvalidErrorCode", 400);
    assertAwsError(() -> create(config(b -> b.customErrorResponses(x -> x.quantity(1).items(y -> y.errorCode(404)
        .responsePagePath("404.html").responseCode("200"))))), "InvalidRelativePath", 400);
    assertAwsError(() -> create(config(b -> b.customErrorResponses(x -> x.quantity(1).items(y -> y.errorCode(404)
        .responseCode("200"))))), "InvalidResponseCode", 400);
  }

  @Test
  void originGroups_s3OriginWithOac() {
    var oac = cf.createOriginAccessControl(r -> r.originAccessControlConfig(c -> c.name("oac-groups")
        .signingProtocol("sigv4").signingBehavior("always").originAccessControlOriginType("s3"))).originAccessControl();
    var config = config(b -> b
        .origins(o -> o.quantity(2).items(
            x -> x.id("s3").domainName("bucket.s3.us-east-1.amazonaws.com").originAccessControlId(oac.id())
                .s3OriginConfig(s -> s.originAccessIdentity("")),
            x -> x.id("o1").domainName("origin.example.com")
                .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
        .originGroups(g -> g.quantity(1).items(x -> x.id("group").failoverCriteria(f -> f.statusCodes(s -> s.quantity(2)
            .items(500, 503))).members(m -> m.quantity(2).items(y -> y.originId("s3"), y -> y.originId("o1")))))
        .defaultCacheBehavior(x -> x.targetOriginId("group").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")));
    var d = create(config).distribution();
    assertThat(d.distributionConfig().originGroups().items().get(0).id()).isEqualTo("group");
    assertThat(d.distributionConfig().origins().items().get(0).originAccessControlId()).isEqualTo(oac.id());

    assertAwsError(() -> create(config.toBuilder().callerReference("bad-oac").origins(o -> o.quantity(1).items(x -> x
        .id("s3").domainName("bucket.s3.us-east-1.amazonaws.com").originAccessControlId("E0000000000000")
        .s3OriginConfig(s -> s.originAccessIdentity("")))).originGroups(g -> g.quantity(0))
        .defaultCacheBehavior(x -> x.targetOriginId("s3").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")).build()), "InvalidOriginAccessControl", 400);
    assertAwsError(() -> create(config.toBuilder().callerReference("bad-methods")
        .defaultCacheBehavior(x -> x.targetOriginId("group").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").allowedMethods(m -> m.quantity(7)
                .itemsWithStrings("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
                .cachedMethods(c -> c.quantity(2).itemsWithStrings("GET", "HEAD")))).build()),
        "InvalidArgument", 400);
    assertAwsError(() -> create(config.toBuilder().callerReference("bad-code").originGroups(g -> g.quantity(1)
        .items(x -> x.id("group").failoverCriteria(f -> f.statusCodes(s -> s.quantity(1).items(501)))
            .members(m -> m.quantity(2).items(y -> y.originId("s3"), y -> y.originId("o1"))))).build()),
        "InvalidArgument", 400);
    assertAwsError(() -> create(config.toBuilder().callerReference("oac-on-custom").origins(o -> o.quantity(1).items(x -> x
        .id("o1").domainName("origin.example.com").originAccessControlId(oac.id())
        .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
        .originGroups(g -> g.quantity(0)).defaultCacheBehavior(x -> x.targetOriginId("o1").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")).build()), "InvalidDomainNameForOriginAccessControl", 400);
    assertAwsError(() -> cf.deleteOriginAccessControl(r -> r.id(oac.id()).ifMatch(
        cf.getOriginAccessControl(g -> g.id(oac.id())).eTag())), "OriginAccessControlInUse", 409);
  }

  @Test
  void aliases_needAnAcmCertificateInUsEast1ThatCoversThem() {
    assertThat(assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(1).items("www.example.com")))),
        "InvalidViewerCertificate", 400)).contains("you must attach a trusted certificate");
    assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(1).items("www.example.com"))
        .viewerCertificate(v -> v.acmCertificateArn("arn:aws:acm:us-east-1:000000000000:certificate/missing")
            .sslSupportMethod("sni-only")))), "InvalidViewerCertificate", 400);
    String euArn = t.certificate("eu-west-1", "www.example.com");
    assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(1).items("www.example.com"))
        .viewerCertificate(v -> v.acmCertificateArn(euArn).sslSupportMethod("sni-only")))), "InvalidViewerCertificate", 400);
    String arn = t.certificate("us-east-1", "*.alias.example", "alias.example");
    assertThat(assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(1).items("www.other.example"))
        .viewerCertificate(v -> v.acmCertificateArn(arn).sslSupportMethod("sni-only")))), "InvalidViewerCertificate", 400))
        .contains("doesn't cover");

    var d = create(config(b -> b.aliases(a -> a.quantity(2).items("www.alias.example", "alias.example"))
        .viewerCertificate(v -> v.acmCertificateArn(arn).sslSupportMethod("sni-only")
            .minimumProtocolVersion("TLSv1.2_2021")))).distribution();
    assertThat(d.distributionConfig().viewerCertificate().certificateSourceAsString()).isEqualTo("acm");
    assertThat(d.aliasICPRecordals()).extracting(a -> a.cname() + " " + a.icpRecordalStatusAsString())
        .containsExactly("www.alias.example APPROVED", "alias.example APPROVED");
    assertAwsError(() -> create(config(b -> b.aliases(a -> a.quantity(1).items("www.alias.example"))
        .viewerCertificate(v -> v.acmCertificateArn(arn).sslSupportMethod("sni-only")))), "CNAMEAlreadyExists", 409);
  }

  @Test
  void webAclId_mustBeACloudFrontScopeAcl_andListsByIt() {
    String global = "arn:aws:wafv2:us-east-1:000000000000:global/webacl/edge/473e64fd-f30b-4765-81a0-62ad96dd167a";
    assertAwsError(() -> create(config(b -> b.webACLId(
        "arn:aws:wafv2:us-east-1:000000000000:regional/webacl/alb/473e64fd-f30b-4765-81a0-62ad96dd167a"))),
        "InvalidWebACLId", 400);
    var d = create(config(b -> b.webACLId(global).priceClass("PriceClass_100"))).distribution();
    assertThat(d.distributionConfig().priceClassAsString()).isEqualTo("PriceClass_100");
    var list = cf.listDistributionsByWebACLId(r -> r.webACLId(global)).distributionList();
    assertThat(list.items()).extracting(s -> s.id()).containsExactly(d.id());
  }

  @Test
  void updateDistribution_ifMatch_andIllegalUpdate() {
    var created = create(config().build());
    var d = created.distribution();
    var c = d.distributionConfig();
    assertAwsError(() -> cf.updateDistribution(r -> r.id(d.id()).distributionConfig(c)), "InvalidIfMatchVersion", 400);
    assertAwsError(() -> cf.updateDistribution(r -> r.id(d.id()).ifMatch("E0WRONG0000000").distributionConfig(c)),
        "PreconditionFailed", 412);
    assertAwsError(() -> cf.updateDistribution(r -> r.id(d.id()).ifMatch(created.eTag())
        .distributionConfig(c.toBuilder().callerReference("changed").build())), "IllegalUpdate", 400);
    assertAwsError(() -> cf.updateDistribution(r -> r.id("E0000000000000").ifMatch(created.eTag())
        .distributionConfig(c)), "NoSuchDistribution", 404);

    t.clock.advance(CloudFrontTesting.DEPLOY);
    var updated = cf.updateDistribution(r -> r.id(d.id()).ifMatch(created.eTag())
        .distributionConfig(c.toBuilder().comment("updated").build()));
    assertThat(updated.eTag()).isNotEqualTo(created.eTag());
    assertThat(updated.distribution().status()).isEqualTo("InProgress");
    assertThat(updated.distribution().distributionConfig().comment()).isEqualTo("updated");
    assertAwsError(() -> cf.updateDistribution(r -> r.id(d.id()).ifMatch(created.eTag()).distributionConfig(c)),
        "PreconditionFailed", 412);
  }

  @Test
  void deleteDistribution_onlyOnceDisabledAndDeployed_andTheNameGoes() {
    var created = create(config().build());
    var d = created.distribution();
    var dns = DnsTargetRegistry.in(t.server.context().extensions());
    String localName = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
    assertThat(dns.find(localName)).isPresent();

    assertAwsError(() -> cf.deleteDistribution(r -> r.id(d.id())), "InvalidIfMatchVersion", 400);
    assertAwsError(() -> cf.deleteDistribution(r -> r.id(d.id()).ifMatch("E0WRONG0000000")), "PreconditionFailed", 412);
    assertAwsError(() -> cf.deleteDistribution(r -> r.id(d.id()).ifMatch(created.eTag())), "DistributionNotDisabled", 409);
    var disabled = cf.updateDistribution(r -> r.id(d.id()).ifMatch(created.eTag())
        .distributionConfig(d.distributionConfig().toBuilder().enabled(false).build()));
    assertAwsError(() -> cf.deleteDistribution(r -> r.id(d.id()).ifMatch(disabled.eTag())), "DistributionNotDisabled", 409);

    t.clock.advance(CloudFrontTesting.DEPLOY);
    cf.deleteDistribution(r -> r.id(d.id()).ifMatch(disabled.eTag()));
    assertAwsError(() -> cf.getDistribution(r -> r.id(d.id())), "NoSuchDistribution", 404);
    assertThat(dns.find(localName)).isEmpty();
  }

  @Test
  void restart_registersEveryStoredDistributionsName() throws Exception {
    var d = create(config().build()).distribution();
    var ctx = t.server.context();
    var fresh = new dev.stratus.core.Extensions();
    new CloudFrontModule().start(new dev.stratus.core.StratusContext(ctx.store(), t.clock, ctx.settings(), fresh));
    assertThat(DnsTargetRegistry.in(fresh).find(d.domainName().replace(".net", ".localhost"))).isPresent();
  }

  @Test
  void listDistributions_pagesWithMarker() {
    for (int i = 0; i < 3; i++) create(config().build());
    var first = cf.listDistributions(r -> r.maxItems("2")).distributionList();
    assertThat(first.quantity()).isEqualTo(2);
    assertThat(first.isTruncated()).isTrue();
    var next = cf.listDistributions(r -> r.marker(first.nextMarker()).maxItems("2")).distributionList();
    assertThat(next.items().get(0).id()).isEqualTo(first.nextMarker());
    assertThat(first.items().get(0).defaultCacheBehavior().targetOriginId()).isEqualTo("o1");
  }

  @Test
  void tags_createWithTags_tag_untag_list() {
    var d = cf.createDistributionWithTags(r -> r.distributionConfigWithTags(w -> w.distributionConfig(config().build())
        .tags(tags -> tags.items(Tag.builder().key("env").value("test").build())))).distribution();
    cf.tagResource(r -> r.resource(d.arn()).tags(tags -> tags.items(Tag.builder().key("team").value("edge").build())));
    var listed = cf.listTagsForResource(r -> r.resource(d.arn())).tags().items();
    assertThat(listed).extracting(Tag::key).containsExactly("env", "team");
    cf.untagResource(r -> r.resource(d.arn()).tagKeys(k -> k.items("env")));
    assertThat(cf.listTagsForResource(r -> r.resource(d.arn())).tags().items()).extracting(Tag::key)
        .containsExactly("team");
    assertAwsError(() -> cf.listTagsForResource(r -> r.resource("arn:aws:cloudfront::000000000000:distribution/E0000000000000")),
        "NoSuchResource", 404);
    var tooMany = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    assertAwsError(() -> cf.tagResource(r -> r.resource(d.arn()).tags(tags -> tags.items(tooMany))), "InvalidTagging", 400);
  }

  @Test
  void cloudFrontView_readsTheCurrentConfigForTheEdge() {
    var d = create(config().build()).distribution();
    var view = new CloudFrontView(t.server.context().store(), t.clock);
    var deployed = view.distribution(d.id()).orElseThrow();
    assertThat(deployed.config().defaultCacheBehavior().cachePolicyId()).isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
    assertThat(deployed.localDomainName()).endsWith(".cloudfront.localhost");
    assertThat(view.cachePolicy("658327ea-f89d-4fab-a63d-7e88639e58f6").orElseThrow().minTTL()).isEqualTo(1L);
    assertThat(view.originRequestPolicy("216adef6-5c7f-47e4-b989-5492eafa07d3").orElseThrow().name()).isEqualTo("AllViewer");
    t.clock.advance(Duration.ofSeconds(1));
  }
}
