package dev.stratus.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stratus} command: {@code start}, {@code status}, {@code endpoints}, {@code latency}, {@code version},
 * and the VPC analysis commands {@code reach}, {@code audit}, {@code import}, {@code export}. */
@Command(name = "stratus", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "The AWS networking stack on one machine.",
    subcommands = {StartCommand.class, StatusCommand.class, EndpointsCommand.class, LatencyCommand.class, VersionCommand.class,
        ReachCommand.class, AuditCommand.class, ImportCommand.class, ExportCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before anything logs: the manager that keeps shutdown logs, and SLF4J (sqlite-jdbc) to JUL.
    System.setProperty("java.util.logging.manager", StratusLogManager.class.getName());
    System.setProperty("slf4j.provider", "org.slf4j.jul.JULServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    int code = execute(args);
    if (code != StartCommand.KEEP_RUNNING) System.exit(code);
  }

  /** Runs one command and returns its exit code; {@code start} returns while its server runs on. */
  static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: start, status, endpoints, latency or version");
  }

  /** {@code stratus --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() { return new String[] {"Stratus " + Version.current()}; }
  }
}
