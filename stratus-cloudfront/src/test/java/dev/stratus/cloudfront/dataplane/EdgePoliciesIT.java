package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Headers;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyCookiesConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyQueryStringsConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeadersConfig;

/** Cache-key headers, origin request policies (forwarded, not keyed), response headers policies, ranges, viewer revalidation. */
class EdgePoliciesIT {
  static final String ID = "E5POLICIES0001";
  EdgeHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new EdgeHarness();
    var base = EdgeHarness.policy(0, 100, 1000);
    h.source.cachePolicies.put("byVariant", base.toBuilder().parametersInCacheKeyAndForwardedToOrigin(
        base.parametersInCacheKeyAndForwardedToOrigin().toBuilder().headersConfig(CachePolicyHeadersConfig.builder()
            .headerBehavior("whitelist").headers(Headers.builder().quantity(1).items("X-Variant").build()).build()).build())
        .build());
    h.source.originRequestPolicies.put("trace", OriginRequestPolicyConfig.builder().name("trace")
        .headersConfig(OriginRequestPolicyHeadersConfig.builder().headerBehavior("whitelist")
            .headers(Headers.builder().quantity(1).items("X-Trace").build()).build())
        .cookiesConfig(OriginRequestPolicyCookiesConfig.builder().cookieBehavior("none").build())
        .queryStringsConfig(OriginRequestPolicyQueryStringsConfig.builder().queryStringBehavior("all").build()).build());
    h.source.responseHeadersPolicies.put("hsts", ResponseHeadersPolicyConfig.builder().name("hsts")
        .customHeadersConfig(ResponseHeadersPolicyCustomHeadersConfig.builder().quantity(1).items(
            ResponseHeadersPolicyCustomHeader.builder().header("X-Served-By").value("stratus-edge").override(true).build())
            .build()).build());
    h.deploy(ID, h.config("byVariant").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("byVariant").originRequestPolicyId("trace")
        .responseHeadersPolicyId("hsts").build()).build());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void cachePolicyHeadersSplitTheKeyAndOriginRequestPolicyHeadersOnlyTravel() throws Exception {
    h.get(SYDNEY, ID, "/v", "X-Variant", "a", "X-Trace", "t1", "X-Other", "o");
    assertThat(h.get(SYDNEY, ID, "/v", "X-Variant", "a", "X-Trace", "t2").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/v", "X-Variant", "b", "X-Trace", "t3").xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/v?q=1", "X-Variant", "b").xCache()).isEqualTo("Hit from cloudfront"); // query not in key
    var first = h.origin.seen.getFirst();
    assertThat(first.header("X-Variant")).isEqualTo("a");
    assertThat(first.header("X-Trace")).isEqualTo("t1");
    assertThat(first.header("X-Other")).isNull();
    assertThat(h.origin.count("/v")).isEqualTo(2);
  }

  @Test
  void responseHeadersPolicyAddsItsHeaders() throws Exception {
    assertThat(h.get(SYDNEY, ID, "/r").header("x-served-by")).isEqualTo("stratus-edge");
  }

  @Test
  void rangesAreAnsweredFromTheWholeCachedObject() throws Exception {
    h.origin.on("/file.bin", Reply.ok("0123456789", "ETag", "\"f\""));
    var part = h.get(SYDNEY, ID, "/file.bin", "Range", "bytes=2-5");
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("2345");
    assertThat(part.header("content-range")).isEqualTo("bytes 2-5/10");
    var tail = h.get(SYDNEY, ID, "/file.bin", "Range", "bytes=-3");
    assertThat(tail.text()).isEqualTo("789");
    assertThat(tail.xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/file.bin", "Range", "bytes=20-").status()).isEqualTo(416);
    assertThat(h.origin.count("/file.bin")).isEqualTo(1);
    assertThat(h.origin.seen.getFirst().header("Range")).isNull();
  }

  @Test
  void headIsAnsweredFromTheGetCopyAndOptionsIsProxiedUnlessCached() throws Exception {
    h.origin.on("/h", Reply.ok("twelve bytes"));
    var head = new Viewer(SYDNEY).send(h.edgeAddress(), "HEAD", EdgeHarness.host(ID), "/h", "HTTP/1.1", null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).isEqualTo("12");
    assertThat(head.xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/h").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.seen.getFirst().method()).isEqualTo("GET");
    // OPTIONS is not an allowed method of this behavior (GET, HEAD by default)
    assertThat(new Viewer(SYDNEY).send(h.edgeAddress(), "OPTIONS", EdgeHarness.host(ID), "/h", "HTTP/1.1", null).status())
        .isEqualTo(403);
  }

  @Test
  void aViewersMatchingIfNoneMatchGets304FromTheCache() throws Exception {
    h.origin.on("/etag", Reply.ok("body", "ETag", "\"e1\""));
    h.get(SYDNEY, ID, "/etag");
    var r = h.get(SYDNEY, ID, "/etag", "If-None-Match", "\"e1\"");
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/etag")).isEqualTo(1);
  }
}
