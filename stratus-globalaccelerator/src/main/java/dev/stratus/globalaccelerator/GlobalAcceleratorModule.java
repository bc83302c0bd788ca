package dev.stratus.globalaccelerator;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** Global Accelerator inside Stratus: for now its read API over the store. */
public final class GlobalAcceleratorModule implements ServiceModule {
  @Override
  public String name() { return "globalaccelerator"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new AcceleratorOperations(context.store()));
  }
}
