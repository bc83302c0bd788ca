package dev.stratus.cloudfront.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyCookiesConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyQueryStringsConfig;
import software.amazon.awssdk.services.cloudfront.model.CookieNames;
import software.amazon.awssdk.services.cloudfront.model.Headers;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyCookiesConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyQueryStringsConfig;
import software.amazon.awssdk.services.cloudfront.model.ParametersInCacheKeyAndForwardedToOrigin;
import software.amazon.awssdk.services.cloudfront.model.QueryStringNames;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyAccessControlAllowHeaders;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyAccessControlAllowMethods;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyAccessControlAllowOrigins;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyAccessControlExposeHeaders;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyContentTypeOptions;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCorsConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyFrameOptions;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyReferrerPolicy;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyStrictTransportSecurity;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyXSSProtection;

/**
 * AWS's managed cache, origin request and response headers policies, with the ids AWS gives
 * them (Developer Guide "Use managed … policies"). Every account sees them; none can change them.
 */
public final class ManagedPolicies {
  private ManagedPolicies() {}

  public static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  public static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

  /** Managed cache policies by id, in the order AWS lists them. */
  public static final Map<String, CachePolicyConfig> CACHE = new LinkedHashMap<>();
  /** Managed origin request policies by id. */
  public static final Map<String, OriginRequestPolicyConfig> ORIGIN_REQUEST = new LinkedHashMap<>();
  /** Managed response headers policies by id. */
  public static final Map<String, ResponseHeadersPolicyConfig> RESPONSE_HEADERS = new LinkedHashMap<>();

