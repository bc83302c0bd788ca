package dev.stratus.app;

import dev.stratus.core.ServiceModule.Endpoint;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** The HTTP server answering the AWS APIs, as the wiring sees it: started, asked its port, closed. */
interface ApiServer extends AutoCloseable {

  int port();

  /** Done once the server has written its first answer (now, for servers that do not say). */
  default java.util.concurrent.CompletionStage<Void> firstAnswer() {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  @Override
  void close();

  /** How the wiring starts one; the tests and the protocol layer each supply theirs. */
  @FunctionalInterface
  interface Starter {
    /**
     * @param handlers every module's API handlers
     * @param endpoints what {@code GET /_stratus/endpoints} lists, asked at request time
     * @param extensions the modules' extension points (the virtual hosts data planes answer on the API port)
     */
    ApiServer start(String bindAddress, int port, List<Object> handlers, Clock clock,
        Supplier<List<Endpoint>> endpoints, dev.stratus.core.Extensions extensions) throws Exception;
  }
}
