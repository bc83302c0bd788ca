package dev.stratus.app;

import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stratus endpoints}: where the AWS API and each data plane listen, as the running Stratus
 * reports them ({@code GET /_stratus/endpoints}); when it does not report them, or none runs,
 * where {@code stratus start} with the same flags listens. Exit code 1 when none runs.
 */
@Command(name = "endpoints", description = "List where the AWS API and the data planes listen.")
final class EndpointsCommand implements Callable<Integer> {
  @Option(names = "--port", description = "API port (default ${DEFAULT-VALUE}).")
  int port = Settings.DEFAULT_API_PORT;

  @Option(names = "--dns-port", description = "DNS port, used when Stratus is not running (default ${DEFAULT-VALUE}).")
  int dnsPort = Settings.DEFAULT_DNS_PORT;

  @Option(names = "--bind", description = "Address Stratus listens on (default ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Override
  public Integer call() {
    var running = LocalApi.get(bind, port, "/_stratus/endpoints").map(EndpointsJson::read);
    if (running.isPresent()) {
      print(running.get());
      return 0;
    }
    boolean up = LocalApi.get(bind, port, "/_stratus/health").isPresent();
    System.out.println(up
        ? "Stratus is running on port " + port + " and does not list its endpoints; from the flags:"
        : "Stratus is not running on port " + port + "; `stratus start` with these flags listens on:");
    print(List.of(new Endpoint("AWS APIs", "http", bind, port), new Endpoint("Route 53 DNS", "udp+tcp", bind, dnsPort)));
    return up ? 0 : 1;
  }

  private static void print(List<Endpoint> endpoints) {
    int width = endpoints.stream().mapToInt(e -> e.description().length()).max().orElse(0);
    for (var e : endpoints) {
      System.out.printf("%-" + width + "s  %-7s  %s:%d%n", e.description(), e.protocol(), LocalApi.hostLiteral(e.address()), e.port());
    }
  }
}
