package dev.stratus.wafv2.engine;

import dev.stratus.core.http.HttpRequestView;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request under evaluation: the request's parts, parsed once and lazily, the labels it has
 * collected so far, and the limits of the resource it arrived on. Values are byte strings (each
 * char one byte, ISO-8859-1), as WAF inspects bytes; regexes see them decoded as UTF-8.
 */
final class Evaluation {
  final HttpRequestView request;
  final InspectionLimits limits;
  final IpIntel ipIntel;
  final Set<String> labels = new LinkedHashSet<>();
  private String body;
  private long bodySize = -1;
  private List<Map.Entry<String, String>> queryArgs;
  private List<Map.Entry<String, String>> cookies;
  private List<Map.Entry<String, String>> headers;
  private boolean cookiesOversize;

  Evaluation(HttpRequestView request, InspectionLimits limits, IpIntel ipIntel) {
    this.request = request;
    this.limits = limits;
    this.ipIntel = ipIntel;
  }

  InetAddress clientIp() { return request.client().getAddress(); }

  String uriPath() { return bytes(request.path()); }

  String queryString() {
    String uri = request.uri();
    int q = uri.indexOf('?');
    if (q < 0) return "";
    int hash = uri.indexOf('#', q);
    return bytes(hash < 0 ? uri.substring(q + 1) : uri.substring(q + 1, hash));
  }

  /** Query arguments in order, names and values as sent (not decoded: transformations decode). */
  List<Map.Entry<String, String>> queryArgs() {
    if (queryArgs == null) {
      List<Map.Entry<String, String>> out = new ArrayList<>();
      String qs = queryString();
      if (!qs.isEmpty()) {
        for (String pair : qs.split("&")) {
          if (pair.isEmpty()) continue;
          int eq = pair.indexOf('=');
          out.add(eq < 0 ? Map.entry(pair, "") : Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
        }
      }
      queryArgs = out;
    }
    return queryArgs;
  }

  /** The full body size in bytes (a spooled body's view holds only its first 64 KB). */
  long bodySize() {
    if (bodySize < 0) bodySize = request.bodyLength();
    return bodySize;
  }

  boolean bodyOversize() { return bodySize() > limits.bodyBytes(); }

  /** The inspected part of the body: its first {@link InspectionLimits#bodyBytes()} bytes. */
  String body() {
    if (body == null) {
      ByteBuffer b = request.body().duplicate();
      int n = Math.min(b.remaining(), limits.bodyBytes());
      byte[] bytes = new byte[n];
      b.get(bytes);
      body = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return body;
  }

  /** Headers in arrival order (names lower case, as the front end gives them). */
  List<Map.Entry<String, String>> headers() {
    if (headers != null) return headers;
    List<Map.Entry<String, String>> out = new ArrayList<>();
    request.headers().forEach((name, values) -> {
      for (String v : values) out.add(Map.entry(bytes(name), bytes(v)));
    });
    headers = out;
    return out;
  }

  boolean headersOversize() {
    int count = 0;
    int size = 0;
    for (var e : request.headers().entrySet()) {
      for (String v : e.getValue()) {
        count++;
        size += e.getKey().length() + v.length() + 4;
      }
    }
    return count > InspectionLimits.HEADER_COUNT || size > InspectionLimits.HEADER_BYTES;
  }

  Optional<String> header(String name) {
    List<String> values = request.headers().get(name.toLowerCase(java.util.Locale.ROOT));
    if (values == null || values.isEmpty()) return Optional.empty();
    return Optional.of(bytes(String.join(",", values)));
  }

  List<Map.Entry<String, String>> cookies() {
    if (cookies == null) {
      List<Map.Entry<String, String>> out = new ArrayList<>();
      int size = 0;
      for (String line : request.headers().getOrDefault("cookie", List.of())) {
        for (String part : line.split(";")) {
          String p = part.strip();
          if (p.isEmpty()) continue;
          size += p.length() + 2;
          int eq = p.indexOf('=');
          out.add(eq < 0 ? Map.entry(bytes(p), "") : Map.entry(bytes(p.substring(0, eq)), bytes(p.substring(eq + 1))));
        }
      }
      cookiesOversize = out.size() > InspectionLimits.COOKIE_COUNT || size > InspectionLimits.COOKIE_BYTES;
      cookies = out;
    }
    return cookies;
  }

  boolean cookiesOversize() {
    cookies();
    return cookiesOversize;
  }

  Optional<String> cookie(String name) {
    for (var c : cookies()) if (c.getKey().equals(name)) return Optional.of(c.getValue());
    return Optional.empty();
  }

  /**
   * A request string as WAF's byte string. The front end (Netty) already hands the URI and header
   * values over as ISO-8859-1, one char per byte received; only a string holding characters above
   * U+00FF cannot be that, and is taken as text and encoded as UTF-8.
   */
  static String bytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
    return s;
  }

  /** A byte string back as text, for regexes. */
  static String text(String bytes) {
    for (int i = 0; i < bytes.length(); i++) {
      if (bytes.charAt(i) > 0x7f) return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
