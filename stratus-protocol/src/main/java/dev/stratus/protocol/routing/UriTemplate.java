package dev.stratus.protocol.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST operation's request URI template from the SDK binding, e.g.
 * {@code /2013-04-01/hostedzone/{Id}/rrset/} or {@code /{Bucket}/{Key+}?uploads}: literal and
 * label path segments (a {@code +} label is greedy and spans slashes) and optional query-string
 * constraints that must be present (with the given value, if any).
 *
 * <p>Specificity orders candidates: more literal segments first, then more query constraints,
 * then fewer greedy labels, so {@code /hostedzone/{Id}/rrset} beats {@code /hostedzone/{Id}}.
 */
public final class UriTemplate {
  private record Segment(String literal, String label, boolean greedy) {}

  private final String source;
  private final List<Segment> segments = new ArrayList<>();
  private final Map<String, String> queryConstraints = new LinkedHashMap<>();
  private final int specificity;

  public UriTemplate(String template) {
    this.source = template;
    int q = template.indexOf('?');
    String path = q < 0 ? template : template.substring(0, q);
    if (q >= 0) {
      for (String part : template.substring(q + 1).split("&")) {
        if (part.isEmpty()) continue;
        int eq = part.indexOf('=');
        queryConstraints.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
      }
    }
    int literals = 0;
    int greedy = 0;
    for (String s : splitPath(path)) {
      if (s.startsWith("{") && s.endsWith("}")) {
        boolean g = s.endsWith("+}");
        segments.add(new Segment(null, s.substring(1, s.length() - (g ? 2 : 1)), g));
        greedy += g ? 1 : 0;
      } else {
        segments.add(new Segment(s, null, false));
        literals++;
      }
    }
    this.specificity = literals * 1000 + queryConstraints.size() * 10 - greedy;
  }

  public int specificity() { return specificity; }

  /** The labels bound by matching {@code path} (raw, percent-encoded) and its query, if it matches. */
  public Optional<Map<String, String>> match(String path, Map<String, List<String>> query) {
    for (Map.Entry<String, String> c : queryConstraints.entrySet()) {
      List<String> values = query.get(c.getKey());
      if (values == null || (c.getValue() != null && !values.contains(c.getValue()))) return Optional.empty();
    }
    List<String> parts = splitPath(path);
    Map<String, String> labels = new LinkedHashMap<>();
    int i = 0;
    for (int s = 0; s < segments.size(); s++) {
      Segment seg = segments.get(s);
      if (seg.greedy) {
        int rest = segments.size() - s - 1;
        int end = parts.size() - rest;
        if (end <= i) return Optional.empty();
        labels.put(seg.label, decode(String.join("/", parts.subList(i, end))));
        i = end;
        continue;
      }
      if (i >= parts.size()) return Optional.empty();
      String part = parts.get(i++);
      if (seg.literal != null) {
        if (!seg.literal.equals(part)) return Optional.empty();
      } else {
        if (part.isEmpty()) return Optional.empty();
        labels.put(seg.label, decode(part));
      }
    }
    return i == parts.size() ? Optional.of(labels) : Optional.empty();
  }

  private static List<String> splitPath(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override public String toString() { return source; }
}
