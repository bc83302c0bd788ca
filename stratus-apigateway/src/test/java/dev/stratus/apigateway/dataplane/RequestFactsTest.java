package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The per-request facts made cheaply ({@code $context.requestId}, {@code $context.requestTime}) keep AWS's forms. */
class RequestFactsTest {
  @Test
  void requestId_isARandomVersion4Uuid() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      String id = RestRouter.requestId();
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      seen.add(id);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void requestTime_followsTheSecond() {
    assertThat(RestRouter.requestTime(Instant.parse("2026-12-07T10:00:00.100Z"))).isEqualTo("07/Dec/2026:10:00:00 +0000");
    assertThat(RestRouter.requestTime(Instant.parse("2026-12-07T10:00:00.900Z"))).isEqualTo("07/Dec/2026:10:00:00 +0000");
    assertThat(RestRouter.requestTime(Instant.parse("2026-12-07T10:00:01.000Z"))).isEqualTo("07/Dec/2026:10:00:01 +0000");
    assertThat(RestRouter.requestTime(Instant.parse("2026-12-06T23:59:59Z"))).isEqualTo("06/Dec/2026:23:59:59 +0000");
  }
}
