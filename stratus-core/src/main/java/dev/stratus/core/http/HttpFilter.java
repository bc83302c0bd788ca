package dev.stratus.core.http;

/**
 * One request filter (a WAF web ACL, an authoriser, a throttle) for one resource. Runs on an
 * event loop: it must not block (no store reads, no I/O); evaluate precomputed state only.
 * An exception thrown here answers the client 500 and is logged once; return a verdict instead.
 */
@FunctionalInterface
public interface HttpFilter {
  FilterVerdict filter(HttpRequestView request);
}
