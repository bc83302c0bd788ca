package dev.stratus.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures one scenario measured: printed, and appended to target/reliability/figures.txt. */
final class Figures {
  private final String scenario;
  private final Map<String, Object> values = new LinkedHashMap<>();

  Figures(String scenario) {
    this.scenario = scenario;
  }

  Figures put(String name, Object value) {
    values.put(name, value);
    return this;
  }

  Object get(String name) {
    return values.get(name);
  }

  /** Prints and records the figures. */
  void report() {
    StringBuilder line = new StringBuilder(Instant.now() + " " + scenario + " [" + Mode.current().name() + "]");
    values.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
    try {
      Path file = Path.of("target", "reliability", "figures.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
