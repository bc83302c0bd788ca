package dev.stratus.elbv2.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an ALB's rules see of one request, as parsed by the front end: no Netty types so the
 * routing rules stay pure.
 *
 * @param protocol {@code HTTP} or {@code HTTPS}: the listener's protocol
 * @param host the first Host header without the port (rules use the first, elbv2.md §25)
 * @param port the listener port the client connected to
 * @param path the path, percent-decoded as the ALB matches it, without the query
 * @param rawQuery the query string without {@code ?}, empty when none (kept for redirects)
 * @param query decoded query parameters in request order
 * @param headers header names in lower case
 * @param cookies cookie name to value (the first occurrence wins)
 * @param sourceIp the immediate peer's address (not X-Forwarded-For)
 */
public record RequestView(String protocol, String host, int port, String method, String path, String rawQuery,
    Map<String, List<String>> query, Map<String, List<String>> headers, Map<String, String> cookies, String sourceIp) {

  public RequestView {
    query = query == null ? Map.of() : query;
    headers = headers == null ? Map.of() : headers;
    cookies = cookies == null ? Map.of() : cookies;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  public List<String> header(String name) { return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()); }

  public Optional<String> cookie(String name) { return Optional.ofNullable(cookies.get(name)); }
}
