/**
 * What data planes ask ACM: {@link dev.stratus.core.acm.Certificates}, provided by the ACM module
 * through {@link dev.stratus.core.Extensions} (ALB and NLB TLS listeners, CloudFront aliases,
 * API Gateway custom domain names).
 */
package dev.stratus.core.acm;
