package dev.stratus.elbv2;

import dev.stratus.elbv2.model.TargetGroup;
import dev.stratus.elbv2.model.TargetHealthSource;
import java.time.Instant;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/** AWS's target states and reason codes (elbv2.md §15) from registration, use, instance state and the prober. */
final class TargetHealthStates {
  private TargetHealthStates() {}

  static TargetHealth of(TargetGroup tg, TargetGroup.Target t, boolean inUse, String instanceState,
      TargetHealthSource source, Instant now) {
    if (!t.registered()) {
      return health("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
    }
    if (!inUse) {
      return health("unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
    }
    if (!instanceState.equals("running")) {
      return health("unused", "Target.InvalidState", "Target is in the stopped or terminated state");
    }
    if (!tg.healthCheck().enabled()) {
      return health("unavailable", "Target.HealthCheckDisabled", "Health checks are disabled for the target group");
    }
    var measured = source.measured(tg, t);
    if (measured.isEmpty()) {
      return health("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
    }
    var m = measured.get();
    return m.healthy() ? TargetHealth.builder().state("healthy").build() : health("unhealthy", m.reason(), m.description());
  }

  private static TargetHealth health(String state, String reason, String description) {
    return TargetHealth.builder().state(state).reason(reason).description(description).build();
  }
}
