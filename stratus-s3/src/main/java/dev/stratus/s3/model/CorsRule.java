package dev.stratus.s3.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One CORS rule of a bucket (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html).
 * S3 applies the first rule whose origin, method and (for a preflight) every requested header
 * match; an origin or header pattern may hold one {@code *} wildcard, header names compare
 * without case.
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
    List<String> exposeHeaders, Integer maxAgeSeconds) {
  public CorsRule {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedMethods = List.copyOf(allowedMethods);
    allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
    exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
  }

  /** The methods a rule may allow. */
  public static final List<String> METHODS = List.of("GET", "PUT", "HEAD", "POST", "DELETE");

  /** The first rule of {@code rules} allowing {@code origin} to use {@code method} with {@code requestHeaders}. */
  public static Optional<CorsRule> match(List<CorsRule> rules, String origin, String method, List<String> requestHeaders) {
    for (CorsRule r : rules) {
      if (r.allowedOrigins().stream().noneMatch(p -> wildcard(p, origin, false))) continue;
      if (!r.allowedMethods().contains(method)) continue;
      boolean headersOk = requestHeaders.stream().allMatch(h -> r.allowedHeaders().stream().anyMatch(p -> wildcard(p, h, true)));
      if (headersOk) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** Whether the rule allows every origin ({@code *}), which S3 answers with {@code Access-Control-Allow-Origin: *}. */
  public boolean anyOrigin() { return allowedOrigins.contains("*"); }

  static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int star = p.indexOf('*');
    if (star < 0) return p.equals(v);
    String head = p.substring(0, star);
    String tail = p.substring(star + 1);
    return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
  }
}
