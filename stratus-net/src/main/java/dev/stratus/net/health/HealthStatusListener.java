package dev.stratus.net.health;

/**
 * Told when a health check's reported status flips (and once when a check is added), e.g. by the
 * Route 53 data plane rebuilding the healthy set a DNS snapshot reads. Called on a checker thread;
 * must be quick and must not block.
 */
@FunctionalInterface
public interface HealthStatusListener {
  void statusChanged(String healthCheckId, boolean healthy);
}
