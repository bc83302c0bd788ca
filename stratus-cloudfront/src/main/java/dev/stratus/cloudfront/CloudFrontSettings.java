package dev.stratus.cloudfront;

import java.time.Duration;

/**
 * How long changes take on the injected clock. AWS deploys a distribution change to every edge in
 * minutes; Stratus's edges read committed state at once, so the delays only shape what the API
 * reports ({@code InProgress} → {@code Deployed}, invalidations {@code InProgress} →
 * {@code Completed}).
 *
 * @param deployDelay how long a created or updated distribution stays {@code InProgress}
 * @param invalidationDelay how long an invalidation stays {@code InProgress}
 */
public record CloudFrontSettings(Duration deployDelay, Duration invalidationDelay) {

  /**
   * Defaults: 5 s each, short enough that {@code aws cloudfront wait distribution-deployed} passes
   * on its second poll (it polls every 60 s), long enough that a client sees {@code InProgress}.
   * System properties {@code stratus.cloudfront.deploySeconds} and
   * {@code stratus.cloudfront.invalidationSeconds} override them.
   */
  public static CloudFrontSettings fromSystemProperties() {
    return new CloudFrontSettings(Duration.ofSeconds(Long.getLong("stratus.cloudfront.deploySeconds", 5)),
        Duration.ofSeconds(Long.getLong("stratus.cloudfront.invalidationSeconds", 5)));
  }
}
