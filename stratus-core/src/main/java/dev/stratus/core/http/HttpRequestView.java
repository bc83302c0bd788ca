package dev.stratus.core.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of one HTTP request as a filter sees it, free of any HTTP library.
 *
 * @param method the request method, e.g. {@code GET}
 * @param uri the request target as sent (path and query)
 * @param protocol {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2.0}
 * @param headers header name (lower case) → values in arrival order
 * @param body the aggregated body, read-only; valid only for the duration of the filter call. For a
 *     body the front end spooled to a file, its first {@link #SPOOLED_BODY_PREFIX} bytes (or all of
 *     it when shorter): what WAF inspects of a body never exceeds that
 * @param client the client's address (the TCP peer)
 * @param tls whether the request arrived over TLS
 * @param bodyLength the full body's size in bytes; more than {@code body}'s when only a prefix is given
 */
public record HttpRequestView(String method, String uri, String protocol, Map<String, List<String>> headers,
    ByteBuffer body, InetSocketAddress client, boolean tls, long bodyLength) {
  /** How much of a spooled body filters get: 64 KB, the most a web ACL inspects (AssociationConfig KB_64). */
  public static final int SPOOLED_BODY_PREFIX = 64 * 1024;

  public HttpRequestView {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(client, "client");
    if (bodyLength < body.remaining()) throw new IllegalArgumentException("bodyLength " + bodyLength + " under the body given");
    body = body.asReadOnlyBuffer();
  }

  /** A request whose whole body is {@code body}. */
  public HttpRequestView(String method, String uri, String protocol, Map<String, List<String>> headers,
      ByteBuffer body, InetSocketAddress client, boolean tls) {
    this(method, uri, protocol, headers, body, client, tls, body == null ? 0 : body.remaining());
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** The path part of {@link #uri()}, without the query string. */
  public String path() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
