package dev.stratus.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stratus version}: prints this build's version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of Stratus.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("Stratus " + Version.current() + " (Java " + Runtime.version() + ")");
    return 0;
  }
}
