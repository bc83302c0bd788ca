package dev.stratus.cloudfront;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** CloudFront inside Stratus: for now its read API over the store. */
public final class CloudFrontModule implements ServiceModule {
  @Override
  public String name() { return "cloudfront"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new DistributionOperations(context.store()));
  }
}
