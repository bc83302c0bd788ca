package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real AWS CLI aimed at a test server: the CLI v2 at {@code /usr/bin/aws} (Debian's awscli) when
 * present, else {@code aws} on the PATH, with the test server's credentials and no user config.
 */
final class AwsCli {
  /** Debian's awscli package: the AWS CLI v2 the seeds are written for. */
  private static final String AWS_CLI_V2 = "/usr/bin/aws";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI endpoint;
  private final String region;

  AwsCli(URI endpoint, String region) {
    this.endpoint = endpoint;
    this.region = region;
  }

  /** One CLI run: exit code, stdout and stderr. */
  record Result(int exit, String out, String err) {}

  /** Whether a CLI is installed; under {@code CI=true} a missing CLI is a failure, not a skip. */
  static boolean present() {
    boolean present = Files.isExecutable(Path.of(AWS_CLI_V2)) || onPath("aws");
    RequiredTool.require("the AWS CLI (" + AWS_CLI_V2 + " or aws on PATH)", present);
    return true;
  }

  /** Runs {@code aws <args>} with JSON output. */
  Result run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(Path.of(AWS_CLI_V2)) ? AWS_CLI_V2 : "aws",
        "--endpoint-url", endpoint.toString(), "--region", region, "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", ApiTestServer.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("aws CLI timed out: " + cmd);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  /** Runs {@code aws <args>}, asserts success and parses the JSON output. */
  JsonNode ok(String... args) throws Exception {
    Result r = run(args);
    assertThat(r.exit).as(r.err).isZero();
    return JSON.readTree(r.out);
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, exe).canExecute()) return true;
    }
    return false;
  }
}
