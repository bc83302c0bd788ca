package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthCheckStateTest {

  private Instant t = Instant.parse("2026-01-01T00:00:00Z");

  private ProbeResult ok() {
    t = t.plusSeconds(30);
    return new ProbeResult(true, HealthCheckReasons.httpSuccess(200, "OK"), t);
  }

  private ProbeResult fail() {
    t = t.plusSeconds(30);
    return new ProbeResult(false, HealthCheckReasons.httpFailure(500, "Internal Server Error"), t);
  }

  @Test
  @DisplayName("§26 a new check is healthy until data exists, unhealthy when inverted")
  void initial_noData_healthyUnlessInverted() {
    HealthCheckState s = HealthCheckState.initial(t);
    assertThat(s.reportedHealthy(false, false)).isTrue();
    assertThat(s.reportedHealthy(true, false)).isFalse();
  }

  @Test
  @DisplayName("§23 FailureThreshold consecutive failures flip healthy to unhealthy")
  void next_thresholdFailures_flipsUnhealthy() {
    HealthCheckState s = HealthCheckState.initial(t).next(fail(), 3).next(fail(), 3);
    assertThat(s.measuredHealthy()).isTrue();
    ProbeResult third = fail();
    s = s.next(third, 3);
    assertThat(s.measuredHealthy()).isFalse();
    assertThat(s.since()).isEqualTo(third.checkedAt());
    assertThat(s.lastFailure().orElseThrow().status()).isEqualTo("Failure: HTTP Status Code 500, Internal Server Error");
  }

  @Test
  void next_successInterruptsFailureRun_resetsCount() {
    HealthCheckState s = HealthCheckState.initial(t).next(fail(), 3).next(fail(), 3).next(ok(), 3)
        .next(fail(), 3).next(fail(), 3);
    assertThat(s.measuredHealthy()).isTrue();
    assertThat(s.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  @DisplayName("§23 the same threshold of successes is needed to recover")
  void next_unhealthyThenThresholdSuccesses_recovers() {
    HealthCheckState s = HealthCheckState.initial(t).next(fail(), 2).next(fail(), 2);
    assertThat(s.measuredHealthy()).isFalse();
    s = s.next(ok(), 2);
    assertThat(s.measuredHealthy()).isFalse();
    s = s.next(ok(), 2);
    assertThat(s.measuredHealthy()).isTrue();
    assertThat(s.lastResult().orElseThrow().success()).isTrue();
    assertThat(s.lastFailure()).isPresent();
  }

  @Test
  void next_thresholdOne_flipsOnEveryChange() {
    HealthCheckState s = HealthCheckState.initial(t).next(fail(), 1);
    assertThat(s.measuredHealthy()).isFalse();
    assertThat(s.next(ok(), 1).measuredHealthy()).isTrue();
  }

  @Test
  @DisplayName("§27 disabled is always healthy; inverted flips")
  void reportedHealthy_disabledAndInverted() {
    HealthCheckState down = HealthCheckState.initial(t).next(fail(), 1);
    assertThat(down.reportedHealthy(false, false)).isFalse();
    assertThat(down.reportedHealthy(true, false)).isTrue();
    assertThat(down.reportedHealthy(false, true)).isTrue();
    assertThat(down.reportedHealthy(true, true)).isTrue();
  }
}
