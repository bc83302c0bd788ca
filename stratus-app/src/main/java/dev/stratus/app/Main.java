package dev.stratus.app;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stratus} command: {@code start}, {@code status}, {@code endpoints}, {@code latency}, {@code version},
 * and the VPC analysis commands {@code reach}, {@code audit}, {@code import}, {@code export}. */
@Command(name = "stratus", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "The AWS networking stack on one machine.",
    footer = {"", "The ./stratus launcher adds: wait [--timeout S] [--endpoint URL | --port N --host H]: exit 0 once "
        + "Stratus answers.", "Commands that talk to a running Stratus name it with --endpoint URL (or --port/--host), "
        + "else $STRATUS_ENDPOINT, else $AWS_ENDPOINT_URL, else " + StratusEndpoint.DEFAULT + ".",
        "Exit codes: 0 success; 1 the command's \"no\" (not running, not reachable, findings, skipped); "
        + "2 a bad flag, configuration or input."},
    subcommands = {StartCommand.class, StatusCommand.class, EndpointsCommand.class, LatencyCommand.class, PlanCommand.class,
        VersionCommand.class, ReachCommand.class, AuditCommand.class, ImportCommand.class, ExportCommand.class,
        CacheCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before anything logs (no static Logger in this class): the manager that keeps shutdown logs,
    // and SLF4J (sqlite-jdbc) to JUL.
    System.setProperty("java.util.logging.manager", StratusLogManager.class.getName());
    System.setProperty("slf4j.provider", "org.slf4j.jul.JULServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    LogSetup.configure(Level.INFO);
    int code = execute(args);
    if (code != StartCommand.KEEP_RUNNING) System.exit(code);
  }

  /** Runs one command and returns its exit code; {@code start} returns while its server runs on. */
  static int execute(String... args) {
    var line = new CommandLine(new Main());
    line.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new VersionProvider()));
    line.setParameterExceptionHandler(Main::badInput);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd));
    return line.execute(args);
  }

  /**
   * A bad flag or value: one line on stderr naming the command and how to get its help, exit
   * code 2 (picocli's usage error code), instead of the whole usage text.
   */
  private static int badInput(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException u && cmd.getCommandSpec().parent() == null
        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      message = "unknown command '" + u.getUnmatched().get(0) + "'";
    }
    err.println(name + ": " + message + " (" + name + " --help lists the " + (message.startsWith("unknown command")
        ? "commands" : "options") + ")");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** An unexpected failure: one line, the stack trace only at {@code --log-level debug}; exit code 2. */
  private static int failed(Exception e, CommandLine cmd) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (LogSetup.debugEnabled()) {
      // Not a static field: Main must not touch java.util.logging before main() installs its manager.
      Logger.getLogger(Main.class.getName()).log(Level.FINE, name + " failed", e);
    }
    cmd.getErr().println(name + ": " + LogSetup.oneLine(e));
    cmd.getErr().flush();
    return 2;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: start, wait, status, endpoints, reach, audit, import, export, latency or version");
  }

  /** {@code stratus --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() { return new String[] {"Stratus " + Version.current()}; }
  }
}
