package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Settings;
import dev.stratus.core.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code e2e/lambda.sh} through the AWS CLI v2 against the wired application: functions created
 * with {@code --zip-file fileb://…} run on this machine's python3 and node.
 */
class LambdaScriptIT {
  @Test
  void lambda_throughTheAwsCliV2_runsPythonAndNodeFunctions() throws Exception {
    RequiredTool.require("/usr/bin/aws (Debian package awscli)", Files.isExecutable(Path.of("/usr/bin/aws")));
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    RequiredTool.require("node", RequiredTool.onPath("node"));
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      var pb = new ProcessBuilder(List.of("bash", Path.of("..", "e2e", "lambda.sh").toString())).redirectErrorStream(true);
      pb.environment().put("STRATUS_ENDPOINT", "http://127.0.0.1:" + server.apiPort());
      var process = pb.start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished in time").isTrue();
      assertThat(process.exitValue()).as("e2e/lambda.sh printed:\n" + output).isZero();
      assertThat(output).contains("all checks passed");
    }
  }
}
