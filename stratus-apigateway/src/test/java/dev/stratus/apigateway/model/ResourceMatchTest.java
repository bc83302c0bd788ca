package dev.stratus.apigateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource selection of REST APIs (apigateway.md §12): literal, then {param}, then {proxy+}, with backtracking. */
class ResourceMatchTest {
  /** An API from lines like {@code "/pets/{id} GET"} (the parent of each path must come first). */
  static RestApi api(String... lines) {
    Map<String, RestApi.Resource> resources = new HashMap<>();
    Map<String, String> idByPath = new HashMap<>();
    resources.put("root", new RestApi.Resource("root", null, null, "/", Map.of()));
    idByPath.put("/", "root");
    for (String line : lines) {
      String[] p = line.split(" ");
      String path = p[0];
      Map<String, RestApi.Method> methods = new HashMap<>();
      for (int i = 1; i < p.length; i++) {
        methods.put(p[i], new RestApi.Method(p[i], "NONE", null, false, null, null, null, null, null, null, null));
      }
      if (path.equals("/")) {
        resources.put("root", new RestApi.Resource("root", null, null, "/", methods));
        continue;
      }
      int slash = path.lastIndexOf('/');
      String parent = slash == 0 ? "/" : path.substring(0, slash);
      String id = "r" + idByPath.size();
      idByPath.put(path, id);
      resources.put(id, new RestApi.Resource(id, idByPath.get(parent), path.substring(slash + 1), path, methods));
    }
    return new RestApi("a", "000000000000", "us-east-1", "t", null, Instant.EPOCH, List.of("REGIONAL"), "HEADER", null,
        null, "root", resources, null, null, null, null, null);
  }

  static String match(ResourceMatch m, String method, String path) {
    return m.find(method, path).map(f -> f.resource().path() + " " + f.method().httpMethod() + " " + f.pathParameters()).orElse("none");
  }

  @Test
  void find_literalBeatsVariableBeatsGreedy() {
    var m = ResourceMatch.of(api("/pets", "/pets/dog GET", "/pets/{id} GET", "/pets/{proxy+} ANY"));
    assertThat(match(m, "GET", "/pets/dog")).isEqualTo("/pets/dog GET {}");
    assertThat(match(m, "GET", "/pets/7")).isEqualTo("/pets/{id} GET {id=7}");
    assertThat(match(m, "GET", "/pets/7/toys")).isEqualTo("/pets/{proxy+} ANY {proxy=7/toys}");
    assertThat(match(m, "POST", "/pets/dog")).isEqualTo("/pets/{proxy+} ANY {proxy=dog}");
  }

  @Test
  void find_noMethodOrNoResource_isEmpty() {
    var m = ResourceMatch.of(api("/pets GET"));
    assertThat(match(m, "POST", "/pets")).isEqualTo("none");
    assertThat(match(m, "GET", "/dogs")).isEqualTo("none");
    assertThat(match(m, "GET", "/")).isEqualTo("none");
  }

  @Test
  void find_rootAndEncodedSegments() {
    var m = ResourceMatch.of(api("/ GET", "/files", "/files/{name} GET"));
    assertThat(match(m, "GET", "/")).isEqualTo("/ GET {}");
    assertThat(match(m, "GET", "/files/a%20b")).isEqualTo("/files/{name} GET {name=a b}");
  }

  @Test
  void find_greedyNeedsAtLeastOneSegment() {
    var m = ResourceMatch.of(api("/{proxy+} ANY"));
    assertThat(match(m, "GET", "/")).isEqualTo("none");
    assertThat(match(m, "GET", "/a/b/c")).isEqualTo("/{proxy+} ANY {proxy=a/b/c}");
  }
}
