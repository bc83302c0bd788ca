package dev.stratus.app;

import java.util.logging.Level;
import picocli.CommandLine.Option;

/**
 * {@code --log-level} for the commands other than {@code start} (which has its own): at
 * {@code debug} a failure prints its stack trace after its one line.
 */
final class LogLevelOption {
  @Option(names = "--log-level", converter = LogSetup.LevelConverter.class, paramLabel = "LEVEL", order = 200,
      description = "error, warn, info, debug (with the stack trace of a failure) or trace (default info).")
  void level(Level level) {
    LogSetup.configure(level);
  }
}
