package dev.stratus.apigateway;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** API Gateway (v1 REST and v2 HTTP/WebSocket) inside Stratus: for now its read API over the store. */
public final class ApiGatewayModule implements ServiceModule {
  @Override
  public String name() { return "apigateway"; }

  @Override
  public Started start(StratusContext context) {
    return Started.handlers(new RestApiOperations(context.store()), new HttpApiOperations(context.store()));
  }
}
