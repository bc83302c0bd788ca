package dev.stratus.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags that name a running Stratus ({@link StratusEndpoint}): {@code --endpoint URL}, or
 * {@code --port} / {@code --host} as shorthands. A picocli mixin shared by every subcommand that
 * talks to one.
 */
final class EndpointOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--endpoint", paramLabel = "URL", order = 100,
      description = "Stratus's API endpoint (default: $STRATUS_ENDPOINT, else $AWS_ENDPOINT_URL, else " + StratusEndpoint.DEFAULT + ").")
  String endpoint;

  @Option(names = "--port", paramLabel = "PORT", order = 101, description = "Shorthand: Stratus's API port (default 4566).")
  Integer port;

  @Option(names = {"--host", "--bind"}, paramLabel = "HOST", order = 102, description = "Shorthand: Stratus's address (default 127.0.0.1).")
  String host;

  /** The endpoint the flags and the environment name; a bad value is a usage error (exit code 2). */
  StratusEndpoint endpoint() {
    return resolve(mixee, endpoint, host, port);
  }

  static StratusEndpoint resolve(CommandSpec spec, String endpoint, String host, Integer port) {
    try {
      return StratusEndpoint.resolve(endpoint, host, port, System.getenv());
    } catch (StratusEndpoint.BadEndpointException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** {@code --endpoint} only, for {@code reach}, whose {@code --port} is the destination port. */
  static final class UrlOnly {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--endpoint", paramLabel = "URL", order = 100,
        description = "Stratus's API endpoint (default: $STRATUS_ENDPOINT, else $AWS_ENDPOINT_URL, else " + StratusEndpoint.DEFAULT + ").")
    String endpoint;

    StratusEndpoint endpoint() {
      return resolve(mixee, endpoint, null, null);
    }
  }
}
