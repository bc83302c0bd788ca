package dev.stratus.elbv2.dataplane;

import dev.stratus.net.http.HttpExchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's headers and cookies as {@link dev.stratus.elbv2.model.RequestView}'s maps, read
 * from Netty's headers only when asked: most requests meet rules that look at the path alone, so
 * nothing is copied or decoded up front. Used on the request's event loop only.
 */
final class RequestMaps {
  private RequestMaps() {}

  /** Header name (lower case, as the rules ask) to its values; Netty's lookup ignores case. */
  static Map<String, List<String>> headers(HttpHeaders headers) {
    return new Lazy<>() {
      @Override
      public List<String> get(Object name) {
        if (!(name instanceof String n) || !headers.contains(n)) return null;
        return headers.getAll(n);
      }

      @Override
      public boolean containsKey(Object name) {
        return name instanceof String n && headers.contains(n);
      }

      @Override
      Map<String, List<String>> build() {
        return HttpExchange.headersByLowerCaseName(headers);
      }
    };
  }

  /** Cookie name to value, the first occurrence winning, decoded on first use. */
  static Map<String, String> cookies(HttpHeaders headers) {
    return new Lazy<>() {
      @Override
      Map<String, String> build() {
        Map<String, String> cookies = new HashMap<>();
        for (String value : headers.getAll(HttpHeaderNames.COOKIE)) {
          for (Cookie c : ServerCookieDecoder.LAX.decodeAll(value)) cookies.putIfAbsent(c.name(), c.value());
        }
        return cookies;
      }
    };
  }

  /** A map built on its first read. */
  private abstract static class Lazy<V> extends AbstractMap<String, V> {
    private Map<String, V> built;

    abstract Map<String, V> build();

    private Map<String, V> map() {
      if (built == null) built = build();
      return built;
    }

    @Override
    public V get(Object key) { return map().get(key); }

    @Override
    public boolean containsKey(Object key) { return map().containsKey(key); }

    @Override
    public Set<Entry<String, V>> entrySet() { return map().entrySet(); }
  }
}
