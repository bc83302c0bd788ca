package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerLatenessTest {
  @Test
  void leadFollowsHowLateTimersFire_noneBeforeAny() {
    var lateness = new TimerLateness();
    assertThat(lateness.leadNanos()).isZero();
    for (int i = 0; i < 200; i++) lateness.fired(System.nanoTime() - 400_000); // fired 0.4 ms after its time
    assertThat(lateness.leadNanos()).isBetween(380_000L, 420_000L);
  }

  @Test
  void aStallCountsAtMostTheCap_andEarlyFiringsAsOnTime() {
    var lateness = new TimerLateness();
    for (int i = 0; i < 500; i++) lateness.fired(System.nanoTime() - 1_000_000_000L); // a second late: a pause
    assertThat(lateness.leadNanos()).isLessThanOrEqualTo(TimerLateness.MAX_NANOS);
    for (int i = 0; i < 500; i++) lateness.fired(System.nanoTime() + 5_000_000); // due in the future
    assertThat(lateness.leadNanos()).isLessThan(20_000L);
  }
}
