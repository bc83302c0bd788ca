package dev.stratus.elbv2.dataplane;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.elbv2.model.StickyCookies;
import dev.stratus.elbv2.model.TargetSelector;
import dev.stratus.net.transport.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every ALB listener of one Stratus shares: the cookie key, one {@link TargetSelector} per
 * target group (round-robin position and outstanding counts span every node and listener that
 * forwards to the group, as one ALB's nodes share a target group), the filter registry, and the
 * access logs.
 */
final class AlbShared implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AlbShared.class.getName());

  final Transport transport;
  final HttpFilterRegistry filters;
  final StickyCookies cookies = StickyCookies.random();
  final Clock clock;
  /** authenticate-oidc / authenticate-cognito: sessions, pending logins and the claims-signing key. */
  final AlbAuth auth;
  private final Optional<Path> accessLogDir;
  private final Map<String, TargetSelector> selectors = new ConcurrentHashMap<>();
  private final Map<String, AlbAccessLog> logs = new ConcurrentHashMap<>();
  private final Map<String, java.net.InetSocketAddress> addresses = new ConcurrentHashMap<>();

  /** ACM's certificates, for HTTPS listeners (empty when ACM does not run). */
  final java.util.function.Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates;

  AlbShared(Transport transport, HttpFilterRegistry filters, Clock clock, Optional<Path> accessLogDir,
      java.util.function.Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates) {
    this.transport = transport;
    this.certificates = certificates;
    this.filters = filters;
    this.clock = clock;
    this.auth = new AlbAuth(clock);
    this.accessLogDir = accessLogDir;
  }

  TargetSelector selector(String targetGroupArn) {
    TargetSelector s = selectors.get(targetGroupArn);
    if (s != null) return s;
    return selectors.computeIfAbsent(targetGroupArn, arn -> new TargetSelector(arn, cookies, ThreadLocalRandom.current()));
  }

  /** The balancer's access log when {@code access_logs.s3.enabled}; empty when off or not writable. */
  AlbAccessLog accessLog(String lbArn) {
    if (accessLogDir.isEmpty()) return null;
    AlbAccessLog log = logs.get(lbArn);
    if (log != null) return log;
    return logs.computeIfAbsent(lbArn, arn -> {
      try {
        return AlbAccessLog.open(accessLogDir.get(), arn);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "cannot open the access log of " + arn, e);
        return null;
      }
    });
  }

  /** A target's socket address, parsed once per target (not per request). */
  java.net.InetSocketAddress socketOf(TargetSelector.Candidate c) {
    String key = c.address() + ":" + c.port();
    java.net.InetSocketAddress a = addresses.get(key);
    if (a != null) return a;
    a = new java.net.InetSocketAddress(c.address(), c.port());
    if (addresses.size() > 10_000) addresses.clear();
    addresses.put(key, a);
    return a;
  }

  /** Trust stores by ARN, for mutual TLS listeners in verify mode (set by the data plane). */
  volatile java.util.function.Function<String, Optional<dev.stratus.elbv2.model.TrustStore>> trustStores = arn -> Optional.empty();

  /** Lambda, for {@code lambda} target groups (empty when Lambda does not run). */
  volatile java.util.function.Supplier<Optional<dev.stratus.core.lambda.FunctionInvoker>> functions = Optional::empty;

  /** Forgets what belongs to resources that are gone. */
  void retain(java.util.Set<String> groupArns, java.util.Set<String> lbArns) {
    selectors.keySet().retainAll(groupArns);
    logs.entrySet().removeIf(e -> {
      if (lbArns.contains(e.getKey())) return false;
      e.getValue().close();
      return true;
    });
  }

  @Override
  public void close() {
    logs.values().forEach(AlbAccessLog::close);
    logs.clear();
  }
}
