package dev.stratus.apigateway;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;

/** API Gateway (v1 REST and v2 HTTP/WebSocket) inside Stratus: the control plane over the store. */
public final class ApiGatewayModule implements ServiceModule {
  @Override
  public String name() { return "apigateway"; }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    var clock = context.clock();
    return Started.handlers(new RestApiOperations(store, clock), new MethodOperations(store),
        new DeploymentOperations(store, clock), new UsagePlanOperations(store, clock), new RestApiPartOperations(store),
        new ApiGatewayTags(store), new HttpApiOperations(store));
  }
}
