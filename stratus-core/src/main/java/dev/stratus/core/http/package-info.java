/**
 * How services meet on the HTTP path without Netty (ARCHITECTURE rule 6): a service that inspects
 * requests (WAF, authorisers, throttling) registers an {@link dev.stratus.core.http.HttpFilter}
 * for a resource ARN in a {@link dev.stratus.core.http.FilterSlot}; the HTTP data planes of that
 * resource (ALB, CloudFront, API Gateway) consult the {@link dev.stratus.core.http.HttpFilterRegistry}.
 */
package dev.stratus.core.http;
