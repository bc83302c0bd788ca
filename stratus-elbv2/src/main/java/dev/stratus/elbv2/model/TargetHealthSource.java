package dev.stratus.elbv2.model;

import java.util.Optional;

/**
 * What the prober has measured for one (target group, target): empty while no check has
 * finished. {@link #NONE} until a prober is wired.
 */
@FunctionalInterface
public interface TargetHealthSource {
  TargetHealthSource NONE = (tg, target) -> Optional.empty();

  Optional<Measured> measured(TargetGroup tg, TargetGroup.Target target);

  /**
   * @param healthy the target's state after thresholds
   * @param reason AWS's reason code when unhealthy ({@code Target.Timeout}, …), else null
   */
  record Measured(boolean healthy, String reason, String description) {}
}
