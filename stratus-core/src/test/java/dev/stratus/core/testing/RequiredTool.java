package dev.stratus.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools tests drive (the AWS CLI, boto3, dig). A test calls {@link #require} before
 * using one: without the tool it is skipped on a developer's machine, but under {@code CI=true}
 * it fails, so CI can never go green by skipping what it was meant to run.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** True when the environment says this is CI ({@code CI=true}, as GitHub Actions and most CIs set). */
  public static boolean ci() { return "true".equalsIgnoreCase(System.getenv("CI")); }

  /** Skips the test without {@code tool}, or fails it under CI. */
  public static void require(String tool, boolean present) { require(tool, present, ci()); }

  static void require(String tool, boolean present, boolean ci) {
    if (present) return;
    if (ci) throw new AssertionError(tool + " is not installed, and CI=true: CI must install it rather than skip this test");
    Assumptions.abort(tool + " is not installed");
  }

  /** Whether {@code command} is an executable file in a directory of PATH (or an absolute path). */
  public static boolean onPath(String command) {
    if (command.startsWith("/")) return Files.isExecutable(Path.of(command));
    return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
  }

  /** Whether {@code python3 -c "import <module>"} succeeds (e.g. boto3). */
  public static boolean pythonModule(String module) {
    if (!onPath("python3")) return false;
    try {
      Process p = new ProcessBuilder("python3", "-c", "import " + module).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
