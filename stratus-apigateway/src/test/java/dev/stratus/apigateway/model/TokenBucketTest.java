package dev.stratus.apigateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token bucket of usage plans and stages (apigateway.md §4, §13) and quota periods. */
class TokenBucketTest {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void tryTake_burstThenRate() {
    var b = new TokenBucket(2, 3);
    assertThat(b.tryTake(T0)).isTrue();
    assertThat(b.tryTake(T0)).isTrue();
    assertThat(b.tryTake(T0)).isTrue();
    assertThat(b.tryTake(T0)).isFalse();
    assertThat(b.tryTake(T0.plusMillis(500))).isTrue(); // 2 rps: one token per 500 ms
    assertThat(b.tryTake(T0.plusMillis(500))).isFalse();
  }

  @Test
  void tryTake_neverSavesMoreThanBurst() {
    var b = new TokenBucket(100, 2);
    b.tryTake(T0);
    assertThat(b.tryTake(T0.plusSeconds(60))).isTrue();
    assertThat(b.tryTake(T0.plusSeconds(60))).isTrue();
    assertThat(b.tryTake(T0.plusSeconds(60))).isFalse();
  }

  @Test
  void quotaPeriod_startsInUtc_withOffsets() {
    Instant wed = Instant.parse("2026-12-09T15:00:00Z"); // a Wednesday
    assertThat(QuotaPeriod.DAY.start(wed, 0)).isEqualTo(Instant.parse("2026-12-09T00:00:00Z"));
    assertThat(QuotaPeriod.WEEK.start(wed, 0)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(QuotaPeriod.WEEK.start(wed, 3)).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
    assertThat(QuotaPeriod.MONTH.start(wed, 0)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(QuotaPeriod.MONTH.start(wed, 14)).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    assertThat(QuotaPeriod.MONTH.end(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }
}
