package dev.stratus.app;

/** The API servers the wiring can start. */
final class ApiServers {
  /**
   * The server {@code stratus start} uses. Until the protocol layer's AwsApiServer is merged this
   * is the stand-in that serves only Stratus's own routes.
   */
  static final ApiServer.Starter DEFAULT =
      (bind, port, handlers, clock, endpoints) -> StatusOnlyApiServer.start(bind, port, endpoints);

  private ApiServers() {}
}
