package dev.stratus.app;

import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratus endpoints}: where the AWS API and each data plane listen, as the running Stratus
 * reports them ({@code GET /_stratus/endpoints}); when it does not report them, or none runs,
 * where {@code stratus start} with the same flags listens. Exit code 1 when none runs.
 */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
    description = "List where the AWS API and the data planes listen.")
final class EndpointsCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Mixin EndpointOptions where;

  @Option(names = "--dns-port", description = "DNS port, used when Stratus is not running (default ${DEFAULT-VALUE}).")
  int dnsPort = Settings.DEFAULT_DNS_PORT;

  @Override
  public Integer call() {
    StratusEndpoint endpoint = where.endpoint();
    var running = LocalApi.get(endpoint, "/_stratus/endpoints").map(EndpointsJson::read);
    if (running.isPresent()) {
      print(running.get());
      return 0;
    }
    boolean up = LocalApi.get(endpoint, "/_stratus/health").isPresent();
    System.out.println(up
        ? "Stratus is running on " + endpoint + " and does not list its endpoints; from the flags:"
        : "Stratus is not running on " + endpoint + "; `stratus start` with these flags listens on:");
    String host = endpoint.host().replace("[", "").replace("]", "");
    print(List.of(new Endpoint("AWS APIs", "http", host, endpoint.port()), new Endpoint("Route 53 DNS", "udp+tcp", host, dnsPort)));
    return up ? 0 : 1;
  }

  private static void print(List<Endpoint> endpoints) {
    int width = endpoints.stream().mapToInt(e -> e.description().length()).max().orElse(0);
    for (var e : endpoints) {
      System.out.printf("%-" + width + "s  %-7s  %s:%d%n", e.description(), e.protocol(), LocalApi.hostLiteral(e.address()), e.port());
    }
  }
}
