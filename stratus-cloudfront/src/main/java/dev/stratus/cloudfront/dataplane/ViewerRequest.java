package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.CompiledDistribution.Behavior;
import dev.stratus.cloudfront.dataplane.cache.CacheSettings;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;

/**
 * A viewer's request as the edge reads it: path, query parameters, headers and cookies; builds
 * the cache key (cloudfront.md §5, §6) and what is forwarded to the origin (§7, §16).
 */
final class ViewerRequest {
  /** Separates the path-and-query part of a cache key from the rest (invalidations match the first part). */
  static final char KEY_SEPARATOR = '\u0001';

  /** Viewer headers never sent to an origin, whatever a policy says (§16). */
  private static final Set<String> NEVER_FORWARDED = Set.of("connection", "keep-alive", "expect", "proxy-authorization",
      "proxy-connection", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "x-real-ip",
      "x-forwarded-proto", "content-length", "host", "accept-encoding", "cookie", "x-forwarded-for", "via",
      "user-agent", "x-amz-cf-id",
      // the edge makes its own conditional and range requests to fill its cache; the viewer's are answered from it
      "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range");

  final String method;
  final String path;
  final List<String[]> query; // name, raw "name=value" pair
  final HttpHeaders headers;
  final Map<String, String> cookies; // name → raw "name=value"
  final String viewerIp;

  ViewerRequest(String method, String uri, HttpHeaders headers, String viewerIp) {
    this.method = method;
    int q = uri.indexOf('?');
    this.path = q < 0 ? uri : uri.substring(0, q);
    this.query = new ArrayList<>();
    if (q >= 0 && q + 1 < uri.length()) {
      for (String pair : uri.substring(q + 1).split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        query.add(new String[] {eq < 0 ? pair : pair.substring(0, eq), pair});
      }
    }
    this.headers = headers;
    this.cookies = new LinkedHashMap<>();
    for (String line : headers.getAll("Cookie")) {
      for (String c : line.split(";")) {
        String t = c.trim();
        if (t.isEmpty()) continue;
        int eq = t.indexOf('=');
        cookies.put(eq < 0 ? t : t.substring(0, eq), t);
      }
    }
    this.viewerIp = viewerIp;
  }

  /** The same viewer asking for another URI (default root object, custom error page). */
  ViewerRequest withPath(String newUri, String newMethod) {
    return new ViewerRequest(newMethod, newUri, headers, viewerIp);
  }

  /** The Accept-Encoding the key and the origin see: gzip and br as the policy allows (§5, §22). */
  String normalisedEncoding(CacheSettings s) {
    String ae = headers.get("Accept-Encoding", "").toLowerCase(Locale.ROOT);
    boolean br = s.brotli() && tokens(ae).contains("br");
    boolean gzip = s.gzip() && tokens(ae).contains("gzip");
    return br && gzip ? "br,gzip" : br ? "br" : gzip ? "gzip" : "";
  }

  private static Set<String> tokens(String header) {
    Set<String> out = new java.util.HashSet<>();
    for (String p : header.split(",")) {
      String t = p.trim();
      int semi = t.indexOf(';');
      String name = semi < 0 ? t : t.substring(0, semi).trim();
      boolean refused = semi >= 0 && t.substring(semi).replace(" ", "").matches(";q=0(\\.0*)?");
      if (!name.isEmpty() && !refused) out.add(name);
    }
    return out;
  }

  /** The cache key under {@code b}'s cache policy. */
  String cacheKey(Behavior b) {
    CacheSettings s = b.cache();
    StringBuilder k = new StringBuilder(path);
    if (method.equals("OPTIONS")) k.insert(0, "OPTIONS "); // cached OPTIONS answers are kept apart from GET/HEAD
    String qs = queryString(s.queryStrings(), s.queryStringNames(), CacheSettings.Behavior.NONE, Set.of());
    if (!qs.isEmpty()) k.append('?').append(qs);
    k.append(KEY_SEPARATOR);
    for (String h : s.headers()) {
      if (h.equals("accept-encoding")) continue;
      k.append(h).append(':').append(String.join(",", headers.getAll(h))).append('\n');
    }
    k.append(KEY_SEPARATOR);
    cookies.forEach((name, raw) -> {
      if (s.cookies().includes(name, s.cookieNames())) k.append(raw).append(';');
    });
    k.append(KEY_SEPARATOR).append(normalisedEncoding(s));
    return k.toString();
  }

