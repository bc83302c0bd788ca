package dev.stratus.net.proxy;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Objects;

/**
 * How one forwarded request ended, so each data plane answers with its own AWS codes (an ALB:
 * connect failed → 502 or 503, timed out → 504, reset or malformed → 502).
 */
public sealed interface ProxyOutcome {

  /** The target answered; the caller owns (and must write or release) {@code response}. */
  record Response(FullHttpResponse response) implements ProxyOutcome {
    public Response {
      Objects.requireNonNull(response, "response");
    }
  }

  /** No connection could be made: refused, unreachable, or not within the connect timeout. */
  record ConnectFailed(String reason) implements ProxyOutcome {}

  /** Connected, but no complete response came within the response timeout. */
  record TimedOut() implements ProxyOutcome {}

  /** The target closed or reset the connection before a complete response. */
  record Reset(String reason) implements ProxyOutcome {}

  /** The target's bytes were not a valid HTTP/1.x response (or the response was over the limit). */
  record MalformedResponse(String reason) implements ProxyOutcome {}
}
