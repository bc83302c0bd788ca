package dev.stratus.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.RequiredTool;
import dev.stratus.protocol.testing.ApiTestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A warm execution environment must not hold a carrier of the virtual-thread scheduler: the bench
 * (Stratus on one core) saw every Lambda API call hang once the environment's log reader had pinned
 * the only carrier and the scheduler's stand-in carrier had retired (after 30 s idle). A JVM with
 * exactly one carrier and no stand-in reproduces that at once; this test runs Stratus's Lambda in
 * such a JVM and expects Invoke and GetFunction to answer.
 */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LambdaOneCarrierIT {

  @Test
  void warmEnvironment_leavesTheApiItsCarrier() throws Exception {
    RequiredTool.require("python3", RequiredTool.onPath("python3"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1", "-cp", System.getProperty("java.class.path"),
        Child.class.getName())).redirectErrorStream(true).start();
    boolean ended = p.waitFor(50, TimeUnit.SECONDS);
    if (!ended) p.destroyForcibly();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(ended).as("the child ended: %s", out).isTrue();
    assertThat(out).as(out).contains("invoked 3 times; GetFunction answered");
    assertThat(p.exitValue()).as(out).isZero();
  }

  /** Runs in the one-carrier JVM. */
  public static final class Child {
    public static void main(String[] args) {
      try (var server = ApiTestServer.start(Clock.systemUTC(), new LambdaModule())) {
        var lambda = server.client(LambdaClient.builder().overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(15))));
        lambda.createFunction(r -> r.functionName("one-carrier").runtime("python3.11").handler("app.handler")
            .role(LambdaInvokeIT.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of("app.py",
                "def handler(event, context):\n    print('hello')\n    return {'ok': True}\n")))));
        for (int i = 0; i < 3; i++) {
          var r = lambda.invoke(b -> b.functionName("one-carrier").payload(SdkBytes.fromUtf8String("{}")));
          if (r.functionError() != null) throw new AssertionError(r.payload().asUtf8String());
        }
        lambda.getFunction(r -> r.functionName("one-carrier"));
        System.out.println("invoked 3 times; GetFunction answered");
      } catch (Throwable t) {
        t.printStackTrace(System.out);
        System.exit(1);
      }
      System.exit(0);
    }
  }
}
