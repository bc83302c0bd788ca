package dev.stratus.net.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetSocketAddress;
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
 * @param eventLoop the connection's event loop (run outbound connections on it to avoid hand-offs)
 */
public record HttpExchange(FullHttpRequest request, InetSocketAddress remote, InetSocketAddress local, boolean tls,
    EventLoop eventLoop) {
  public HttpExchange {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(eventLoop, "eventLoop");
  }
}
