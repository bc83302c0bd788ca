package dev.stratus.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A local process standing for a target: answers every request 200 "ok\n" on 127.0.0.1 and a free port. */
final class OkBackend {
  private OkBackend() {}

  /** Started; the caller stops it. */
  static HttpServer start() throws IOException {
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    backend.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, 3);
      ex.getResponseBody().write("ok\n".getBytes(StandardCharsets.UTF_8));
      ex.close();
    });
    backend.start();
    return backend;
  }
}