  /** The query string sent to the origin: what the cache policy or the origin request policy includes. */
  String forwardedQuery(Behavior b) {
    OriginRequestPolicyConfig orp = b.originRequestPolicy();
    CacheSettings.Behavior ob = CacheSettings.Behavior.NONE;
    Set<String> onames = Set.of();
    if (orp != null && orp.queryStringsConfig() != null) {
      ob = CacheSettings.Behavior.of(orp.queryStringsConfig().queryStringBehaviorAsString());
      if (orp.queryStringsConfig().queryStrings() != null) onames = Set.copyOf(orp.queryStringsConfig().queryStrings().items());
    }
    return queryString(b.cache().queryStrings(), b.cache().queryStringNames(), ob, onames);
  }

  private String queryString(CacheSettings.Behavior a, Set<String> an, CacheSettings.Behavior o, Set<String> on) {
    StringBuilder out = new StringBuilder();
    for (String[] p : query) {
      if (a.includes(p[0], an) || o.includes(p[0], on)) {
        if (!out.isEmpty()) out.append('&');
        out.append(p[1]);
      }
    }
    return out.toString();
  }

  /** The headers sent to the origin (§7, §16); Host is added by the fetcher unless forwarded here. */
  Map<String, List<String>> originHeaders(Behavior b, String requestId, String via) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    OriginRequestPolicyConfig orp = b.originRequestPolicy();
    String hb = orp == null || orp.headersConfig() == null ? "none" : orp.headersConfig().headerBehaviorAsString();
    Set<String> named = new java.util.HashSet<>();
    if (orp != null && orp.headersConfig() != null && orp.headersConfig().headers() != null) {
      orp.headersConfig().headers().items().forEach(h -> named.add(h.toLowerCase(Locale.ROOT)));
    }
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      boolean byPolicy = b.cache().headers().contains(name) || switch (hb) {
        case "whitelist" -> named.contains(name);
        case "allViewer", "allViewerAndWhitelistCloudFront" -> true;
        case "allExcept" -> !named.contains(name);
        default -> false;
      };
      if (name.equals("host") && byPolicy) out.computeIfAbsent("Host", x -> new ArrayList<>()).add(h.getValue());
      if (name.equals("user-agent") && byPolicy) out.computeIfAbsent("User-Agent", x -> new ArrayList<>()).add(h.getValue());
      if (!byPolicy || NEVER_FORWARDED.contains(name)) continue;
      out.computeIfAbsent(h.getKey(), x -> new ArrayList<>()).add(h.getValue());
    }
    out.putIfAbsent("User-Agent", List.of("Amazon CloudFront"));
    String viewerVia = headers.get("Via");
    out.put("Via", List.of(viewerVia == null ? via : viewerVia + ", " + via));
    String xff = headers.get("X-Forwarded-For");
    out.put("X-Forwarded-For", List.of(xff == null ? viewerIp : xff + ", " + viewerIp));
    out.put("X-Amz-Cf-Id", List.of(requestId));
    String enc = normalisedEncoding(b.cache());
    if (!enc.isEmpty()) out.put("Accept-Encoding", List.of(enc));
    StringBuilder cookie = new StringBuilder();
    CacheSettings.Behavior ocb = CacheSettings.Behavior.NONE;
    Set<String> ocn = Set.of();
    if (orp != null && orp.cookiesConfig() != null) {
      ocb = CacheSettings.Behavior.of(orp.cookiesConfig().cookieBehaviorAsString());
      if (orp.cookiesConfig().cookies() != null) ocn = Set.copyOf(orp.cookiesConfig().cookies().items());
    }
    for (Map.Entry<String, String> c : cookies.entrySet()) {
      if (b.cache().cookies().includes(c.getKey(), b.cache().cookieNames()) || ocb.includes(c.getKey(), ocn)) {
        if (!cookie.isEmpty()) cookie.append("; ");
        cookie.append(c.getValue());
      }
    }
    if (!cookie.isEmpty()) out.put("Cookie", List.of(cookie.toString()));
    return out;
  }
}
