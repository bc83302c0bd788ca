package dev.stratus.wafv2.dataplane;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind AWS WAF's CloudWatch metrics, in the Prometheus text exposition format
 * (version 0.0.4), served on the API port as {@code GET /_stratus/metrics}. One counter family:
 *
 * <pre>
 * stratus_waf_requests_total{web_acl="api-waf",web_acl_arn="arn:aws:wafv2:…",rule="ALL",action="BLOCK",metric_name="BlockedRequests"} 3
 * </pre>
 *
 * {@code rule} is a rule of the web ACL, {@code ALL} (every request the web ACL saw) or
 * {@code Default_Action}; {@code metric_name} is AWS's CloudWatch metric (AllowedRequests,
 * BlockedRequests, CountedRequests, CaptchaRequests, ChallengeRequests) and {@code action} its
 * action. A rule that matched with Count counts in CountedRequests although the request went on.
 * Series appear at the first request they count; counters start at zero when Stratus starts.
 */
public final class WafMetrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String FAMILY = "stratus_waf_requests_total";

  private final WafDataPlane plane;

  public WafMetrics(WafDataPlane plane) { this.plane = plane; }

  /** The exposition now: HELP and TYPE lines, then one line per (web ACL, rule, metric), sorted. */
  public String prometheus() {
    StringBuilder out = new StringBuilder()
        .append("# HELP ").append(FAMILY).append(" Requests AWS WAF counted per web ACL and rule, by CloudWatch metric")
        .append(" (AllowedRequests, BlockedRequests, CountedRequests, CaptchaRequests, ChallengeRequests).\n")
        .append("# TYPE ").append(FAMILY).append(" counter\n");
    Map<String, WafStats> byAcl = new TreeMap<>(plane.allStats());
    byAcl.forEach((arn, stats) -> stats.metrics().forEach((rule, metrics) -> metrics.forEach((metric, count) ->
        out.append(FAMILY).append("{web_acl=\"").append(escape(webAclName(arn)))
            .append("\",web_acl_arn=\"").append(escape(arn))
            .append("\",rule=\"").append(escape(rule))
            .append("\",action=\"").append(action(metric))
            .append("\",metric_name=\"").append(metric).append("\"} ").append(count).append('\n'))));
    return out.toString();
  }

  /** {@code arn:aws:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>} → name. */
  static String webAclName(String arn) {
    String[] parts = arn.split("/");
    return parts.length >= 4 ? parts[parts.length - 2] : arn;
  }

  private static String action(String metric) {
    return switch (metric) {
      case "AllowedRequests" -> "ALLOW";
      case "BlockedRequests" -> "BLOCK";
      case "CaptchaRequests" -> "CAPTCHA";
      case "ChallengeRequests" -> "CHALLENGE";
      default -> "COUNT";
    };
  }

  /** Label values escape backslash, double quote and line feed (the exposition format's rule). */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
