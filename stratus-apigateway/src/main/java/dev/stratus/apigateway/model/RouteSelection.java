package dev.stratus.apigateway.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route selection (apigateway.md §3), compiled once per served API: (1) a route whose
 * path matches without a greedy variable, the most literal one first, a specific method before
 * ANY; (2) a greedy {@code {proxy+}} route, the longest prefix first; (3) {@code $default}.
 * Query strings play no part. Nothing matching is an empty result (the caller answers 404).
 */
public final class RouteSelection {
  /** The chosen route and its path parameters. */
  public record Selected(Api.Route route, Map<String, String> pathParameters) {}

  private record Compiled(Api.Route route, String method, List<String> segments, boolean greedy) {}

  private final List<Compiled> routes = new ArrayList<>();
  private final Api.Route defaultRoute;

  private RouteSelection(Api api) {
    Api.Route fallback = null;
    for (Api.Route r : api.routes().values()) {
      if (r.routeKey().equals("$default")) {
        fallback = r;
        continue;
      }
      int space = r.routeKey().indexOf(' ');
      if (space < 0) continue; // WebSocket keys ($connect, custom) never match HTTP requests
      String method = r.routeKey().substring(0, space);
      List<String> segments = segments(r.routeKey().substring(space + 1));
      boolean greedy = !segments.isEmpty() && segments.getLast().endsWith("+}");
      routes.add(new Compiled(r, method, segments, greedy));
    }
    this.defaultRoute = fallback;
  }

  public static RouteSelection of(Api api) { return new RouteSelection(api); }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  /** The route for {@code method} on {@code path} (after the stage prefix, still URL-encoded). */
  public Optional<Selected> select(String method, String path) {
    List<String> request = new ArrayList<>();
    for (String s : segments(path)) request.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
    Selected best = null;
    Compiled bestRoute = null;
    for (Compiled c : routes) {
      if (!c.method().equals(method) && !c.method().equals("ANY")) continue;
      Map<String, String> params = match(c, request);
      if (params == null) continue;
      if (bestRoute == null || PRECEDENCE.compare(c, bestRoute) < 0) {
        bestRoute = c;
        best = new Selected(c.route(), params);
      }
    }
    if (best != null) return Optional.of(best);
    return defaultRoute == null ? Optional.empty() : Optional.of(new Selected(defaultRoute, Map.of()));
  }

  private static Map<String, String> match(Compiled c, List<String> request) {
    Map<String, String> params = new LinkedHashMap<>();
    int fixed = c.greedy() ? c.segments().size() - 1 : c.segments().size();
    if (c.greedy() ? request.size() <= fixed : request.size() != fixed) return null;
    for (int i = 0; i < fixed; i++) {
      String s = c.segments().get(i);
      if (s.startsWith("{")) params.put(s.substring(1, s.length() - 1), request.get(i));
      else if (!s.equals(request.get(i))) return null;
    }
    if (c.greedy()) {
      String g = c.segments().getLast();
      params.put(g.substring(1, g.length() - 2), String.join("/", request.subList(fixed, request.size())));
    }
    return params;
  }

  /** Non-greedy before greedy; then literal segments before variables, left to right; longer greedy prefixes first; a method before ANY. */
  private static final Comparator<Compiled> PRECEDENCE = Comparator.<Compiled, Boolean>comparing(Compiled::greedy)
      .thenComparing((a, b) -> {
        int n = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < n; i++) {
          boolean av = a.segments().get(i).startsWith("{"), bv = b.segments().get(i).startsWith("{");
          if (av != bv) return av ? 1 : -1;
        }
        return Integer.compare(b.segments().size(), a.segments().size());
      })
      .thenComparing(c -> c.method().equals("ANY"));
}
