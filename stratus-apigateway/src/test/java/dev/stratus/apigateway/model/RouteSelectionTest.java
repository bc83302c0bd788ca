package dev.stratus.apigateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP API route selection (apigateway.md §3), on AWS's own example and its edges. */
class RouteSelectionTest {
  static RouteSelection routes(String... keys) {
    Map<String, Api.Route> routes = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      routes.put("r" + i, new Api.Route("r" + i, keys[i], "integrations/i", "NONE", null, List.of(), false));
    }
    return RouteSelection.of(new Api("a", "000000000000", "us-east-1", "t", "HTTP", "$request.method $request.path", null,
        Instant.EPOCH, null, null, routes, Map.of(), Map.of(), null));
  }

  static String select(RouteSelection r, String method, String path) {
    return r.select(method, path).map(s -> s.route().routeKey() + " " + s.pathParameters()).orElse("404");
  }

  @Test
  void select_awsExample_exactThenVariableThenGreedyThenDefault() {
    var r = routes("GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default");
    assertThat(select(r, "GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/1 {}");
    assertThat(select(r, "GET", "/pets/dog/2")).isEqualTo("GET /pets/dog/{id} {id=2}");
    assertThat(select(r, "GET", "/pets/cat/1")).isEqualTo("GET /pets/{proxy+} {proxy=cat/1}");
    assertThat(select(r, "POST", "/test/5")).isEqualTo("ANY /{proxy+} {proxy=test/5}");
    assertThat(select(r, "GET", "/")).isEqualTo("$default {}");
  }

  @Test
  void select_specificMethodBeatsAny_andNothingIs404WithoutDefault() {
    var r = routes("ANY /items", "GET /items");
    assertThat(select(r, "GET", "/items")).isEqualTo("GET /items {}");
    assertThat(select(r, "DELETE", "/items")).isEqualTo("ANY /items {}");
    assertThat(select(r, "GET", "/other")).isEqualTo("404");
  }

  @Test
  void select_longerGreedyPrefixWins() {
    var r = routes("ANY /{proxy+}", "GET /api/{proxy+}");
    assertThat(select(r, "GET", "/api/v1/x")).isEqualTo("GET /api/{proxy+} {proxy=v1/x}");
    assertThat(select(r, "GET", "/web")).isEqualTo("ANY /{proxy+} {proxy=web}");
  }
}
