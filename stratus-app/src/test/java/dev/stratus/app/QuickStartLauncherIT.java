package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's Quick start block, pasted into bash as one block, against this checkout's fresh
 * build: the only changes are the ports (random, free ones instead of 4566 and 5353) and
 * {@code set -e} plus a trap that stops the background {@code ./stratus start} at the end. Needs the
 * AWS CLI and dig, which CI installs; elsewhere the test is skipped without them.
 */
class QuickStartLauncherIT {
  @TempDir Path home;

  /** The first ```bash block after the heading {@code heading}. */
  static String block(String heading) throws Exception {
    String readme = Files.readString(Launcher.ROOT.resolve("README.md"));
    int section = readme.indexOf(heading);
    assertThat(section).as("README has " + heading).isNotNegative();
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  @Test
  void readmeQuickStart_pastedAsOneBlock_runsWithoutAnError() throws Exception {
    boolean clients = Files.isExecutable(Path.of("/usr/bin/aws")) && Launcher.run0("dig", "-v") == 0;
    if (!clients && "true".equals(System.getenv("CI"))) throw new AssertionError("CI lacks the AWS CLI or dig");
    assumeTrue(clients, "the AWS CLI (/usr/bin/aws) and dig are not installed");

    String block = block("## Quick start");
    String reachability = block("## Network reachability");
    assertThat(block).contains("./stratus start --ephemeral &", "./stratus wait", "localhost:4566", "-p 5353",
        "AWS_PAGER=\"\"");  // AWS CLI v2 pages output on a terminal: the pager would eat the rest of the paste
    int port = Launcher.freePort();
    int dns = Launcher.freePort();
    String script = "set -e\ntrap 'kill $(jobs -p) 2>/dev/null' EXIT\n"
        + "export STRATUS_ENDPOINT=http://127.0.0.1:" + port + "\n"
        + block.replace("./stratus start --ephemeral", "./stratus start --ephemeral --port " + port + " --dns-port " + dns)
            .replace("localhost:4566", "localhost:" + port).replace("-p 5353", "-p " + dns)
        // Then, in the same shell, the reachability walk-through, whose `reach` and `audit` exit 1 by design.
        + "echo '=== reachability'\nset +e\n" + reachability.replace("localhost:4566", "localhost:" + port);
    Path file = Files.writeString(home.resolve("quickstart.sh"), script);

    var pb = new ProcessBuilder("bash", file.toString()).directory(Launcher.ROOT.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeAll(java.util.List.of("STRATUS_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_PROFILE"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("TMPDIR", home.toString());
    Path out = home.resolve("out.txt");
    Process bash = pb.redirectOutput(out.toFile()).start();
    boolean done = bash.waitFor(Duration.ofMinutes(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    bash.descendants().forEach(ProcessHandle::destroy);
    String output = Files.readString(out);
    assertThat(done).as("finished in 10 minutes:\n" + output).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();

    assertThat(output).containsSubsequence("Stratus is ready", "192.0.2.10\n", "192.0.2.2\n", "192.0.2.1\n",
        "172.31.0.0/16", "Stratus is running on", "Route 53 DNS", "=== reachability");
    String walkThrough = output.substring(output.indexOf("=== reachability"));
    assertThat(walkThrough).containsSubsequence("Reachable.", "Not reachable.", "Wrote ", "Reachable.", " in 2 VPCs.",
        "Regions: us-east-1");
    assertThat(walkThrough).doesNotContain("An error occurred", "stratus reach:", "stratus audit:", "usage:", "Could not connect");
    Instant deadline = Instant.now().plusSeconds(30);
    while (LocalApi.get("127.0.0.1", port, "/_stratus/health").isPresent()) {
      assertThat(Instant.now()).as("the background stratus stopped with the shell").isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
