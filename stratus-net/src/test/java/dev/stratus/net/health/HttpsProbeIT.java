package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS checks against a loopback server with a fresh self-signed certificate (route53.md §24: no validation). */
class HttpsProbeIT {

  @TempDir
  static Path dir;
  private static HttpsServer server;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("self-signed.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
        "-dname", "CN=self-signed.invalid", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(keystore)).isTrue();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", ex -> {
      byte[] body = "secure and healthy".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void probe_httpsSelfSignedCertificate_successWithoutValidation() {
    HealthCheckerConfig config = HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTPS, "127.0.0.1",
        server.getAddress().getPort(), "/", Optional.empty()).withDomainName("app.example.com");
    ProbeResult r = new EndpointProbe(Clock.systemUTC()).probe(config);
    assertThat(r.status()).isEqualTo("Success: HTTP Status Code 200, OK");
  }

  @Test
  void probe_httpsStringMatch_readsDecryptedBody() {
    HealthCheckerConfig config = HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTPS_STR_MATCH, "127.0.0.1",
        server.getAddress().getPort(), "/", Optional.of("healthy"));
    assertThat(new EndpointProbe(Clock.systemUTC()).probe(config).success()).isTrue();
  }

  @Test
  void probe_httpAgainstTlsPort_failure() {
    HealthCheckerConfig config = HealthCheckerConfig.endpoint("hc", HealthCheckType.HTTP, "127.0.0.1",
        server.getAddress().getPort(), "/", Optional.empty());
    assertThat(new EndpointProbe(Clock.systemUTC()).probe(config).success()).isFalse();
  }
}
