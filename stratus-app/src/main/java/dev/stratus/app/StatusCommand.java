package dev.stratus.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stratus status}: is a Stratus answering at the endpoint? Exit code 0 if so, 1 if not. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Tell whether Stratus is running (exit code 0) or not (1).")
final class StatusCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Mixin EndpointOptions where;

  @Override
  public Integer call() {
    StratusEndpoint endpoint = where.endpoint();
    if (LocalApi.get(endpoint, "/_stratus/health").isPresent()) {
      System.out.println("Stratus is running on " + endpoint);
      return 0;
    }
    System.out.println("Stratus is not running on " + endpoint);
    return 1;
  }
}
