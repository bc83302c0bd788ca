package dev.stratus.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A real {@code stratus start} in a child JVM, API and DNS on random loopback ports, with what the
 * suite measures of it: its RSS and open descriptors from /proc.
 */
final class StratusChild implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile(
      "Stratus \\S+ serving AWS APIs on http://127\\.0\\.0\\.1:(\\d+) \\(started in (\\d+) ms\\).*");
  private static final Pattern DNS = Pattern.compile("\"description\":\"Route 53 DNS\"[^}]*\"port\":(\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final int dnsPort;
  private final Path stderr;
  private final long startedMillis;

  private StratusChild(Process process, int port, int dnsPort, Path stderr, long startedMillis) {
    this.process = process;
    this.port = port;
    this.dnsPort = dnsPort;
    this.stderr = stderr;
    this.startedMillis = startedMillis;
  }

  /** What Stratus reported as its own start time. */
  long startedMillis() { return startedMillis; }

  private static StratusChild shared;

  /**
   * One ephemeral Stratus shared by the DNS fuzzer, the HTTP fuzzer and the soak (a start costs
   * 5-10 s on two busy cores; sharing also makes the soak run on a Stratus that was just
   * attacked). Stopped when the test JVM exits.
   */
  static synchronized StratusChild shared() throws Exception {
    if (shared == null || !shared.alive()) {
      StratusChild child = start(Path.of("target", "reliability", "shared"), null);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> child.process.destroyForcibly()));
      shared = child;
    }
    return shared;
  }

  /** Starts Stratus on {@code dataDir} (null: ephemeral) and returns once it serves. */
  static StratusChild start(Path workDir, Path dataDir) throws Exception {
    Files.createDirectories(workDir);
    Path err = Files.createTempFile(workDir, "stratus-", ".err");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Xms144m", "-XX:+UseSerialGC", "-XX:NewSize=128m", "-XX:MaxNewSize=128m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
        "-XX:-ShrinkHeapInSteps", // the launcher's
        "--enable-native-access=ALL-UNNAMED"));
    if (Mode.current() == Mode.SHORT) {
      command.add("-XX:TieredStopAtLevel=1"); // C1 only: starts faster, and short runs never reach C2's payoff
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.stratus.app.Main",
        "start", "--bind", "127.0.0.1", "--port", "0", "--dns-port", "0"));
    if (dataDir == null) {
      command.add("--ephemeral");
    } else {
      command.addAll(List.of("--data-dir", dataDir.toString()));
    }
    Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = SERVING.matcher(line);
      if (m.matches()) {
        Thread.ofVirtual().start(() -> drain(out)); // keep the pipe from filling
        int port = Integer.parseInt(m.group(1));
        String endpoints = get(port, "/_stratus/endpoints");
        Matcher d = DNS.matcher(endpoints);
        return new StratusChild(process, port, d.find() ? Integer.parseInt(d.group(1)) : -1, err,
            Long.parseLong(m.group(2)));
      }
    }
    process.destroyForcibly();
    throw new AssertionError("stratus exited before serving; stderr:\n" + Files.readString(err));
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // discard
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  private static String get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  int port() { return port; }

  int dnsPort() { return dnsPort; }

  URI endpoint() { return URI.create("http://127.0.0.1:" + port); }

  boolean alive() { return process.isAlive(); }

  long pid() { return process.pid(); }

  /** True when {@code /_stratus/health} answers 200 within {@code timeout}. */
  boolean healthy(Duration timeout) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_stratus/health"))
          .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Resident set size in KiB (VmRSS), -1 when unreadable. */
  long rssKib() {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid()), "status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
          .orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Open file descriptors, -1 when unreadable. */
  long openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  String stderr() throws IOException { return Files.readString(stderr); }

  /** SIGKILL and wait for it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    return builder.endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDRELIABILITY", "secret")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
