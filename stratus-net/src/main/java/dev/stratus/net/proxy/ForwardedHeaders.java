package dev.stratus.net.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;

/**
 * The X-Forwarded-* headers a load balancer adds to a request (elbv2 "X-Forwarded headers"):
 * X-Forwarded-For per {@link XffMode}; X-Forwarded-Proto ({@code http} or {@code https}) and
 * X-Forwarded-Port (the listener's port) always set to what this hop saw, replacing the client's.
 */
public final class ForwardedHeaders {
  public static final String X_FORWARDED_FOR = "X-Forwarded-For";
  public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  public static final String X_FORWARDED_PORT = "X-Forwarded-Port";

  private ForwardedHeaders() {}

  public static void apply(HttpHeaders headers, InetSocketAddress client, boolean tls, int listenerPort, XffMode mode) {
    String clientIp = client.getAddress().getHostAddress();
    switch (mode) {
      case APPEND -> {
        if (!headers.contains(X_FORWARDED_FOR)) {
          headers.set(X_FORWARDED_FOR, clientIp); // the usual case: no list to join
        } else {
          String existing = String.join(", ", headers.getAll(X_FORWARDED_FOR));
          headers.set(X_FORWARDED_FOR, existing.isEmpty() ? clientIp : existing + ", " + clientIp);
        }
      }
      case PRESERVE -> { }
      case REMOVE -> headers.remove(X_FORWARDED_FOR);
    }
    headers.set(X_FORWARDED_PROTO, tls ? "https" : "http");
    headers.set(X_FORWARDED_PORT, Integer.toString(listenerPort));
  }
}
