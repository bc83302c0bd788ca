package dev.stratus.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Asks a running Stratus about itself over its API port ({@code /_stratus/...}). */
final class LocalApi {
  /**
   * Connect and read timeout, 5 s: a free port refuses at once, and a Stratus on loopback answers
   * in milliseconds once warm, but its first answer on a busy machine can take a second.
   */
  private static final int TIMEOUT_MS = 5_000;

  private LocalApi() {}

  /** The body of a 200 answer to {@code GET path}; empty when nothing answers or not with 200. */
  static Optional<String> get(String host, int port, String path) {
    return get(URI.create("http://" + hostLiteral(host) + ":" + port + path));
  }

  /** The body of a 200 answer to {@code GET path} at {@code endpoint}; empty when nothing answers or not with 200. */
  static Optional<String> get(StratusEndpoint endpoint, String path) {
    return get(endpoint.uri().resolve(path));
  }

  private static Optional<String> get(URI uri) {
    try {
      var connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MS);
      connection.setReadTimeout(TIMEOUT_MS);
      try {
        if (connection.getResponseCode() != 200) return Optional.empty();
        try (InputStream in = connection.getInputStream()) {
          return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The host to ask: a wildcard bind address is reached on loopback; IPv6 literals get brackets. */
  static String hostLiteral(String host) {
    if (host.equals("0.0.0.0")) return "127.0.0.1";
    if (host.equals("::") || host.equals("[::]")) return "[::1]";
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
