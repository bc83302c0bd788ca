package dev.stratus.elbv2.model;

import dev.stratus.core.net.Cidr;
import java.util.List;
import java.util.Map;

/**
 * Whether a request meets a rule's conditions (elbv2.md §3–7): every condition (AND), any of a
 * condition's values (OR). Host, header and query compare case-insensitively; path and method
 * case-sensitively; source-ip is the immediate peer.
 */
public final class RuleMatcher {
  private RuleMatcher() {}

  public static boolean matches(List<Condition> conditions, RequestView request) {
    for (Condition c : conditions) {
      if (!matches(c, request)) return false;
    }
    return true;
  }

  public static boolean matches(Condition c, RequestView r) {
    return switch (c.field()) {
      case "host-header" -> r.host() != null && anyMatches(c.values(), r.host(), true);
      case "path-pattern" -> r.path() != null && anyMatches(c.values(), r.path(), false);
      case "http-request-method" -> c.values().contains(r.method());
      case "source-ip" -> r.sourceIp() != null && c.values().stream()
          .anyMatch(v -> Cidr.tryParse(v).map(cidr -> cidr.containsAddress(r.sourceIp())).orElse(false));
      case "http-header" -> r.header(c.headerName()).stream()
          .anyMatch(h -> c.values().stream().anyMatch(v -> Wildcards.matches(v, h, true)));
      case "query-string" -> c.queryValues().stream().anyMatch(q -> queryMatches(q, r.query()));
      default -> false;
    };
  }

  /** Loops, not streams: host and path are the conditions nearly every request meets. */
  private static boolean anyMatches(List<String> patterns, String text, boolean ignoreCase) {
    for (String p : patterns) {
      if (Wildcards.matches(p, text, ignoreCase)) return true;
    }
    return false;
  }

  private static boolean queryMatches(Condition.QueryValue q, Map<String, List<String>> query) {
    for (var e : query.entrySet()) {
      if (q.key() != null && !Wildcards.matches(q.key(), e.getKey(), true)) continue;
      for (String v : e.getValue()) {
        if (Wildcards.matches(q.value(), v, true)) return true;
      }
    }
    return false;
  }
}
