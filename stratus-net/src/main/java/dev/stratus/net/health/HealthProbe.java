package dev.stratus.net.health;

/**
 * Performs one check of an endpoint and reports what it saw. Implementations block (run them on
 * a virtual thread) and never throw: every failure is a failing {@link ProbeResult}.
 */
@FunctionalInterface
public interface HealthProbe {
  ProbeResult probe(HealthCheckerConfig config);
}
