package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exposition's label values: web ACL names from ARNs, and the format's escapes. */
class WafMetricsTest {
  @Test
  void webAclNameIsTheArnsNameSegment() {
    assertThat(WafMetrics.webAclName("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"))
        .isEqualTo("api-waf");
    assertThat(WafMetrics.webAclName("arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge_acl/x")).isEqualTo("edge_acl");
    assertThat(WafMetrics.webAclName("not-an-arn")).isEqualTo("not-an-arn");
  }

  @Test
  void labelValuesEscapeBackslashQuoteAndLineFeed() {
    assertThat(WafMetrics.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    assertThat(WafMetrics.escape("Default_Action")).isEqualTo("Default_Action");
  }
}
