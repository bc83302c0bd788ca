package dev.stratus.apigateway.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which resource and method of a deployed REST API serve a request path (apigateway.md §12).
 * Built once per deployment into a tree of path parts; {@link #find} walks it.
 */
/*
 * Precedence at each level, with backtracking: a literal part ("dog") before the variable part
 * ("{id}", one segment) before the greedy part ("{proxy+}", one or more segments). A resource
 * counts only when it has the request's method or ANY (a specific method beats ANY), so
 * GET /pets/dog with only "ANY /pets/{proxy+}" defined falls through to the greedy resource.
 * No match is a result (the caller answers 403 Missing Authentication Token), not an exception.
 */
public final class ResourceMatch {
  private final Node root = new Node(null);

  /** What matched: the resource, its method, and the path parameters ({@code proxy} → {@code a/b}). */
  public record Found(RestApi.Resource resource, RestApi.Method method, Map<String, String> pathParameters) {}

  private static final class Node {
    final RestApi.Resource resource;
    final Map<String, Node> literals = new HashMap<>();
    Node variable;
    String variableName;
    Node greedy;
    String greedyName;

    Node(RestApi.Resource resource) { this.resource = resource; }
  }

  /** The {@code /} resource (the root node carries none, so the tree's nodes stay final). */

  private ResourceMatch() {}

  /** The tree of {@code api}'s resources. */
  public static ResourceMatch of(RestApi api) {
    ResourceMatch m = new ResourceMatch();
    List<RestApi.Resource> byPath = new ArrayList<>(api.resources().values());
    byPath.sort((a, b) -> Integer.compare(depth(a.path()), depth(b.path())));
    Map<String, Node> nodes = new HashMap<>();
    for (RestApi.Resource r : byPath) {
      if (r.path().equals("/")) {
        m.rootResource = r;
        nodes.put(r.id(), m.root);
        continue;
      }
      Node parent = nodes.get(r.parentId());
      if (parent == null) continue;
      Node n = new Node(r);
      String part = r.pathPart();
      if (part.startsWith("{") && part.endsWith("+}")) {
        parent.greedy = n;
        parent.greedyName = part.substring(1, part.length() - 2);
      } else if (part.startsWith("{")) {
        parent.variable = n;
        parent.variableName = part.substring(1, part.length() - 1);
      } else {
        parent.literals.put(part, n);
      }
      nodes.put(r.id(), n);
    }
    return m;
  }

  private RestApi.Resource rootResource;

  private static int depth(String path) { return path.equals("/") ? 0 : path.split("/").length - 1; }

  /**
   * The resource and method for {@code method} on {@code path} (the path after the stage, starting
   * with {@code /}; segments still URL-encoded are decoded here).
   */
  public Optional<Found> find(String method, String path) {
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/")) if (!s.isEmpty()) segments.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
    return walk(root, rootResource, segments, 0, method, new LinkedHashMap<>());
  }

  private Optional<Found> walk(Node node, RestApi.Resource resource, List<String> segments, int i, String method,
      Map<String, String> params) {
    if (i == segments.size()) return methodOf(resource, method, params);
    String seg = segments.get(i);
    Node literal = node.literals.get(seg);
    if (literal != null) {
      var found = walk(literal, literal.resource, segments, i + 1, method, params);
      if (found.isPresent()) return found;
    }
    if (node.variable != null) {
      params.put(node.variableName, seg);
      var found = walk(node.variable, node.variable.resource, segments, i + 1, method, params);
      if (found.isPresent()) return found;
      params.remove(node.variableName);
    }
    if (node.greedy != null) {
      params.put(node.greedyName, String.join("/", segments.subList(i, segments.size())));
      var found = methodOf(node.greedy.resource, method, params);
      if (found.isPresent()) return found;
      params.remove(node.greedyName);
    }
    return Optional.empty();
  }

  private static Optional<Found> methodOf(RestApi.Resource r, String method, Map<String, String> params) {
    if (r == null) return Optional.empty();
    RestApi.Method m = r.methods().get(method);
    if (m == null) m = r.methods().get("ANY");
    return m == null ? Optional.empty() : Optional.of(new Found(r, m, Map.copyOf(params)));
  }
}
