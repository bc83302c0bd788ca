package dev.stratus.net.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  @Test
  void configured_sizesWithSuffixes_elseTheFallback() {
    assertThat(BodyBudget.configured("64m", 1)).isEqualTo(64L << 20);
    assertThat(BodyBudget.configured("1G", 1)).isEqualTo(1L << 30);
    assertThat(BodyBudget.configured("512k", 1)).isEqualTo(512L << 10);
    assertThat(BodyBudget.configured("500000", 1)).isEqualTo(500_000L);
    assertThat(BodyBudget.configured(null, 7)).isEqualTo(7);
    assertThat(BodyBudget.configured("lots", 7)).isEqualTo(7);
    assertThat(BodyBudget.configured("-5m", 7)).isEqualTo(7);
  }

  @Test
  void reserveAndRelease_neverBelowZero() {
    BodyBudget b = new BodyBudget(100);
    assertThat(b.tryReserve(60)).isTrue();
    assertThat(b.tryReserve(60)).isFalse();
    b.release(60);
    assertThat(b.available()).isEqualTo(100);
  }
}
