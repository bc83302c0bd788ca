package dev.stratus.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.ServiceModule.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * An API server that answers only Stratus's own routes ({@code /_stratus/health},
 * {@code /_stratus/endpoints}) and 501 to everything else: for tests of the wiring, and the
 * reference for the {@code /_stratus/endpoints} document that {@code stratus endpoints} reads.
 */
final class StatusOnlyApiServer implements ApiServer {
  private final HttpServer server;

  private StatusOnlyApiServer(HttpServer server) { this.server = server; }

  static ApiServer start(String bindAddress, int port, Supplier<List<Endpoint>> endpoints) throws IOException {
    var server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
          case "/_stratus/health" -> reply(exchange, 200, "{\"status\":\"running\",\"version\":\"" + Version.current() + "\"}");
          case "/_stratus/endpoints" -> reply(exchange, 200, EndpointsJson.write(endpoints.get()));
          default -> reply(exchange, 501, "{\"__type\":\"NotImplemented\",\"message\":\"No AWS API is served by this build.\"}");
        }
      }
    });
    server.start();
    return new StatusOnlyApiServer(server);
  }

  @Override
  public int port() { return server.getAddress().getPort(); }

  @Override
  public void close() { server.stop(0); }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
