package dev.stratus.app;

import dev.stratus.core.Settings;
import dev.stratus.core.store.StoreException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stratus start}: serves the AWS APIs until SIGTERM or Ctrl-C, then shuts down cleanly
 * (API server, data planes, store, in that order).
 */
@Command(name = "start", description = "Start Stratus in the foreground.")
final class StartCommand implements Callable<Integer> {
  /** What {@link #call} returns when the server runs on in its own threads: do not exit. */
  static final int KEEP_RUNNING = -1;

  private static final Logger LOG = Logger.getLogger(StartCommand.class.getName());

  @Option(names = "--port", description = "Port of the AWS APIs (default ${DEFAULT-VALUE}).")
  int port = Settings.DEFAULT_API_PORT;

  @Option(names = "--dns-port", description = "Port of the DNS server, UDP and TCP (default ${DEFAULT-VALUE}).")
  int dnsPort = Settings.DEFAULT_DNS_PORT;

  @Option(names = "--data-dir", description = "Directory of the store (default ${DEFAULT-VALUE}).")
  Path dataDir = Path.of(System.getProperty("user.home"), ".stratus");

  @Option(names = "--ephemeral", description = "Keep all state in memory; nothing is written to disk.")
  boolean ephemeral;

  @Option(names = "--log-level", description = "error, warn, info, debug or trace (default ${DEFAULT-VALUE}).")
  String logLevel = "info";

  @Option(names = "--bind", description = "Address every listener binds to (default ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(names = "--config", description = "Configuration file, JSON (default <data-dir>/config.json when present).")
  Path config;

  @Override
  public Integer call() {
    LogSetup.configure(LogSetup.parse(logLevel));
    var settings = new Settings(port, dnsPort, ephemeral ? Optional.empty() : Optional.of(dataDir), bind);
    try {
      var file = ConfigFile.locate(Optional.ofNullable(config), settings.dataDir());
      if (file.isPresent()) {
        settings = settings.withClientLocations(ConfigFile.clientLocations(file.get()));
      }
    } catch (ConfigFile.BadConfigException e) {
      System.err.println("stratus: " + e.getMessage());
      return 1;
    }
    StratusServer server;
    try {
      server = StratusServer.start(settings, Clock.systemUTC());
    } catch (BindException e) {
      System.err.println("stratus: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      return 1;
    } catch (StoreException | UncheckedIOException e) {
      System.err.println("stratus: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("cannot bind")) {
        // a data plane's port (DNS) is taken: one line, like the API port
        System.err.println("stratus: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        return 1;
      }
      LOG.log(Level.SEVERE, "Stratus failed to start", e);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      server.close();
      LOG.info("stopped");
      StratusLogManager.resetAfterShutdownIfInstalled();
    }, "stratus-shutdown"));
    System.out.println("Stratus " + Version.current() + " serving AWS APIs on http://" + LocalApi.hostLiteral(bind) + ":"
        + server.apiPort() + " (started in " + sinceProcessStart().toMillis() + " ms)");
    System.out.flush();
    LOG.fine(() -> "modules: " + server.modules() + (ephemeral ? ", ephemeral store" : ", store in " + dataDir));
    return KEEP_RUNNING;
  }

  /**
   * Since the launcher script started ({@code -Dstratus.launchedAt}, epoch ms), else since the
   * process started as the kernel reports it (to the second only, boot time's resolution).
   */
  private static Duration sinceProcessStart() {
    Instant start = Optional.ofNullable(System.getProperty("stratus.launchedAt"))
        .filter(s -> s.matches("\\d{1,18}")).map(s -> Instant.ofEpochMilli(Long.parseLong(s)))
        .or(() -> ProcessHandle.current().info().startInstant())
        .orElseGet(Instant::now);
    return Duration.between(start, Instant.now());
  }
}
