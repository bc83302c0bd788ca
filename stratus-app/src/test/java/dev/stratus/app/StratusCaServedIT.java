package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import dev.stratus.net.tls.Pem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Stratus CA at GET /_stratus/ca.pem: PEM, the same after a restart on the same data dir. */
class StratusCaServedIT {
  @TempDir Path dir;

  private static HttpResponse<String> caPem(StratusServer server) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + "/_stratus/ca.pem")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void caPem_isServed_andSurvivesARestart() throws Exception {
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    String first;
    try (var server = StratusServer.start(settings, Clock.systemUTC())) {
      var response = caPem(server);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
      first = response.body();
      var cert = Pem.certificates(first).get(0);
      assertThat(cert.getSubjectX500Principal().getName()).contains("Stratus Local CA");
      assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }
    assertThat(dir.resolve("tls/stratus-ca.pem")).exists();
    try (var server = StratusServer.start(settings, Clock.systemUTC())) {
      assertThat(caPem(server).body()).isEqualTo(first);
    }
  }

  @Test
  void caPem_ephemeral_isInMemory() throws Exception {
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      assertThat(Pem.certificates(caPem(server).body())).hasSize(1);
    }
  }
}
