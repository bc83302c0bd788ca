package dev.stratus.wafv2.engine;

import java.util.Locale;
import software.amazon.awssdk.services.wafv2.model.AssociationConfig;
import software.amazon.awssdk.services.wafv2.model.RequestBodyAssociatedResourceTypeConfig;

/**
 * How much of a request WAF inspects on the associated resource (wafv2.md §10): body and JSON body
 * the first 8 KB on ALB (fixed), 16 KB by default on CloudFront / API Gateway, configurable up to
 * 64 KB through the web ACL's AssociationConfig. Headers and cookies: first 8 KB and 200 entries.
 */
public record InspectionLimits(int bodyBytes) {
  public static final int HEADER_BYTES = 8 * 1024;
  public static final int HEADER_COUNT = 200;
  public static final int COOKIE_BYTES = 8 * 1024;
  public static final int COOKIE_COUNT = 200;

  /** Application Load Balancer (and AppSync): 8 KB, not configurable. */
  public static final InspectionLimits ALB = new InspectionLimits(8 * 1024);
  /** CloudFront, API Gateway, Cognito, App Runner, Verified Access default: 16 KB. */
  public static final InspectionLimits DEFAULT_16_KB = new InspectionLimits(16 * 1024);

  public InspectionLimits {
    if (bodyBytes <= 0 || bodyBytes > 64 * 1024) throw new IllegalArgumentException("body limit " + bodyBytes);
  }

  /**
   * The limits for a resource type as AssociationConfig names them ({@code CLOUDFRONT},
   * {@code API_GATEWAY}, {@code COGNITO_USER_POOL}, {@code APP_RUNNER_SERVICE},
   * {@code VERIFIED_ACCESS_INSTANCE}) or {@code APPLICATION_LOAD_BALANCER} for an ALB.
   */
  public static InspectionLimits forResource(String resourceType, AssociationConfig config) {
    String type = resourceType.toUpperCase(Locale.ROOT);
    if (type.equals("APPLICATION_LOAD_BALANCER") || type.equals("ALB") || type.equals("APPSYNC")) return ALB;
    if (config != null && config.hasRequestBody()) {
      for (var e : config.requestBodyAsStrings().entrySet()) {
        if (e.getKey().equalsIgnoreCase(type)) return fromSizeLimit(e.getValue());
      }
    }
    return DEFAULT_16_KB;
  }

  private static InspectionLimits fromSizeLimit(RequestBodyAssociatedResourceTypeConfig c) {
    String limit = c.defaultSizeInspectionLimitAsString();
    if (limit == null) return DEFAULT_16_KB;
    return switch (limit) {
      case "KB_32" -> new InspectionLimits(32 * 1024);
      case "KB_48" -> new InspectionLimits(48 * 1024);
      case "KB_64" -> new InspectionLimits(64 * 1024);
      default -> DEFAULT_16_KB;
    };
  }
}
