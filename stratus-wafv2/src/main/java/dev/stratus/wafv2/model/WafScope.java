package dev.stratus.wafv2.model;

/**
 * Where a WAF resource lives: {@code REGIONAL} in the caller's region, or {@code CLOUDFRONT},
 * global but reached only through us-east-1 (wafv2.md §17).
 */
public enum WafScope {
  /** ALB, API Gateway REST, AppSync, Cognito, App Runner, Verified Access: the request's region. */
  REGIONAL,
  /** CloudFront distributions: only through the us-east-1 endpoint. */
  CLOUDFRONT;

  /** The region whose endpoint serves CLOUDFRONT-scope resources. */
  public static final String CLOUDFRONT_REGION = "us-east-1";

  /** Whether a request in {@code region} may address this scope. */
  public boolean reachableFrom(String region) {
    return this == REGIONAL || CLOUDFRONT_REGION.equals(region);
  }

  /** The store scope of this WAF scope's resources for an account and the request's region. */
  public String storeScope(String accountId, String region) {
    return accountId + "/" + (this == CLOUDFRONT ? "global" : region);
  }

  /** The ARN word of this scope: {@code regional} or {@code global}. */
  public String arnWord() { return this == CLOUDFRONT ? "global" : "regional"; }

  /**
   * The store scope of the WAF resource {@code arn}
   * ({@code arn:aws:wafv2:<region>:<account>:<regional|global>/<kind>/<name>/<id>}), or null when
   * it is not a WAF resource ARN.
   */
  public static String storeScopeOfArn(String arn) {
    String[] p = arn == null ? new String[0] : arn.split(":", 6);
    if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("wafv2")) return null;
    String[] path = p[5].split("/");
    if (path.length != 4) return null;
    WafScope scope = switch (path[0]) {
      case "regional" -> REGIONAL;
      case "global" -> CLOUDFRONT;
      default -> null;
    };
    return scope == null ? null : scope.storeScope(p[4], p[3]);
  }
}
