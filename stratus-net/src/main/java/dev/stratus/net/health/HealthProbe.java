package dev.stratus.net.health;

import java.util.concurrent.CompletableFuture;

/**
 * Performs one check of an endpoint and reports what it saw; never throws: every failure is a
 * failing {@link ProbeResult}. {@link EndpointProbe} is non-blocking ({@link #probeAsync});
 * a plain lambda (tests, wrappers) answers {@link #probe} at once and gets the default.
 */
@FunctionalInterface
public interface HealthProbe {
  ProbeResult probe(HealthCheckerConfig config);

  /** The result when it is known; the default runs {@link #probe} on the calling thread. */
  default CompletableFuture<ProbeResult> probeAsync(HealthCheckerConfig config) {
    return CompletableFuture.completedFuture(probe(config));
  }
}