  static {
    cache("4cc15a8a-d715-48a4-82b8-cc0b614638fe", "UseOriginCacheControlHeaders-QueryStrings",
        "Policy for origins that return Cache-Control headers and serve different content based on values present in the query string.",
        0, 0, 31536000, true, true, List.of("host", "origin", "x-http-method-override", "x-http-method", "x-method-override"),
        "all", "all");
    cache("83da9c7e-98b4-4e11-a168-04f0df8e2c65", "UseOriginCacheControlHeaders",
        "Policy for origins that return Cache-Control headers. Query strings are not included in the cache key.",
        0, 0, 31536000, true, true, List.of("host", "origin", "x-http-method-override", "x-http-method", "x-method-override"),
        "all", "none");
    cache("b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "CachingOptimizedForUncompressedObjects",
        "Default policy when compression is disabled", 1, 86400, 31536000, false, false, List.of(), "none", "none");
    cache("2e54312d-136d-493c-8eb9-b001f22f67d2", "Amplify", "Policy for Amplify Origin", 2, 2, 31536000, true, true,
        List.of("Authorization", "CloudFront-Viewer-Country", "Host"), "all", "all");
    cache(CACHING_DISABLED, "CachingDisabled", "Policy with caching disabled", 0, 0, 0, false, false, List.of(),
        "none", "none");
    cache(CACHING_OPTIMIZED, "CachingOptimized", "Policy with caching enabled. Supports Gzip and Brotli compression.",
        1, 86400, 31536000, true, true, List.of(), "none", "none");
    CACHE.put("08627262-05a9-4f76-9ded-b50ca2e3a84f", CachePolicyConfig.builder().name("Elemental-MediaPackage")
        .comment("Policy for Elemental MediaPackage Origin").minTTL(0L).defaultTTL(86400L).maxTTL(31536000L)
        .parametersInCacheKeyAndForwardedToOrigin(p -> p.enableAcceptEncodingGzip(true).enableAcceptEncodingBrotli(false)
            .headersConfig(h -> h.headerBehavior("whitelist").headers(headers(List.of("origin"))))
            .cookiesConfig(c -> c.cookieBehavior("none"))
            .queryStringsConfig(q -> q.queryStringBehavior("whitelist")
                .queryStrings(qs(List.of("aws.manifestfilter", "start", "end", "m")))))
        .build());

    originRequest("216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer",
        "Policy to forward all parameters in viewer requests", "allViewer", List.of(), "all", "all");
    originRequest("33f36d7e-f396-46d9-90e0-52428a34d9dc", "AllViewerAndCloudFrontHeaders-2022-06",
        "Policy to forward all parameters in viewer requests and all CloudFront headers that are generated",
        "allViewerAndWhitelistCloudFront", List.of("CloudFront-Viewer-Address", "CloudFront-Viewer-ASN",
            "CloudFront-Viewer-City", "CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Name",
            "CloudFront-Viewer-Country-Region", "CloudFront-Viewer-Country-Region-Name", "CloudFront-Viewer-Header-Count",
            "CloudFront-Viewer-Header-Order", "CloudFront-Viewer-Http-Version", "CloudFront-Viewer-JA3-Fingerprint",
            "CloudFront-Viewer-Latitude", "CloudFront-Viewer-Longitude", "CloudFront-Viewer-Metro-Code",
            "CloudFront-Viewer-Postal-Code", "CloudFront-Viewer-Time-Zone", "CloudFront-Viewer-TLS",
            "CloudFront-Is-Android-Viewer", "CloudFront-Is-Desktop-Viewer", "CloudFront-Is-IOS-Viewer",
            "CloudFront-Is-Mobile-Viewer", "CloudFront-Is-SmartTV-Viewer", "CloudFront-Is-Tablet-Viewer",
            "CloudFront-Forwarded-Proto"), "all", "all");
    originRequest("b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader",
        "Policy to forward all parameters in viewer requests except for the Host header", "allExcept",
        List.of("host"), "all", "all");
    originRequest("59781a5b-3903-41f3-afcb-af62929ccde1", "CORS-CustomOrigin", "Policy for custom origin with CORS",
        "whitelist", List.of("origin"), "none", "none");
    originRequest("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "CORS-S3Origin", "Policy for S3 origin with CORS",
        "whitelist", List.of("origin", "access-control-request-headers", "access-control-request-method"), "none", "none");
    originRequest("775133bc-15f2-49f9-abea-afb2e0bf67d2", "Elemental-MediaTailor-PersonalizedManifests",
        "Policy for Elemental MediaTailor Personalized Manifests", "whitelist",
        List.of("origin", "access-control-request-headers", "x-forwarded-for", "access-control-request-method",
            "user-agent"), "none", "all");
    originRequest("acba4595-bd28-49b8-b9fe-13317c0390fa", "UserAgentRefererHeaders",
        "Policy for passing User-Agent and Referer headers", "whitelist", List.of("user-agent", "referer"), "none", "all");

    ResponseHeadersPolicyCorsConfig simpleCors = cors(List.of("ALL"), List.of("*"), List.of());
    ResponseHeadersPolicyCorsConfig preflight =
        cors(List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"), List.of("*"), List.of("*"));
    ResponseHeadersPolicySecurityHeadersConfig security = ResponseHeadersPolicySecurityHeadersConfig.builder()
        .referrerPolicy(ResponseHeadersPolicyReferrerPolicy.builder().override(false)
            .referrerPolicy("strict-origin-when-cross-origin").build())
        .strictTransportSecurity(ResponseHeadersPolicyStrictTransportSecurity.builder().override(false)
            .accessControlMaxAgeSec(31536000).includeSubdomains(false).preload(false).build())
        .contentTypeOptions(ResponseHeadersPolicyContentTypeOptions.builder().override(true).build())
        .frameOptions(ResponseHeadersPolicyFrameOptions.builder().override(false).frameOption("SAMEORIGIN").build())
        .xssProtection(ResponseHeadersPolicyXSSProtection.builder().override(false).protection(true).modeBlock(true).build())
        .build();
    responseHeaders("eaab4381-ed33-4a86-88ca-d9558dc6cd63", "CORS-with-preflight-and-SecurityHeadersPolicy",
        "Allows all origins for CORS requests, including preflight requests, and adds security headers", preflight,
        security);
    responseHeaders("60669652-455b-4ae9-85a4-c4c02393f86c", "SimpleCORS", "Allow all origins for simple CORS requests",
        simpleCors, null);
    responseHeaders("5cc3b908-e619-4b99-88e5-2cf7f45965bd", "CORS-With-Preflight",
        "Allows all origins for CORS requests, including preflight requests", preflight, null);
    responseHeaders("e61eb60c-9c35-4d20-a928-2b84e02af89c", "CORS-and-SecurityHeadersPolicy",
        "Allows all origins for simple CORS requests and adds security headers", simpleCors, security);
    responseHeaders("67f7725c-6f97-4210-82d7-5512b31e9d03", "SecurityHeadersPolicy", "Adds a set of security headers to every response",
        null, security);
  }

  private static void cache(String id, String name, String comment, long min, long def, long max, boolean gzip,
      boolean brotli, List<String> headers, String cookies, String queryStrings) {
    CachePolicyHeadersConfig.Builder h = CachePolicyHeadersConfig.builder()
        .headerBehavior(headers.isEmpty() ? "none" : "whitelist");
    if (!headers.isEmpty()) h.headers(headers(headers));
    ParametersInCacheKeyAndForwardedToOrigin params = ParametersInCacheKeyAndForwardedToOrigin.builder()
        .enableAcceptEncodingGzip(gzip).enableAcceptEncodingBrotli(brotli).headersConfig(h.build())
        .cookiesConfig(CachePolicyCookiesConfig.builder().cookieBehavior(cookies).build())
        .queryStringsConfig(CachePolicyQueryStringsConfig.builder().queryStringBehavior(queryStrings).build()).build();
    CACHE.put(id, CachePolicyConfig.builder().name(name).comment(comment).minTTL(min).defaultTTL(def).maxTTL(max)
        .parametersInCacheKeyAndForwardedToOrigin(params).build());
  }

  private static void originRequest(String id, String name, String comment, String headerBehavior,
      List<String> headers, String cookies, String queryStrings) {
    OriginRequestPolicyHeadersConfig.Builder h = OriginRequestPolicyHeadersConfig.builder().headerBehavior(headerBehavior);
    if (!headers.isEmpty()) h.headers(headers(headers));
    ORIGIN_REQUEST.put(id, OriginRequestPolicyConfig.builder().name(name).comment(comment).headersConfig(h.build())
        .cookiesConfig(OriginRequestPolicyCookiesConfig.builder().cookieBehavior(cookies).build())
        .queryStringsConfig(OriginRequestPolicyQueryStringsConfig.builder().queryStringBehavior(queryStrings).build())
        .build());
  }

  private static void responseHeaders(String id, String name, String comment, ResponseHeadersPolicyCorsConfig cors,
      ResponseHeadersPolicySecurityHeadersConfig security) {
    RESPONSE_HEADERS.put(id, ResponseHeadersPolicyConfig.builder().name(name).comment(comment).corsConfig(cors)
        .securityHeadersConfig(security).build());
  }

  private static ResponseHeadersPolicyCorsConfig cors(List<String> methods, List<String> allowHeaders,
      List<String> exposeHeaders) {
    var b = ResponseHeadersPolicyCorsConfig.builder()
        .accessControlAllowOrigins(ResponseHeadersPolicyAccessControlAllowOrigins.builder().quantity(1).items("*").build())
        .accessControlAllowHeaders(ResponseHeadersPolicyAccessControlAllowHeaders.builder()
            .quantity(allowHeaders.size()).items(allowHeaders).build())
        .accessControlAllowMethods(ResponseHeadersPolicyAccessControlAllowMethods.builder()
            .quantity(methods.size()).itemsWithStrings(methods).build())
        .accessControlAllowCredentials(false).originOverride(false);
    if (!exposeHeaders.isEmpty()) {
      b.accessControlExposeHeaders(ResponseHeadersPolicyAccessControlExposeHeaders.builder()
          .quantity(exposeHeaders.size()).items(exposeHeaders).build());
    }
    return b.build();
  }

  static Headers headers(List<String> names) { return Headers.builder().quantity(names.size()).items(names).build(); }

  static QueryStringNames qs(List<String> names) {
    return QueryStringNames.builder().quantity(names.size()).items(names).build();
  }

  static CookieNames cookies(List<String> names) { return CookieNames.builder().quantity(names.size()).items(names).build(); }
}
