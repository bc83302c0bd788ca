package dev.stratus.net.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The responses a front end writes by itself (400 for a refused request, 413, 503, 505, 500), so
 * each data plane answers in its own AWS shape: an ALB its HTML pages with {@code Server:
 * awselb/2.0}, the API port its protocol's envelope.
 */
@FunctionalInterface
public interface ErrorPages {

  /** A fresh response for {@code status}; the front end sets Content-Length and Connection. */
  FullHttpResponse page(HttpResponseStatus status);

  /** A plain-text body naming the status, e.g. {@code 400 Bad Request}. */
  ErrorPages PLAIN = status -> {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(status.code() + " " + status.reasonPhrase() + "\n", StandardCharsets.US_ASCII));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    return r;
  };

  /**
   * The pages an ALB answers itself: nginx-style HTML with nginx's titles ({@code 503 Service
   * Temporarily Unavailable}, {@code 504 Gateway Time-out}; a status without a phrase, such as
   * 460/463/464, shows its number only) and {@code Server: awselb/2.0}.
   */
  ErrorPages ALB = status -> {
    String phrase = switch (status.code()) {
      case 408 -> "Request Time-out";
      case 413 -> "Request Entity Too Large";
      case 414 -> "Request-URI Too Large";
      case 503 -> "Service Temporarily Unavailable";
      case 504 -> "Gateway Time-out";
      default -> status.reasonPhrase();
    };
    String title = phrase.isEmpty() ? String.valueOf(status.code()) : status.code() + " " + phrase;
    String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n</body>\r\n</html>\r\n";
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(html, StandardCharsets.US_ASCII));
    r.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
    return r;
  };
}
