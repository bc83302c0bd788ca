package dev.stratus.app;

import dev.stratus.protocol.AwsApiServer;
import dev.stratus.protocol.OperationRegistry;
import dev.stratus.net.http.HttpLimits;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.tls.StratusCa;
import java.util.Map;

/** The API servers the wiring can start. */
final class ApiServers {
  /** Where the Stratus CA's certificate is served, PEM. */
  static final String CA_PATH = "/_stratus/ca.pem";

  /**
   * The protocol layer's {@link AwsApiServer} over every module's handlers; besides
   * {@code /_stratus/health} it serves {@code /_stratus/endpoints}, the listeners that really
   * started (what {@link EndpointsCommand} prints).
   */
  static final ApiServer.Starter DEFAULT = (bind, port, handlers, clock, endpoints, extensions) -> {
    Map<String, java.util.function.Supplier<String>> routes = new java.util.HashMap<>();
    routes.put("/_stratus/endpoints", () -> EndpointsJson.write(endpoints.get()));
    routes.put(CacheJson.PATH, () -> CacheJson.write(extensions));
    routes.put(MetricsText.PATH, () -> MetricsText.write(extensions)); // Prometheus text: WAF's counts
    // The Stratus CA (ACM's issuer): curl --cacert <(curl -s localhost:4566/_stratus/ca.pem) https://...
    extensions.find(StratusCa.class).ifPresent(ca -> routes.put(CA_PATH, ca::certificatePem));
    var server = AwsApiServer.start(bind, port, OperationRegistry.of(handlers), clock, Map.copyOf(routes), HttpLimits.AWS_API,
        extensions.find(VirtualHosts.class).orElse(null));
    return new ApiServer() {
      @Override
      public int port() { return server.port(); }

      @Override
      public java.util.concurrent.CompletionStage<Void> firstAnswer() { return server.firstAnswer(); }

      @Override
      public void close() { server.close(); }
    };
  };

  /** Answers only {@code /_stratus/*}: for tests of the wiring that need no AWS API. */
  static final ApiServer.Starter STATUS_ONLY =
      (bind, port, handlers, clock, endpoints, extensions) -> StatusOnlyApiServer.start(bind, port, endpoints);

  private ApiServers() {}
}
