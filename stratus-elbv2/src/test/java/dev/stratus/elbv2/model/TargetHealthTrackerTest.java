package dev.stratus.elbv2.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TargetHealthTrackerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static TargetHealthTracker.Probe pass(int s) { return new TargetHealthTracker.Probe(true, null, null, T0.plusSeconds(s)); }

  static TargetHealthTracker.Probe fail(int s) {
    return new TargetHealthTracker.Probe(false, "Target.Timeout", "Request timed out", T0.plusSeconds(s));
  }

  @Test
  void newTarget_healthyAfterOnePass_unhealthyAfterThresholdFailures_recoversAfterHealthyThreshold() {
    var t = new TargetHealthTracker();
    assertThat(t.record("k", pass(0), 3, 2)).isTrue();
    assertThat(t.state("k").orElseThrow().healthy()).isTrue();
    assertThat(t.state("k").orElseThrow().healthySince()).isEqualTo(T0);
    assertThat(t.record("k", fail(30), 3, 2)).isFalse();
    assertThat(t.record("k", fail(60), 3, 2)).isTrue();
    assertThat(t.state("k").orElseThrow().healthy()).isFalse();
    t.record("k", pass(90), 3, 2);
    t.record("k", pass(120), 3, 2);
    assertThat(t.state("k").orElseThrow().healthy()).isFalse();
    assertThat(t.record("k", pass(150), 3, 2)).isTrue();
    assertThat(t.state("k").orElseThrow().healthySince()).isEqualTo(T0.plusSeconds(150));
  }

  @Test
  void newTarget_failing_staysInitialUntilUnhealthyThreshold_withTheProbeReason() {
    var t = new TargetHealthTracker();
    var tg = new TargetGroup("tg", "tg", "HTTP", "HTTP1", 80, "vpc", "ip", "ipv4", null, null, null);
    var target = new TargetGroup.Target("127.0.0.1", 8080, null, "127.0.0.1", T0, null);
    String key = TargetHealthTracker.key("tg", target);
    t.record(key, fail(0), 5, 2);
    assertThat(t.measured(tg, target)).isEmpty(); // still initial
    t.record(key, fail(30), 5, 2);
    assertThat(t.measured(tg, target)).hasValue(new TargetHealthSource.Measured(false, "Target.Timeout", "Request timed out"));
  }

  @Test
  void matcher_codesListsAndRanges() {
    assertThat(TargetHealthTracker.matches("200", 200)).isTrue();
    assertThat(TargetHealthTracker.matches("200,202", 202)).isTrue();
    assertThat(TargetHealthTracker.matches("200-299", 204)).isTrue();
    assertThat(TargetHealthTracker.matches("200-299", 301)).isFalse();
  }
}
