package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The real {@code ./stratus} of this checkout, after {@code package}: a background start and
 * {@code wait}, naming it the one way every command does, {@code --help} everywhere, one-line
 * errors with exit code 2, the access log at debug, the data directory under {@code $HOME}.
 */
class LauncherIT {
  @TempDir Path home;

  Launcher launcher(Map<String, String> env) { return new Launcher(Launcher.ROOT, home, env); }

  @Test
  void startInBackground_waitReturnsOnceItAnswers_andEveryCommandFindsItTheSameWay() throws Exception {
    int port = Launcher.freePort();
    int dns = Launcher.freePort();
    var stratus = launcher(Map.of());
    try (var server = stratus.start("start", "--ephemeral", "--port", "" + port, "--dns-port", "" + dns)) {
      var ready = stratus.run("wait", "--port", "" + port, "--timeout", "240");
      assertThat(ready.code()).as(ready.both() + server.errText()).isZero();
      assertThat(ready.out()).contains("Stratus is ready on http://127.0.0.1:" + port);

      String url = "http://127.0.0.1:" + port;
      assertThat(stratus.run("status", "--port", "" + port).code()).isZero();
      assertThat(stratus.run("status", "--endpoint", url).code()).isZero();
      assertThat(launcher(Map.of("STRATUS_ENDPOINT", url)).run("status").code()).isZero();
      assertThat(launcher(Map.of("AWS_ENDPOINT_URL", url)).run("status").code()).isZero();
      assertThat(launcher(Map.of("STRATUS_ENDPOINT", url)).run("wait", "--timeout", "5").code()).isZero();
      var endpoints = launcher(Map.of("STRATUS_ENDPOINT", url)).run("endpoints");
      assertThat(endpoints.out()).contains("127.0.0.1:" + port, "Route 53 DNS", "127.0.0.1:" + dns);
      var audit = stratus.run("audit", "--port", "" + port);
      assertThat(audit.code()).as(audit.both()).isIn(0, 1);
      assertThat(audit.out()).contains("VPCs");
      assertThat(stratus.run("status", "--port", "" + Launcher.freePort()).code()).isEqualTo(1);
    }
  }

  @Test
  void wait_nothingAnswers_exitsOneAtTheTimeout() throws Exception {
    long t0 = System.nanoTime();
    var r = launcher(Map.of()).run("wait", "--port", "" + Launcher.freePort(), "--timeout", "1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no Stratus answered").contains("within 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void help_onEverySubcommand_exitsZeroWithItsUsage() throws Exception {
    var stratus = launcher(Map.of());
    for (String sub : new String[] {"start", "status", "endpoints", "latency", "version", "reach", "audit", "import", "export"}) {
      var r = stratus.run(sub, "--help");
      assertThat(r.code()).as(sub + ": " + r.both()).isZero();
      assertThat(r.out()).as(sub).contains("Usage: stratus " + sub);
    }
    var r = stratus.run("wait", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: stratus wait", "--endpoint");
    assertThat(stratus.run("--help").out()).contains("wait", "STRATUS_ENDPOINT");
  }

  @Test
  void badFlagsAndConfig_oneLineOnStderr_exitCodeTwo_noStackTrace() throws Exception {
    Path config = Files.writeString(home.resolve("broken.json"), "{\"clientLocations\": [\n  {\"cidr\": \"10.0.0.0/8\",}\n]}\n");
    var stratus = launcher(Map.of());
    String[][] cases = {
        {"start", "--port", "99999"},
        {"start", "--log-level", "loud"},
        {"start", "--ephemeral", "--port", "0", "--dns-port", "0", "--config", config.toString()},
        {"start", "--no-such-flag"},
        {"status", "--endpoint", "localhost:4566"},
        {"status", "--port", "70000"},
        {"reach", "i-a"},
        {"wait", "--port", "99999"},
        {"wait", "--timeout", "soon"},
        {"no-such-command"}};
    for (String[] args : cases) {
      var r = stratus.run(args);
      String what = String.join(" ", args);
      assertThat(r.code()).as(what + ": " + r.both()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(what).hasSize(1);
      assertThat(r.err()).as(what).doesNotContain("Exception", "\tat ", "SEVERE", "FINE");
    }
    assertThat(stratus.run("start", "--port", "99999").err()).contains("--port", "99999");
    assertThat(stratus.run("start", "--log-level", "loud").err()).contains("loud", "debug");
    assertThat(stratus.run("start", "--ephemeral", "--port", "0", "--dns-port", "0", "--config", config.toString()).err())
        .contains(config.toString(), "line 2", "column").doesNotContain("REDACTED", "Feature");
    String nobody = "http://127.0.0.1:" + Launcher.freePort();
    var quiet = stratus.run("audit", "--endpoint", nobody);
    assertThat(quiet.code()).isEqualTo(2);
    assertThat(quiet.err().strip().lines()).singleElement().asString().contains("no Stratus answers at " + nobody);
    assertThat(stratus.run("audit", "--endpoint", nobody, "--log-level", "debug").err())
        .as("the stack trace at debug").contains("no Stratus answers", "\tat ");
    var heap = new Launcher(Launcher.ROOT, home, Map.of("STRATUS_HEAP", "lots")).run("version");
    assertThat(heap.code()).isEqualTo(2);
    assertThat(heap.err()).contains("STRATUS_HEAP");
  }

  @Test
  void debugLogLevel_oneLinePerApiCall_levelsAsTheFlagsSpellThem_dataDirUnderHome() throws Exception {
    int port = Launcher.freePort();
    var stratus = launcher(Map.of());
    try (var server = stratus.start("start", "--port", "" + port, "--dns-port", "0", "--log-level", "debug")) {
      assertThat(stratus.run("wait", "--port", "" + port, "--timeout", "240").code()).as(server.errText()).isZero();
      try (var route53 = Route53Client.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:" + port))
          .region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
        route53.listHostedZones();
      }
      server.process().destroy();
      var stopped = server.await(Duration.ofSeconds(30));
      assertThat(stopped.code()).as(stopped.both()).isIn(0, 143);
      String log = server.errText();
      assertThat(log).containsPattern("debug ApiDispatcher: route53 ListHostedZones 200 \\d+ ms");
      assertThat(log).containsPattern(" debug StratusServer: started route53").doesNotContain(" FINE ", " INFO ")
          .as("the shutdown is logged: java.util.logging's own hook did not reset it first").contains(" info  StartCommand: shutting down");
    }
    assertThat(home.resolve(".stratus/stratus.db")).exists();
  }
}
