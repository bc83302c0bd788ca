package dev.stratus.wafv2;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** AWS WAF v2 inside Stratus: for now its read API over the store. */
public final class Wafv2Module implements ServiceModule {
  @Override
  public String name() { return "wafv2"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new WebAclOperations(context.store()));
  }
}
