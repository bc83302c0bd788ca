package dev.stratus.net.http;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilter;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.http.HttpRequestView;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The named filter slots of one resource (WAF, authorisation, throttling), run in order: the
 * first filter that answers ends the request; headers a filter adds reach the next ones and the
 * service. The front end runs it for its own listeners; {@link #guard} runs it in front of a
 * service reached another way (an ALB by Host header on the API port), so no path skips a slot.
 * A body spooled to a file ({@link SpooledHttpRequest}) reaches the filters as its first
 * {@link HttpRequestView#SPOOLED_BODY_PREFIX} bytes and its full length.
 */
public final class FilterChain {
  private FilterChain() {}

  /** The response of the first filter of {@code resourceArn} that answers, or null when all let it through. */
  public static FullHttpResponse run(HttpFilterRegistry filters, String resourceArn, List<FilterSlot> slots,
      FullHttpRequest request, InetSocketAddress client, boolean tls) {
    HttpRequestView view = null;
    java.nio.ByteBuffer spooledHead = null; // read from the file once per request
    for (FilterSlot slot : slots) {
      HttpFilter filter = filters.find(resourceArn, slot).orElse(null);
      if (filter == null) continue;
      if (view == null) {
        spooledHead = spooledHead(request);
        view = view(request, client, tls, spooledHead);
      }
      switch (filter.filter(view)) {
        case FilterVerdict.Continue c -> {
          if (!c.addedHeaders().isEmpty()) {
            c.addedHeaders().forEach((k, v) -> request.headers().set(k, v));
            view = view(request, client, tls, spooledHead);
          }
        }
        case FilterVerdict.Respond r -> {
          FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
              Unpooled.wrappedBuffer(r.body()));
          r.headers().forEach((k, v) -> out.headers().set(k, v));
          return out;
        }
      }
    }
    return null;
  }

  /** {@code service} behind every slot of {@code resourceArn}. */
  public static HttpService guard(HttpFilterRegistry filters, String resourceArn, HttpService service) {
    List<FilterSlot> slots = List.of(FilterSlot.values());
    return exchange -> {
      FullHttpResponse refused = run(filters, resourceArn, slots, exchange.request(), exchange.remote(), exchange.tls());
      return refused != null ? CompletableFuture.completedFuture(refused) : service.serve(exchange);
    };
  }

  /**
   * A spooled body's first {@link HttpRequestView#SPOOLED_BODY_PREFIX} bytes, read from its file
   * (WAF inspects at most that much; the rest stays on disk); null for an aggregated request.
   */
  private static java.nio.ByteBuffer spooledHead(FullHttpRequest request) {
    if (!(request instanceof SpooledHttpRequest spooled)) return null;
    try {
      return spooled.body().head(HttpRequestView.SPOOLED_BODY_PREFIX);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading the spooled body for the filters", e);
    }
  }

  /** The exchange's aggregated request as a filter sees it (for a router that calls a filter itself). */
  public static HttpRequestView view(HttpExchange ex) {
    return view(ex.request(), ex.remote(), ex.tls(), null);
  }

  private static HttpRequestView view(FullHttpRequest request, InetSocketAddress client, boolean tls,
      java.nio.ByteBuffer spooledHead) {
    Map<String, List<String>> headers = HttpExchange.headersByLowerCaseName(request.headers());
    if (request instanceof SpooledHttpRequest spooled && spooledHead != null) {
      // The body's first bytes and its full length: WAF's oversize handling applies beyond its limit.
      return new HttpRequestView(request.method().name(), request.uri(), request.protocolVersion().text(), headers,
          spooledHead.duplicate(), client, tls, Math.max(spooledHead.remaining(), spooled.body().length()));
    }
    return new HttpRequestView(request.method().name(), request.uri(), request.protocolVersion().text(), headers,
        request.content().nioBuffer(), client, tls);
  }
}
