package dev.stratus.app;

/** The API servers the wiring can start. */
final class ApiServers {
  /**
   * Answers only {@code /_stratus/*}: the stand-in {@code stratus start} uses until the protocol
   * layer's AwsApiServer is merged, and what tests of the wiring alone use.
   */
  static final ApiServer.Starter STATUS_ONLY =
      (bind, port, handlers, clock, endpoints) -> StatusOnlyApiServer.start(bind, port, endpoints);

  /** The server {@code stratus start} uses. */
  static final ApiServer.Starter DEFAULT = STATUS_ONLY;

  private ApiServers() {}
}
