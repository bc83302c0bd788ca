package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("§28 CALCULATED health checks")
class CalculatedHealthTest {

  private final Map<String, Boolean> statuses = Map.of("a", true, "b", false, "c", true);

  @Test
  void healthy_enoughChildrenHealthy_true() {
    assertThat(CalculatedHealth.healthy(List.of("a", "b", "c"), 2, statuses)).isTrue();
    assertThat(CalculatedHealth.healthy(List.of("a", "b", "c"), 3, statuses)).isFalse();
  }

  @Test
  void healthy_thresholdZero_alwaysHealthy() {
    assertThat(CalculatedHealth.healthy(List.of("b"), 0, statuses)).isTrue();
  }

  @Test
  void healthy_thresholdAboveChildCount_neverHealthy() {
    assertThat(CalculatedHealth.healthy(List.of("a"), 2, statuses)).isFalse();
  }

  @Test
  void healthy_unknownChild_countsUnhealthy() {
    assertThat(CalculatedHealth.healthy(List.of("a", "gone"), 2, statuses)).isFalse();
  }
}
