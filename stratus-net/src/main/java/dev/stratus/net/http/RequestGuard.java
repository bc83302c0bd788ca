package dev.stratus.net.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refuses, before anything else sees it, every request two HTTP parsers could read differently
 * (request smuggling, desync) and every request this server will not speak. The refusal is
 * answered and the connection closed; nothing after the refused request on that connection is
 * read, since where it starts is exactly what is in doubt.
 *
 * <p>Refused with 400: anything the strict decoder failed on (bare CR or LF, invalid header
 * name or value, a request line or headers over their limits, a bad chunk size, both
 * Content-Length and Transfer-Encoding, duplicate or differing Content-Length); a
 * Transfer-Encoding other than exactly one {@code chunked} ({@code xchunked}, {@code chunked,
 * identity}, two headers); an HTTP/1.1 request without exactly one Host. Refused with 505: any
 * version but HTTP/1.0 and HTTP/1.1 (RFC 9110 §15.6.6).
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
  /** Fine: the access log's line for a request no service saw, in the API access log's shape. */
  private static final Logger LOG = Logger.getLogger(RequestGuard.class.getName());

  private final ErrorPages pages;
  private boolean refused;

  RequestGuard(ErrorPages pages) {
    this.pages = pages;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Optional<HttpResponseStatus> refusal = switch (msg) {
      case HttpRequest request -> check(request);
      case HttpContent content when content.decoderResult().isFailure() -> Optional.of(HttpResponseStatus.BAD_REQUEST);
      default -> Optional.empty();
    };
    if (refusal.isEmpty()) {
      ctx.fireChannelRead(msg);
      return;
    }
    Throwable cause = msg instanceof HttpObject o && o.decoderResult().isFailure() ? o.decoderResult().cause() : null;
    ReferenceCountUtil.release(msg);
    LOG.fine(() -> "- - " + refusal.get().code() + " 0 ms refused HTTP request from " + ctx.channel().remoteAddress()
        + (cause != null ? ": malformed HTTP request: " + cause.getMessage() : ""));
    refuse(ctx, refusal.get());
  }

  /** Why {@code request} is refused, if it is. */
  static Optional<HttpResponseStatus> check(HttpRequest request) {
    if (request.decoderResult().isFailure()) return Optional.of(HttpResponseStatus.BAD_REQUEST);
    HttpVersion version = request.protocolVersion();
    if (version.majorVersion() != 1 || (version.minorVersion() != 0 && version.minorVersion() != 1)) {
      return Optional.of(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED);
    }
    var headers = request.headers();
    if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      List<String> te = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
      if (te.size() != 1 || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(te.getFirst())
          || version.minorVersion() == 0 || headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        return Optional.of(HttpResponseStatus.BAD_REQUEST);
      }
    }
    if (version.minorVersion() == 1 && count(headers, HttpHeaderNames.HOST) != 1) {
      return Optional.of(HttpResponseStatus.BAD_REQUEST);
    }
    return Optional.empty();
  }

  /** How many times {@code name} occurs, without building the list of its values (every request asks). */
  private static int count(io.netty.handler.codec.http.HttpHeaders headers, CharSequence name) {
    int n = 0;
    for (var it = headers.valueCharSequenceIterator(name); it.hasNext(); it.next()) n++;
    return n;
  }

  private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
    refused = true;
    ctx.channel().config().setAutoRead(false);
    FullHttpResponse page = pages.page(status);
    page.headers().set(HttpHeaderNames.CONTENT_LENGTH, page.content().readableBytes());
    page.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(page).addListener(ChannelFutureListener.CLOSE);
  }
}
