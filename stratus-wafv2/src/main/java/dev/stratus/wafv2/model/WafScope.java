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
}
