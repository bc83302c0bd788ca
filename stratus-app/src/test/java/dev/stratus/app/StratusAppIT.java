package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The wired application in this JVM: ephemeral store, random port, every module on the class path. */
class StratusAppIT {

  @Test
  void start_ephemeral_servesHealthAndEndpoints() throws Exception {
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      assertThat(LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/health")).isPresent();
      var endpoints = LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/endpoints").map(EndpointsJson::read).orElseThrow();
      assertThat(endpoints).first().satisfies(e -> {
        assertThat(e.description()).isEqualTo("AWS APIs");
        assertThat(e.port()).isEqualTo(server.apiPort());
      });
      assertThat(endpoints).isEqualTo(server.endpoints());
    }
  }
}
