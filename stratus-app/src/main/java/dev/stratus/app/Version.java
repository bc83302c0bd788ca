package dev.stratus.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, as Maven wrote it into {@code version.properties}. */
final class Version {
  private static final String CURRENT = read();

  private Version() {}

  static String current() { return CURRENT; }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "dev";
      var p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
