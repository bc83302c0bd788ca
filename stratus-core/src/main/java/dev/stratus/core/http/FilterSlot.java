package dev.stratus.core.http;

/** The named places in an HTTP data plane's filter chain, in the order they run. */
public enum FilterSlot {
  /** AWS WAF web ACL associated with the resource (runs first, as on AWS). */
  WAF,
  /** Authorisation: API Gateway authorisers, ALB authenticate actions. */
  AUTH,
  /** Throttling: API Gateway usage plans and stage limits. */
  THROTTLE
}
