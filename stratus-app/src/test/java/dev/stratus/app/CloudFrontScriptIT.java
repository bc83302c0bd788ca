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
 * {@code e2e/cloudfront.sh} through the AWS CLI v2 against the wired application: a distribution
 * from {@code --origin-domain-name} to Deployed, an invalidation to Completed, disable and delete.
 * Deploys and invalidations take 2 s here (5 s by default) to keep the script short.
 */
class CloudFrontScriptIT {
  @Test
  void cloudFront_throughTheAwsCliV2_deploysInvalidatesAndDeletes() throws Exception {
    RequiredTool.require("/usr/bin/aws (Debian package awscli)", Files.isExecutable(Path.of("/usr/bin/aws")));
    System.setProperty("stratus.cloudfront.deploySeconds", "2");
    System.setProperty("stratus.cloudfront.invalidationSeconds", "2");
    try (var server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC())) {
      var pb = new ProcessBuilder(List.of("bash", Path.of("..", "e2e", "cloudfront.sh").toString()))
          .redirectErrorStream(true);
      pb.environment().put("STRATUS_ENDPOINT", "http://127.0.0.1:" + server.apiPort());
      var process = pb.start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished in time").isTrue();
      assertThat(process.exitValue()).as("e2e/cloudfront.sh printed:\n" + output).isZero();
      assertThat(output).contains("all checks passed");
    } finally {
      System.clearProperty("stratus.cloudfront.deploySeconds");
      System.clearProperty("stratus.cloudfront.invalidationSeconds");
    }
  }
}
