package dev.stratus.app;

import dev.stratus.core.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stratus status}: is a Stratus answering on the port? Exit code 0 if so, 1 if not. */
@Command(name = "status", description = "Tell whether Stratus is running (exit code 0) or not (1).")
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--port", description = "API port to ask (default ${DEFAULT-VALUE}).")
  int port = Settings.DEFAULT_API_PORT;

  @Option(names = "--host", description = "Address to ask (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Override
  public Integer call() {
    String url = "http://" + LocalApi.hostLiteral(host) + ":" + port;
    if (LocalApi.get(host, port, "/_stratus/health").isPresent()) {
      System.out.println("Stratus is running on " + url);
      return 0;
    }
    System.out.println("Stratus is not running on " + url);
    return 1;
  }
}
