package dev.stratus.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as the codecs see it, independent of Netty: method, raw path, decoded query
 * parameters, headers (case-insensitive) and the complete body.
 */
public record WireRequest(String method, String path, Map<String, List<String>> query,
    Map<String, List<String>> headers, byte[] body) {

  public WireRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body;
  }

  /** Builds a request from a URI ({@code /path?query}) as it appears on the request line. */
  public static WireRequest of(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, List<String>> query = q < 0 ? Map.of() : parseForm(uri.substring(q + 1));
    return new WireRequest(method, path, query, headers, body);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value of a query parameter, or null. */
  public String queryParam(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Query-string parameters merged with a form-encoded body (query and EC2 protocols). */
  public Map<String, String> formParams() {
    Map<String, String> params = new LinkedHashMap<>();
    query.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    String type = header("Content-Type");
    if (body.length > 0 && (type == null || type.toLowerCase().startsWith("application/x-www-form-urlencoded"))) {
      parseForm(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> params.put(k, v.get(0)));
    }
    return params;
  }

  /** Decodes {@code a=1&b=2} (+ as space, %XX) into ordered multi-values. */
  public static Map<String, List<String>> parseForm(String form) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) return out;
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
