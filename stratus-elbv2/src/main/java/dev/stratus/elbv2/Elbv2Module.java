package dev.stratus.elbv2;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** Elastic Load Balancing v2 inside Stratus: for now its read API over the store. */
public final class Elbv2Module implements ServiceModule {
  @Override
  public String name() { return "elbv2"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new LoadBalancerOperations(context.store()));
  }
}
