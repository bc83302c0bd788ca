package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a function's answer becomes behind an ALB (elbv2.md §21, §26). */
class AlbLambdaTest {
  static io.netty.handler.codec.http.FullHttpResponse of(String json) {
    return AlbLambda.response(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validAnswer_statusHeadersAndBody() {
    var r = of("{\"statusCode\":404,\"statusDescription\":\"404 Nope\",\"headers\":{\"x-a\":\"1\"},"
        + "\"multiValueHeaders\":{\"set-cookie\":[\"a=1\",\"b=2\"]},\"body\":\"gone\"}");
    assertThat(r.status().code()).isEqualTo(404);
    assertThat(r.status().reasonPhrase()).isEqualTo("Nope");
    assertThat(r.headers().get("x-a")).isEqualTo("1");
    assertThat(r.headers().getAll("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("gone");
    assertThat(r.headers().get("content-length")).isEqualTo("4");
  }

  @Test
  void base64Body_isDecoded() {
    var r = of("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\"}");
    assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
  }

  @Test
  void invalidAnswers_areNull_so502() {
    assertThat(of("\"just a string\"")).isNull();
    assertThat(of("{\"body\":\"no status\"}")).isNull();
    assertThat(of("{\"statusCode\":\"abc\"}")).isNull();
    assertThat(of("{\"statusCode\":700}")).isNull();
    assertThat(of("{\"statusCode\":200,\"body\":{\"not\":\"a string\"}}")).isNull();
    assertThat(of("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}")).isNull();
    assertThat(of("not json")).isNull();
  }
}
