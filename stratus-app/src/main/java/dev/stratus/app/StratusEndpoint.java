package dev.stratus.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running Stratus answers, named one way for every subcommand: {@code --endpoint URL};
 * else {@code --port} / {@code --host} as shorthands (each defaulting to the rest of what follows);
 * else {@code $STRATUS_ENDPOINT}, else {@code $AWS_ENDPOINT_URL}, else {@code http://127.0.0.1:4566}.
 * The launcher's {@code ./stratus wait} resolves it the same way.
 *
 * @param uri {@code http(s)://HOST:PORT}, no path
 */
record StratusEndpoint(URI uri) {
  /** Where a local Stratus answers by default. */
  static final String DEFAULT = "http://127.0.0.1:4566";

  /** A value the user gave that names no endpoint; the message is the one line they see. */
  static final class BadEndpointException extends Exception {
    BadEndpointException(String message) { super(message); }
  }

  /** Resolves the flags (null when not given) against {@code env}. */
  static StratusEndpoint resolve(String endpoint, String host, Integer port, Map<String, String> env)
      throws BadEndpointException {
    if (endpoint != null && (host != null || port != null)) {
      throw new BadEndpointException("give either --endpoint or --port/--host, not both");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new BadEndpointException("--port must be a port number from 1 to 65535, not " + port);
    }
    String source = endpoint != null ? "--endpoint" : nonEmpty(env.get("STRATUS_ENDPOINT")).isPresent()
        ? "STRATUS_ENDPOINT" : nonEmpty(env.get("AWS_ENDPOINT_URL")).isPresent() ? "AWS_ENDPOINT_URL" : "default";
    String text = endpoint != null ? endpoint : nonEmpty(env.get("STRATUS_ENDPOINT"))
        .or(() -> nonEmpty(env.get("AWS_ENDPOINT_URL"))).orElse(DEFAULT);
    URI base = parse(text, source);
    if (host == null && port == null) return new StratusEndpoint(base);
    String h = host != null ? LocalApi.hostLiteral(host.trim()) : base.getHost();
    int p = port != null ? port : base.getPort();
    try {
      return new StratusEndpoint(new URI(base.getScheme() + "://" + h + ":" + p));
    } catch (URISyntaxException e) {
      throw new BadEndpointException("--host must be a host name or address, not '" + host + "'");
    }
  }

  private static URI parse(String text, String source) throws BadEndpointException {
    String what = source + " must be http://HOST[:PORT] (e.g. http://127.0.0.1:4566), not '" + text + "'";
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new BadEndpointException(what);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null
        || uri.getQuery() != null || uri.getFragment() != null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      throw new BadEndpointException(what);
    }
    int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) throw new BadEndpointException(what);
    String host = uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
    return URI.create(scheme + "://" + host + ":" + port);
  }

  private static Optional<String> nonEmpty(String s) {
    return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** {@code http://HOST:PORT}. */
  String url() { return uri.toString(); }

  /** The host to connect to, IPv6 literals in brackets. */
  String host() { return uri.getHost(); }

  int port() { return uri.getPort(); }

  @Override
  public String toString() { return url(); }
}
