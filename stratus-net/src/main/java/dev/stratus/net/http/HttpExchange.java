package dev.stratus.net.http;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request as a service sees it. The front end owns {@code request} and releases it when the
 * service's response stage completes; a service that keeps the body longer (to forward it) must
 * {@code retain()} or {@code retainedDuplicate()} it.
 *
 * @param request the aggregated request, after the filter chain (with any headers filters added)
 * @param remote the client (TCP peer)
 * @param local the listener address the client connected to
 * @param tls whether the connection is TLS
 * @param channel the client connection (its event loop runs outbound connections without
 *     hand-offs; {@link HttpFrontEnd#UPGRADE} is set on it to take it over after a 101)
 */
public record HttpExchange(FullHttpRequest request, InetSocketAddress remote, InetSocketAddress local, boolean tls,
    Channel channel) {
  public HttpExchange {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(channel, "channel");
  }

  /** The client connection's event loop. */
  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  /** True when the client asks to switch to WebSocket ({@code Upgrade: websocket}). */
  public boolean isWebSocketUpgrade() {
    return request.headers().containsValue("Upgrade", "websocket", true)
        && request.headers().containsValue("Connection", "upgrade", true);
  }

  /**
   * Header name in lower case to its values, in request order: how filters and routers read
   * headers without caring how the client spelled the names.
   */
  public static Map<String, List<String>> headersByLowerCaseName(HttpHeaders headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
    }
    return byName;
  }
}
