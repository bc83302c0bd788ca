package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real {@code stratus start} in a child JVM on a free port, for the process-level tests: it is
 * started from the test class path, waited for until it prints its serving line, and stopped
 * with SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}).
 */
final class StratusProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Stratus \\S+ serving AWS APIs on http://127\\.0\\.0\\.1:(\\d+) .*");

  private final Process process;
  private final int port;
  private final Path stderr;

  private StratusProcess(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /** Starts {@code stratus start --port 0 --dns-port 0} plus {@code args}; returns once it serves. */
  static StratusProcess start(Path workDir, String... args) throws IOException {
    Path stderr = Files.createTempFile(workDir, "stratus-", ".err");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "start", "--port", "0", "--dns-port", "0"));
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      var m = SERVING.matcher(line);
      if (m.matches()) return new StratusProcess(process, Integer.parseInt(m.group(1)), stderr);
    }
    process.destroyForcibly();
    throw new AssertionError("stratus exited before serving; stderr:\n" + Files.readString(stderr));
  }

  int port() { return port; }

  String endpoint() { return "http://127.0.0.1:" + port; }

  /** SIGTERM, then waits for the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    return waitForExit();
  }

  /** SIGKILL, then waits for the exit code. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return waitForExit();
  }

  String stderr() throws IOException { return Files.readString(stderr); }

  private int waitForExit() throws InterruptedException {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stratus exited").isTrue();
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
