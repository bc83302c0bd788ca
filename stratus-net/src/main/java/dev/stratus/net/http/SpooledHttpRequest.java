package dev.stratus.net.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Objects;

/**
 * What the pipeline carries after the body spooler instead of an aggregated request: the head,
 * an empty content, and the body's file with the service that planned it. It passes the
 * aggregator untouched (it is already full) and reaches the handler that serves requests.
 */
public final class SpooledHttpRequest extends DefaultFullHttpRequest {
  private final SpooledBody body;
  private final StreamingHttpService service;

  SpooledHttpRequest(HttpRequest head, SpooledBody body, StreamingHttpService service) {
    super(head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER, head.headers(),
        io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    this.body = Objects.requireNonNull(body, "body");
    this.service = Objects.requireNonNull(service, "service");
  }

  /** The body's file. */
  public SpooledBody body() { return body; }

  /** The service whose {@link StreamingHttpService#plan} asked for the file. */
  public StreamingHttpService service() { return service; }
}
