package dev.stratus.net.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP data planes that also answer on the AWS API port by Host header (ARCHITECTURE
 * "Addresses": {@code curl http://web-123.us-east-1.elb.localhost:4566/}). A data plane registers
 * each of its DNS names; the API server asks before AWS dispatch. StratusServer provides one in
 * the extensions.
 */
public final class VirtualHosts {
  private final Map<String, HttpService> hosts = new ConcurrentHashMap<>();

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
