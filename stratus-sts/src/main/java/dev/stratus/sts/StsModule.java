package dev.stratus.sts;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** STS inside Stratus: who signs a request, and temporary credentials every service accepts. */
public final class StsModule implements ServiceModule {
  @Override
  public String name() { return "sts"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new StsOperations(context.store()));
  }
}
