package dev.stratus.elbv2.model;

/**
 * The Location of a redirect action (elbv2.md §10): each part is the action's value with the
 * placeholders {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} (without
 * its leading {@code /}) and {@code #{query}} filled from the request; an unset part keeps the
 * request's value. The default port of the protocol is left out of the URL.
 */
public final class Redirects {
  private Redirects() {}

  public static int statusCode(Action.Redirect r) { return "HTTP_302".equals(r.statusCode()) ? 302 : 301; }

  public static String location(Action.Redirect r, RequestView q) {
    String protocol = fill(r.protocol() == null ? "#{protocol}" : r.protocol(), q).toLowerCase(java.util.Locale.ROOT);
    String host = fill(r.host() == null ? "#{host}" : r.host(), q);
    String port = fill(r.port() == null ? "#{port}" : r.port(), q);
    String path = fill(r.path() == null ? "/#{path}" : r.path(), q);
    String query = fill(r.query() == null ? "#{query}" : r.query(), q);
    boolean defaultPort = (protocol.equals("http") && port.equals("80")) || (protocol.equals("https") && port.equals("443"));
    return protocol + "://" + host + (defaultPort ? "" : ":" + port) + (path.startsWith("/") ? path : "/" + path)
        + (query.isEmpty() ? "" : "?" + query);
  }

  private static String fill(String template, RequestView q) {
    String path = q.path() == null ? "" : q.path();
    return template.replace("#{protocol}", q.protocol().toLowerCase(java.util.Locale.ROOT))
        .replace("#{host}", q.host() == null ? "" : q.host())
        .replace("#{port}", String.valueOf(q.port()))
        .replace("#{path}", path.startsWith("/") ? path.substring(1) : path)
        .replace("#{query}", q.rawQuery());
  }
}
