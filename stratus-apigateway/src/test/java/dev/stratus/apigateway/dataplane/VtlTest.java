package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** API Gateway's mapping-template dialect (apigateway.md §15). */
class VtlTest {
  static final Vtl.Input INPUT = new Vtl.Input("{\"name\":\"rex\",\"tags\":[\"a\",\"b\"],\"owner\":{\"id\":7}}",
      Map.of("path", Map.of("id", "42"), "querystring", Map.of("id", "q", "sort", "asc"), "header", Map.of("X-Trace", "t1")));

  static String render(String template) {
    return Vtl.render(template, INPUT, Map.of("stage", "prod", "identity", Map.of("sourceIp", "127.0.0.1")), Map.of("v", "blue"));
  }

  @Test
  void input_jsonPathAndParams() {
    assertThat(render("$input.json('$.owner')")).isEqualTo("{\"id\":7}");
    assertThat(render("$input.path('$.owner.id')")).isEqualTo("7");
    assertThat(render("$input.json('$.tags[1]')")).isEqualTo("\"b\"");
    assertThat(render("$input.params('id')")).isEqualTo("42"); // path before query string
    assertThat(render("$input.params('sort') $input.params('x-trace')")).isEqualTo("asc t1");
    assertThat(render("$input.body")).startsWith("{\"name\":\"rex\"");
  }

  @Test
  void util_contextStageVariablesAndForeach() {
    assertThat(render("$util.escapeJavaScript('say \"x\"')")).isEqualTo("say \\\"x\\\"");
    assertThat(render("$util.base64Encode('hi') $util.base64Decode('aGk=') $util.urlEncode('a b')")).isEqualTo("aGk= hi a+b");
    assertThat(render("$context.stage $context.identity.sourceIp $stageVariables.v")).isEqualTo("prod 127.0.0.1 blue");
    assertThat(render("#foreach($t in $input.path('$.tags'))$t#if($foreach.hasNext),#end#end")).isEqualTo("a,b");
    assertThat(render("#set($o = $util.parseJson('{\"k\":1}'))$o.k")).isEqualTo("1");
  }

  @Test
  void foreach_stopsAtAThousand() {
    String out = render("#set($n = 0)#foreach($i in [1..5000])#set($n = $n + 1)#end$n");
    assertThat(out).isEqualTo(String.valueOf(Vtl.MAX_FOREACH));
  }
}
