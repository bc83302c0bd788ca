package dev.stratus.apigateway.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * REST API stage caches (apigateway.md §17): integration answers kept per stage for the method's
 * TTL on the injected clock, keyed by method, path and the chosen cache-key parameters; entries
 * over 1 MB are not kept. FlushStageCache empties a stage's cache.
 */
final class StageCache {
  /** Largest cached response body, 1 MB (apigateway.md §17, limits). */
  static final int MAX_ENTRY_BYTES = 1024 * 1024;

  private record Entry(Instant expires, int status, HttpHeaders headers, byte[] body) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  Optional<FullHttpResponse> get(String stageKey, String key, Instant now) {
    Entry e = entries.get(stageKey + "|" + key);
    if (e == null) return Optional.empty();
    if (!e.expires().isAfter(now)) {
      entries.remove(stageKey + "|" + key, e);
      return Optional.empty();
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.status()),
        Unpooled.wrappedBuffer(e.body()));
    r.headers().set(e.headers());
    return Optional.of(r);
  }

  void put(String stageKey, String key, FullHttpResponse r, Instant expires) {
    if (r.status().code() >= 400 || r.content().readableBytes() > MAX_ENTRY_BYTES) return;
    byte[] body = new byte[r.content().readableBytes()];
    r.content().getBytes(r.content().readerIndex(), body);
    entries.put(stageKey + "|" + key, new Entry(expires, r.status().code(), r.headers().copy(), body));
  }

  /** Empties the cache of one stage ({@code apiId/stage}). */
  void flush(String stageKey) { entries.keySet().removeIf(k -> k.startsWith(stageKey + "|")); }
}
