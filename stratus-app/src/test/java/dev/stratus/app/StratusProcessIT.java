package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.store.SqlStore;
import dev.stratus.core.store.Stores;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/** {@code stratus start} as a real process: how it stops, and what survives when it is killed. */
class StratusProcessIT {
  @TempDir Path dir;

  @Test
  void start_thenSigterm_exitsCleanlyFreesThePortAndClosesTheStore() throws Exception {
    Path data = dir.resolve("data");
    int port;
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      port = stratus.port();
      assertThat(LocalApi.get("127.0.0.1", port, "/_stratus/health")).isPresent();

      assertThat(stratus.terminate()).isIn(0, 143);
      assertThat(stratus.stderr()).contains("shutting down").doesNotContain("Exception");
    }
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    }
    assertThat(data.resolve(Stores.FILE_NAME + "-wal")).doesNotExist();
    SqlStore.openFile(data.resolve(Stores.FILE_NAME)).close();
  }

  @Test
  void start_afterKill9_startsAgainOnTheSameDataDir() throws Exception {
    Path data = dir.resolve("data");
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      assertThat(stratus.kill()).isEqualTo(137);
    }
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      assertThat(LocalApi.get("127.0.0.1", stratus.port(), "/_stratus/health")).isPresent();
      assertThat(stratus.terminate()).isIn(0, 143);
    }
  }

  /** ARCHITECTURE rule 7 end to end: an acknowledged CreateHostedZone survives SIGKILL. */
  @Test
  void createHostedZone_acknowledgedThenKill9_zoneIsThereAfterRestart() throws Exception {
    assumeTrue(ServiceLoader.load(ServiceModule.class).stream().anyMatch(p -> p.get().name().equals("route53")),
        "the route53 module is not on the class path");
    Path data = dir.resolve("data");
    String zoneId;
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      try (var route53 = route53(stratus.endpoint())) {
        zoneId = route53.createHostedZone(r -> r.name("killed.example.com").callerReference("kill-9")).hostedZone().id();
      }
      assertThat(stratus.kill()).isEqualTo(137);
    }
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString()); var route53 = route53(stratus.endpoint())) {
      assertThat(route53.getHostedZone(r -> r.id(zoneId)).hostedZone().name()).isEqualTo("killed.example.com.");
      assertThat(stratus.terminate()).isIn(0, 143);
    }
  }

  @Test
  void start_whileAnotherStratusUsesTheDataDir_failsWithAClearMessage() throws Exception {
    Path data = dir.resolve("data");
    try (var first = StratusProcess.start(dir, "--data-dir", data.toString())) {
      var second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "start", "--port", "0", "--data-dir", data.toString()).redirectErrorStream(true).start();
      String output = new String(second.getInputStream().readAllBytes());
      assertThat(second.waitFor()).isEqualTo(1);
      assertThat(output).contains("Another Stratus process is using this data directory");
      first.terminate();
    }
  }

  private static Route53Client route53(String endpoint) {
    return Route53Client.builder().endpointOverride(URI.create(endpoint)).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
