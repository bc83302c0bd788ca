package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.testing.ManualTime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The scheduler against a real loopback server that is stopped and restarted. */
class HealthCheckerIT {

  private static HttpServer serve(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    return server;
  }

  /**
   * A manual clock drives the timers: each advance by AWS's 30 s request interval starts one
   * non-blocking probe of the real endpoint; the test waits only for that I/O, never for an interval.
   */
  @Test
  void endpointDownThenUp_statusFlipsAndListenerHearsIt_calculatedFollows() throws IOException {
    HttpServer server = serve(0);
    int port = server.getAddress().getPort();
    List<Map.Entry<String, Boolean>> heard = new CopyOnWriteArrayList<>();
    ManualTime time = new ManualTime(Instant.parse("2026-12-01T00:00:00Z"));
    Duration interval = Duration.ofSeconds(30);
    try (HealthChecker checker = new HealthChecker(time.clock(), new EndpointProbe(time.clock()),
        UnaryOperator.identity(), time.scheduler(), time.scheduler())) {
      checker.addListener((id, healthy) -> heard.add(Map.entry(id, healthy)));
      checker.put(HealthCheckerConfig.endpoint("web", HealthCheckType.HTTP, "127.0.0.1", port, "/", Optional.empty())
          .withFailureThreshold(2));
      checker.put(HealthCheckerConfig.calculated("all", List.of("web"), 1));
      checker.put(HealthCheckerConfig.calculated("inverted", List.of("web"), 1).withInverted(true));
      time.advance(interval); // probes at 0 s and 30 s
      assertThat(checker.awaitProbes(Duration.ofSeconds(10))).isTrue();
      assertThat(checker.status("web").orElseThrow().measured().orElseThrow().consecutiveSuccesses()).isEqualTo(2);
      assertThat(checker.status("web").orElseThrow().healthy()).isTrue();

      server.stop(0);
      time.advance(interval); // one failure: still healthy below the threshold of 2
      assertThat(checker.awaitProbes(Duration.ofSeconds(10))).isTrue();
      assertThat(checker.status("web").orElseThrow().healthy()).isTrue();
      time.advance(interval);
      assertThat(checker.awaitProbes(Duration.ofSeconds(10))).isTrue();
      assertThat(checker.status("web").orElseThrow().healthy()).isFalse();
      assertThat(checker.status("all").orElseThrow().healthy()).isFalse();
      assertThat(checker.status("inverted").orElseThrow().healthy()).isTrue();
      assertThat(checker.status("web").orElseThrow().measured().orElseThrow().lastFailure().orElseThrow().status())
          .startsWith("Failure: Connection refused");

      server = serve(port);
      time.advance(interval.multipliedBy(2));
      assertThat(checker.awaitProbes(Duration.ofSeconds(10))).isTrue();
      assertThat(checker.status("web").orElseThrow().healthy()).isTrue();
      assertThat(checker.status("all").orElseThrow().healthy()).isTrue();
      assertThat(heard).contains(Map.entry("web", false), Map.entry("web", true), Map.entry("all", false));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void disabledCheck_reportedHealthyWhileEndpointDown() {
    try (HealthChecker checker = new HealthChecker(Clock.systemUTC(),
        cfg -> new ProbeResult(false, HealthCheckReasons.connectionTimedOut(), Clock.systemUTC().instant()),
        d -> Duration.ofHours(1))) {
      checker.put(HealthCheckerConfig.endpoint("a", HealthCheckType.TCP, "127.0.0.1", 9, "/", Optional.empty())
          .withFailureThreshold(1).withDisabled(true));
      checker.checkNow("a");
      assertThat(checker.status("a").orElseThrow().healthy()).isTrue();
      assertThat(checker.status("a").orElseThrow().measured().orElseThrow().measuredHealthy()).isFalse();
      checker.remove("a");
      assertThat(checker.status("a")).isEmpty();
    }
  }
}
