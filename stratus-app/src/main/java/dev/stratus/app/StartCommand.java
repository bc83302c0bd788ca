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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratus start}: serves the AWS APIs until SIGTERM or Ctrl-C, then shuts down cleanly
 * (API server, data planes, store, in that order).
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start Stratus in the foreground.")
final class StartCommand implements Callable<Integer> {
  /** What {@link #call} returns when the server runs on in its own threads: do not exit. */
  static final int KEEP_RUNNING = -1;

  private static final Logger LOG = Logger.getLogger(StartCommand.class.getName());

  @Option(names = "--port", description = "Port of the AWS APIs, 0 for any free port (default ${DEFAULT-VALUE}).")
  int port = Settings.DEFAULT_API_PORT;

  @Option(names = "--dns-port", description = "Port of the DNS server, UDP and TCP, 0 for any free port (default ${DEFAULT-VALUE}).")
  int dnsPort = Settings.DEFAULT_DNS_PORT;

  @Option(names = "--data-dir", description = "Directory of the store (default ${DEFAULT-VALUE}, from $HOME).")
  Path dataDir = defaultDataDir();

  @Option(names = "--ephemeral", description = "Keep all state in memory; nothing is written to disk.")
  boolean ephemeral;

  @Option(names = "--log-level", converter = LogSetup.LevelConverter.class, paramLabel = "LEVEL",
      description = "error, warn, info, debug (Stratus's detail, one line per API call) or trace (default info).")
  Level logLevel = Level.INFO;

  @Option(names = "--bind", description = "Address every listener binds to (default ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(names = "--emulate-network",
      description = "Hold data-plane traffic for the modelled distance of each path (clients placed by clientLocations; see stratus latency).")
  boolean emulateNetwork;

  @Option(names = "--emulate-jitter",
      description = "With --emulate-network: each held message also waits a random queueing delay (ITU-T Y.1541's 50 ms IPDV objective at the 99.9th percentile, exponential), never overtaking an earlier one.")
  boolean emulateJitter;

  @Option(names = "--default-client-location", paramLabel = "PLACE",
      description = "Where clients nothing places stand for latency routing, CloudFront's edge, Global Accelerator and emulated delays: a Region (ap-southeast-2), an edge code (SYD), a city or LAT,LONG (default us-east-1, or the config's defaultClientLocation).")
  String defaultClientLocation;

  @Option(names = "--config", description = "Configuration file, JSON (default <data-dir>/config.json when present).")
  Path config;

  @Spec CommandSpec spec;

  /** {@code $HOME/.stratus}: $HOME when set (the JDK's user.home ignores it), else the account's home. */
  static Path defaultDataDir() {
    String home = System.getenv("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".stratus");
  }

  @Override
  public Integer call() {
    checkPort("--port", port);
    checkPort("--dns-port", dnsPort);
    LogSetup.configure(logLevel);
    var settings = new Settings(port, dnsPort, ephemeral ? Optional.empty() : Optional.of(dataDir), bind)
        .withEmulateNetwork(emulateNetwork);
    try {
      var file = ConfigFile.locate(Optional.ofNullable(config), settings.dataDir());
      if (file.isPresent()) {
        settings = settings.withClientLocations(ConfigFile.clientLocations(file.get()))
            .withEmulateNetwork(emulateNetwork || ConfigFile.emulateNetwork(file.get()));
        var fromFile = ConfigFile.defaultClientLocation(file.get());
        if (fromFile.isPresent()) settings = settings.withDefaultClientLocation(fromFile.get());
      }
      if (defaultClientLocation != null) {
        try {
          settings = settings.withDefaultClientLocation(ConfigFile.checkedPlace(defaultClientLocation));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--default-client-location: " + e.getMessage());
        }
      }
    } catch (ConfigFile.BadConfigException e) {
      System.err.println("stratus start: " + e.getMessage());
      return 2;
    }
    if (emulateJitter && !settings.emulateNetwork()) {
      System.err.println("stratus start: --emulate-jitter varies emulated delays; it needs --emulate-network (or \"emulateNetwork\": true)");
      return 2;
    }
    dev.stratus.net.emulation.EmulatedJitter.enable(emulateJitter);
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
      if (LogSetup.debugEnabled()) LOG.log(Level.FINE, "Stratus failed to start", e);
      System.err.println("stratus: Stratus failed to start: " + LogSetup.oneLine(e));
      return 1;
    }
    IdleCollection.start(Duration.ofSeconds(10));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      server.close();
      LOG.info("stopped");
      StratusLogManager.resetAfterShutdownIfInstalled();
    }, "stratus-shutdown"));
    System.out.println("Stratus " + Version.current() + " serving AWS APIs on http://" + LocalApi.hostLiteral(bind) + ":"
        + server.apiPort() + " (started in " + sinceProcessStart().toMillis() + " ms)");
    System.out.flush();
    markStartupCacheTrained();
    LOG.fine(() -> "modules: " + server.modules() + (ephemeral ? ", ephemeral store" : ", store in " + dataDir));
    return KEEP_RUNNING;
  }

  /**
   * The launcher records a start for its start-up cache (JDK 25's AOT cache) and names a file here
   * to create once this start serves: a start that stopped before (a bad flag, a port in use)
   * recorded too little to make the cache from.
   */
  private static void markStartupCacheTrained() {
    String marker = System.getProperty("stratus.startupCacheServed");
    if (marker == null || marker.isBlank()) return;
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(marker), "");
    } catch (java.io.IOException | RuntimeException e) {
      LOG.fine(() -> "cannot mark the start-up cache's training: " + e);
    }
  }

  private void checkPort(String flag, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(spec.commandLine(), flag + " must be a port number from 0 to 65535, not " + value);
    }
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
