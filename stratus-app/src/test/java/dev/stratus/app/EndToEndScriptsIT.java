package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import dev.stratus.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the end-to-end scripts under {@code e2e/} — the seeds through the AWS CLI v2
 * ({@code /usr/bin/aws}) and boto3 — against the wired application on a random port. CI
 * installs both clients; on a developer machine without them the tests are skipped, under
 * {@code CI=true} a missing client fails the run instead.
 */
class EndToEndScriptsIT {
  private static final Path E2E = Path.of("..", "e2e");
  private static final Path AWS_CLI = Path.of("/usr/bin/aws");
  private static StratusServer server;

  @BeforeAll
  static void start() throws Exception {
    server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void route53Seed_throughTheAwsCliV2_passes() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    assertThat(run("bash", E2E.resolve("route53_seed.sh").toString())).contains("all checks passed");
  }

  @Test
  void route53Seed_throughBoto3_passes() throws Exception {
    requireClient(run0("python3", "-c", "import boto3") == 0, "python3 with boto3");
    assertThat(run("python3", E2E.resolve("route53_seed.py").toString())).contains("all checks passed");
  }

  @Test
  void s3_throughTheAwsCliV2_passes() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    requireClient(run0("sh", "-c", "command -v curl") == 0, "curl");
    assertThat(run("bash", E2E.resolve("s3.sh").toString())).contains("all checks passed");
  }

  @Test
  void s3_throughBoto3_passes() throws Exception {
    requireClient(run0("python3", "-c", "import boto3") == 0, "python3 with boto3");
    assertThat(run("python3", E2E.resolve("s3.py").toString())).contains("all checks passed");
  }

  @Test
  void elbAlb_throughTheAwsCliV2_carriesTraffic() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    requireClient(run0("sh", "-c", "command -v dig && command -v curl") == 0, "dig (dnsutils) and curl");
    assertThat(run("bash", E2E.resolve("elb-alb.sh").toString())).contains("all checks passed");
  }

  @Test
  void globalAccelerator_throughTheAwsCliV2_carriesTcp() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    requireClient(run0("sh", "-c", "command -v dig && command -v curl") == 0, "dig (dnsutils) and curl");
    assertThat(run("bash", E2E.resolve("globalaccelerator.sh").toString())).contains("all checks passed");
  }

  @Test
  void wafv2Seed_throughBoto3_passes() throws Exception {
    requireClient(run0("python3", "-c", "import boto3") == 0, "python3 with boto3");
    assertThat(run("python3", E2E.resolve("wafv2_seed.py").toString())).contains("all checks passed");
  }

  @Test
  void elbHttps_throughTheAwsCliV2AndCurl_verifiesAgainstTheStratusCa() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    requireClient(run0("sh", "-c", "command -v dig && command -v curl && command -v openssl") == 0, "dig (dnsutils), curl and openssl");
    assertThat(run("bash", E2E.resolve("elb-https.sh").toString())).contains("all checks passed");
  }

  @Test
  void apigatewayRest_throughTheAwsCliV2_carriesTraffic() throws Exception {
    requireClient(Files.isExecutable(AWS_CLI), "/usr/bin/aws (Debian package awscli)");
    requireClient(run0("sh", "-c", "command -v dig && command -v curl") == 0, "dig (dnsutils) and curl");
    assertThat(run("bash", E2E.resolve("apigateway-rest.sh").toString())).contains("all checks passed");
  }

  private static void requireClient(boolean present, String what) { RequiredTool.require(what, present); }

  /** Runs a script with STRATUS_ENDPOINT set; fails with its output unless it exits 0 within 2 minutes. */
  private static String run(String... command) throws IOException, InterruptedException {
    var pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    pb.environment().put("STRATUS_ENDPOINT", "http://127.0.0.1:" + server.apiPort());
    server.endpoints().stream().filter(e -> e.description().contains("DNS")).findFirst()
        .ifPresent(e -> pb.environment().put("STRATUS_DNS_PORT", String.valueOf(e.port())));
    var process = pb.start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + " printed:\n" + output).isZero();
    return output;
  }

  private static int run0(String... command) throws IOException, InterruptedException {
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }
}
