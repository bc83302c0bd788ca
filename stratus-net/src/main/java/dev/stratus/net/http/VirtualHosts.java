package dev.stratus.net.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * HTTP data planes that also answer on the AWS API port by Host header (ARCHITECTURE
 * "Addresses": {@code curl http://web-123.us-east-1.elb.localhost:4566/}). A data plane registers
 * each of its DNS names; the API server asks before AWS dispatch. StratusServer provides one in
 * the extensions.
 */
public final class VirtualHosts {
  private final Map<String, HttpService> hosts = new ConcurrentHashMap<>();
  private final List<Router> routers = new CopyOnWriteArrayList<>();

  /**
   * Claims requests by more than an exact Host: S3 answers every {@code <bucket>.s3.localhost}
   * and path-style requests signed for {@code s3}. Asked after the exact names, in order of
   * registration; called on the event loop, so it must only look at the request.
   */
  @FunctionalInterface
  public interface Router {
    Optional<HttpService> route(HttpRequest request);
  }

  /** Adds {@code router}; run the result to remove it. */
  public Runnable addRouter(Router router) {
    routers.add(router);
    return () -> routers.remove(router);
  }

  /** The service for a request: a registered Host name first, then the routers. */
  public Optional<HttpService> find(HttpRequest request) {
    Optional<HttpService> byHost = find(request.headers().get(HttpHeaderNames.HOST));
    if (byHost.isPresent()) return byHost;
    for (Router router : routers) {
      Optional<HttpService> claimed = router.route(request);
      if (claimed.isPresent()) return claimed;
    }
    return Optional.empty();
  }

  /** Serves {@code host} (case-insensitive, no port) with {@code service}; run the result to stop. */
  public Runnable register(String host, HttpService service) {
    String key = host.toLowerCase(Locale.ROOT);
    hosts.put(key, service);
    return () -> hosts.remove(key, service);
  }

  /** The service for a Host header's value (its port ignored), if a data plane registered the name. */
  public Optional<HttpService> find(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty() || hosts.isEmpty()) return Optional.empty();
    String host = hostHeader;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) host = host.substring(0, colon);
    if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    return Optional.ofNullable(hosts.get(host.toLowerCase(Locale.ROOT)));
  }

  /** Names registered now (tests, endpoints). */
  public java.util.Set<String> names() { return java.util.Set.copyOf(hosts.keySet()); }
}
