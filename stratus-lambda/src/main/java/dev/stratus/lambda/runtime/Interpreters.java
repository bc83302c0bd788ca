package dev.stratus.lambda.runtime;

import dev.stratus.lambda.model.LambdaRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This machine's interpreters for the runtimes Stratus runs: {@code python3} for python3.x,
 * {@code node} for nodejs*.x, resolved once to their real executables (a pyenv shim needs the
 * caller's environment, a function's process gets a clean one).
 */
public final class Interpreters {
  private final ConcurrentHashMap<String, Optional<Path>> resolved = new ConcurrentHashMap<>();

  /** The executable that runs {@code runtime}, if this machine has it. */
  public Optional<Path> forRuntime(String runtime) {
    if (LambdaRules.PYTHON_RUNTIMES.contains(runtime)) {
      return resolved.computeIfAbsent("python", k -> probe("python3", "-c", "import sys; print(sys.executable)"));
    }
    if (LambdaRules.NODE_RUNTIMES.contains(runtime)) {
      return resolved.computeIfAbsent("node", k -> probe("node", "-e", "console.log(process.execPath)"));
    }
    return Optional.empty();
  }

  private static Optional<Path> probe(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) return Optional.empty();
      return Optional.of(Path.of(out.lines().reduce((a, b) -> b).orElse(out)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
