package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./stratus} launcher script of a checkout (this one, or a fake one built by
 * a test) as a user would, with its own {@code $HOME} and none of the endpoint variables of the
 * machine running the tests; output goes to files, so no pipe can fill up.
 */
final class Launcher {
  /** The checkout these tests run in (failsafe's working directory is stratus-app/). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** A finished run. */
  record Result(int code, String out, String err) {
    String both() { return out + err; }
  }

  /** A launcher still running. */
  record Running(Process process, Path out, Path err) implements AutoCloseable {
    Result await(Duration timeout) throws Exception {
      assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("launcher finished in " + timeout).isTrue();
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    String errText() throws IOException { return Files.readString(err); }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
  }

  private final Path root;
  private final Path home;
  private final Map<String, String> env;

  Launcher(Path root, Path home, Map<String, String> env) {
    this.root = root;
    this.home = home;
    this.env = env;
  }

  Running start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(root.resolve("stratus").toString()));
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().keySet().removeAll(List.of("STRATUS_ENDPOINT", "AWS_ENDPOINT_URL", "STRATUS_JAVA_OPTS", "STRATUS_HEAP"));
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(home, "out-", ".txt");
    Path err = Files.createTempFile(home, "err-", ".txt");
    return new Running(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).start(), out, err);
  }

  Result run(String... args) throws Exception {
    try (var r = start(args)) {
      return r.await(Duration.ofMinutes(5));
    }
  }

  /** The exit code of a command, its output discarded; -1 when it cannot run. */
  static int run0(String... command) {
    try {
      var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A TCP port free on loopback right now. */
  static int freePort() throws IOException {
    try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
