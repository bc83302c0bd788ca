package dev.stratus.app;

import dev.stratus.core.Extensions;
import dev.stratus.wafv2.dataplane.WafMetrics;

/**
 * The body of {@code GET /_stratus/metrics}: Stratus's counters in the Prometheus text exposition
 * format, for now AWS WAF's ({@link WafMetrics}: the counts behind AllowedRequests,
 * BlockedRequests, CountedRequests … per web ACL and rule). Scrape it or {@code curl} it.
 */
final class MetricsText {
  static final String PATH = "/_stratus/metrics";

  private MetricsText() {}

  /** The exposition for the services running in {@code extensions}; empty when none counts anything. */
  static String write(Extensions extensions) {
    return extensions.find(WafMetrics.class).map(WafMetrics::prometheus).orElse("");
  }
}
