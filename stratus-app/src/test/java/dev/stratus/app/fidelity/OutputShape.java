package dev.stratus.app.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The key paths of a CLI JSON output ({@code Vpc.CidrBlockAssociationSet[].CidrBlockState.State})
 * with the values found at each, and the comparison of AWS's example output with Stratus's: every
 * path of the example must be in Stratus's output with the same JSON type, and where the example's
 * value is a constant (a boolean, one of the model's enum values, or an id the test substituted)
 * Stratus must show that value at that path (for paths under a list: in at least one element).
 */
final class OutputShape {
  private final Map<String, List<JsonNode>> paths = new LinkedHashMap<>();

  OutputShape(JsonNode root) { walk("", root); }

  private void walk(String path, JsonNode node) {
    paths.computeIfAbsent(path, k -> new ArrayList<>()).add(node);
    if (node.isObject()) {
      node.properties().forEach(p -> walk(path.isEmpty() ? p.getKey() : path + "." + p.getKey(), p.getValue()));
    } else if (node.isArray()) {
      for (JsonNode e : node) walk(path + "[]", e);
    }
  }

  /** One difference: the path, its kind (missing, type, value) and what each side shows. */
  record Difference(String path, String kind, String detail) {}

  /**
   * The differences of {@code actual} from this (AWS's example). {@code enums} are the strings
   * compared by value; {@code ids} maps the example's ids to the test's own.
   */
  List<Difference> differences(OutputShape actual, Set<String> enums, UnaryOperator<String> ids) {
    List<Difference> out = new ArrayList<>();
    for (var e : paths.entrySet()) {
      String path = e.getKey();
      if (path.isEmpty()) continue;
      List<JsonNode> found = actual.paths.get(path);
      if (found == null) {
        if (!underEmptyList(actual, path)) out.add(new Difference(path, "missing", "AWS shows " + brief(e.getValue())));
        continue;
      }
      String type = type(e.getValue().getFirst());
      if (found.stream().noneMatch(n -> type(n).equals(type))) {
        out.add(new Difference(path, "type", "AWS " + type + ", Stratus " + type(found.getFirst())));
        continue;
      }
      List<String> constants = new ArrayList<>();
      for (JsonNode v : e.getValue()) {
        if (v.isBoolean()) constants.add(v.asString());
        else if (v.isString() && enums.contains(v.asString())) constants.add(v.asString());
        else if (v.isString() && !ids.apply(v.asString()).equals(v.asString())) constants.add(ids.apply(v.asString()));
      }
      if (constants.isEmpty()) continue;
      List<String> shown = found.stream().filter(n -> n.isValueNode()).map(JsonNode::asString).toList();
      if (constants.stream().noneMatch(shown::contains)) {
        out.add(new Difference(path, "value", "AWS " + constants.stream().distinct().toList() + ", Stratus "
            + shown.stream().distinct().limit(5).toList()));
      }
    }
    return out;
  }

  /**
   * The keys {@code actual} (Stratus's) shows beyond this (AWS's example): paths ending in a key
   * whose parent the example shows, the topmost of each subtree only.
   */
  List<Difference> extras(OutputShape actual) {
    List<Difference> out = new ArrayList<>();
    for (var e : actual.paths.entrySet()) {
      String path = e.getKey();
      if (path.isEmpty() || path.endsWith("[]") || paths.containsKey(path)) continue;
      int dot = path.lastIndexOf('.');
      String parent = dot < 0 ? "" : path.substring(0, dot);
      if (paths.containsKey(parent)) out.add(new Difference(path, "extra", "Stratus shows " + brief(e.getValue())));
    }
    return out;
  }

  /** A path whose list ancestor Stratus shows, but empty: nothing below it to compare. */
  private static boolean underEmptyList(OutputShape actual, String path) {
    for (int i = path.lastIndexOf("[]"); i > 0; i = path.lastIndexOf("[]", i - 1)) {
      List<JsonNode> lists = actual.paths.get(path.substring(0, i));
      if (lists != null) return lists.stream().allMatch(n -> n.isArray() && n.isEmpty());
    }
    return false;
  }

  private static String type(JsonNode n) {
    if (n.isObject()) return "object";
    if (n.isArray()) return "array";
    if (n.isString()) return "string";
    if (n.isNumber()) return "number";
    if (n.isBoolean()) return "boolean";
    return "null";
  }

  private static String brief(List<JsonNode> values) {
    String s = values.getFirst().toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
