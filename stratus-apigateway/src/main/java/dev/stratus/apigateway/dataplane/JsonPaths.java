package dev.stratus.apigateway.dataplane;

import tools.jackson.databind.JsonNode;

/** The JSONPath subset mapping templates use: {@code $}, {@code $.a.b}, {@code $['a']}, {@code $.a[0]}. */
final class JsonPaths {
  private JsonPaths() {}

  /** The node at {@code path}, or null when the path does not lead anywhere. */
  static JsonNode select(JsonNode root, String path) {
    if (path == null || !path.startsWith("$")) return null;
    JsonNode n = root;
    int i = 1;
    while (i < path.length() && n != null) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
        n = n.get(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) return null;
        String key = path.substring(i + 1, end).trim();
        if (key.startsWith("'") || key.startsWith("\"")) n = n.get(key.substring(1, key.length() - 1));
        else {
          try {
            n = n.get(Integer.parseInt(key));
          } catch (NumberFormatException e) {
            return null;
          }
        }
        i = end + 1;
      } else {
        return null;
      }
    }
    return n;
  }
}
