package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.CompiledDistribution.GroupSpec;
import dev.stratus.cloudfront.dataplane.CompiledDistribution.OriginSpec;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.s3.OriginRequest;
import dev.stratus.net.proxy.ProxyOutcome;
import dev.stratus.net.proxy.ReverseProxy;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Sends origin requests: custom origins through the shared {@link ReverseProxy} (one per timeout
 * pair), S3 origins through core's {@link BucketOrigin} when Stratus holds the bucket; origin
 * groups fail over to the next member on the configured codes, refused connections and timeouts
 * for GET, HEAD and OPTIONS only (cloudfront.md §14, §15).
 */
final class OriginFetcher {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Set<String> FAILOVER_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
      "proxy-connection", "te", "trailer", "upgrade", "content-length");

  /**
   * One request to send: method, path-and-query (before the origin path), headers, body; whether
   * the viewer came over HTTPS (match-viewer) and the serving edge's own address (the origin sees
   * the connection come from it, as an ALB sees a CloudFront address; null: the kernel's choice).
   */
  record OriginCall(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
      String distributionArn, boolean viewerTls, InetAddress from) {}

  private final Transport transport;
  private final DnsTargetRegistry dns;
  private final Optional<BucketOrigin> buckets;
  private final Map<List<Duration>, ReverseProxy> proxies = new ConcurrentHashMap<>();
  private final Executor resolver = Executors.newVirtualThreadPerTaskExecutor();

  private final dev.stratus.net.listener.ListenerRegistry listeners;
  private final java.util.function.Supplier<io.netty.handler.ssl.SslContext> originTls;

  /** @param originTls the client context for HTTPS origins (made on first use: trust the JDK's CAs and the Stratus CA) */
  OriginFetcher(Transport transport, DnsTargetRegistry dns, Optional<BucketOrigin> buckets,
      dev.stratus.net.listener.ListenerRegistry listeners, java.util.function.Supplier<io.netty.handler.ssl.SslContext> originTls) {
    this.listeners = listeners;
    this.originTls = originTls;
    this.transport = transport;
    this.dns = dns;
    this.buckets = buckets;
  }

  /** Fetches from {@code targetId} (an origin or an origin group) of {@code d}. */
  CompletableFuture<OriginReply> fetch(CompiledDistribution d, String targetId, OriginCall call, EventLoop loop) {
    GroupSpec group = d.groups().get(targetId);
    if (group == null) {
      OriginSpec o = d.origins().get(targetId);
      if (o == null) return CompletableFuture.completedFuture(new OriginReply.Unreachable(502, "no origin " + targetId));
      return fetchOne(o, call, loop);
    }
    return member(d, group, 0, call, loop);
  }

  private CompletableFuture<OriginReply> member(CompiledDistribution d, GroupSpec g, int i, OriginCall call, EventLoop loop) {
    OriginSpec o = d.origins().get(g.members().get(i));
    CompletableFuture<OriginReply> tried = o == null
        ? CompletableFuture.completedFuture(new OriginReply.Unreachable(502, "no origin " + g.members().get(i)))
        : fetchOne(o, call, loop);
    if (i + 1 >= g.members().size() || !FAILOVER_METHODS.contains(call.method())) return tried;
    return tried.thenCompose(r -> {
      boolean failover = switch (r) {
        case OriginReply.Answer a -> g.failoverCodes().contains(a.status());
        case OriginReply.Unreachable u -> true;
      };
      return failover ? member(d, g, i + 1, call, loop) : CompletableFuture.completedFuture(r);
    });
  }

  private CompletableFuture<OriginReply> fetchOne(OriginSpec o, OriginCall call, EventLoop loop) {
    if (o.s3Bucket().isPresent() && buckets.isPresent() && buckets.get().holds(o.s3Bucket().get())) {
      return fetchBucket(o, call);
    }
    boolean https = o.https(call.viewerTls());
    return resolve(o.domainName(), https ? o.httpsPort() : o.httpPort()).thenApply(this::whereItReallyListens).thenCompose(target -> {
      if (target == null) {
        return CompletableFuture.completedFuture(new OriginReply.Unreachable(502, "cannot resolve " + o.domainName()));
      }
      ReverseProxy proxy = proxies.computeIfAbsent(List.of(o.connectTimeout(), o.readTimeout()),
          k -> new ReverseProxy(transport, ReverseProxy.Settings.ALB.withTimeouts(k.get(0), k.get(1))));
      return attempt(proxy, o, call, loop, target, upstream(o, call, https, target), 1);
    });
  }

  /**
   * TLS with SNI and certificate check for the name the origin is asked for (the Host header sent,
   * the origin's domain unless the viewer's Host is forwarded), as CloudFront checks an origin's
   * certificate; from the edge's own address when the origin is on this machine's loopback.
   */
  private ReverseProxy.Upstream upstream(OriginSpec o, OriginCall call, boolean https, InetSocketAddress target) {
    InetAddress from = call.from() != null && target.getAddress().isLoopbackAddress() ? call.from() : null;
    if (!https) return from == null ? ReverseProxy.Upstream.PLAIN : new ReverseProxy.Upstream(null, null, from);
    String host = call.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Host"))
        .flatMap(e -> e.getValue().stream()).findFirst().map(CloudFrontEdge::host).orElse(o.domainName());
    return new ReverseProxy.Upstream(originTls.get(), host, from);
  }

  private CompletableFuture<OriginReply> attempt(ReverseProxy proxy, OriginSpec o, OriginCall call, EventLoop loop,
      InetSocketAddress target, ReverseProxy.Upstream upstream, int n) {
    return proxy.forward(request(o, call), loop, target, upstream).toCompletableFuture().thenCompose(outcome -> switch (outcome) {
      case ProxyOutcome.Response r -> CompletableFuture.completedFuture(answer(r.response()));
      case ProxyOutcome.ConnectFailed f -> n < o.connectionAttempts() ? attempt(proxy, o, call, loop, target, upstream, n + 1)
          : CompletableFuture.completedFuture(new OriginReply.Unreachable(502, f.reason()));
      case ProxyOutcome.TimedOut t -> CompletableFuture.completedFuture(new OriginReply.Unreachable(504, "origin read timeout"));
      case ProxyOutcome.Reset r -> CompletableFuture.completedFuture(new OriginReply.Unreachable(502, r.reason()));
      case ProxyOutcome.MalformedResponse m -> CompletableFuture.completedFuture(new OriginReply.Unreachable(502, m.reason()));
    });
  }

  private static FullHttpRequest request(OriginSpec o, OriginCall call) {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(call.method()),
        o.originPath() + call.pathAndQuery(), Unpooled.wrappedBuffer(call.body()));
    call.headers().forEach((name, values) -> req.headers().add(name, values));
    if (!req.headers().contains("Host")) req.headers().set("Host", o.domainName());
    o.customHeaders().forEach((name, value) -> req.headers().set(name, value));
    return req;
  }

  private static OriginReply answer(FullHttpResponse r) {
    try {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (Map.Entry<String, String> h : r.headers()) {
        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) headers.add(new AbstractMap.SimpleImmutableEntry<>(h));
      }
      return new OriginReply.Answer(r.status().code(), headers, ByteBufUtil.getBytes(r.content()));
    } finally {
      r.release();
    }
  }

  private CompletableFuture<OriginReply> fetchBucket(OriginSpec o, OriginCall call) {
    String pathAndQuery = o.originPath() + call.pathAndQuery();
    int q = pathAndQuery.indexOf('?');
    // A path is percent-decoded only: '+' stays '+' in an S3 key (URLDecoder would make it a space).
    String key = URLDecoder.decode((q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).substring(1)
        .replace("+", "%2B"), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    call.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    OriginRequest req = new OriginRequest(call.method().equals("HEAD") ? "HEAD" : "GET", o.s3Bucket().orElseThrow(), key,
        headers, o.originAccessControl() ? call.distributionArn() : null);
    return buckets.orElseThrow().fetch(req).handle((r, failure) -> {
      if (failure != null) return new OriginReply.Unreachable(502, failure.toString());
      List<Map.Entry<String, String>> out = new ArrayList<>();
      r.headers().forEach((k, vs) -> vs.forEach(v -> out.add(Map.entry(k, v))));
      return new OriginReply.Answer(r.status(), out, r.body());
    });
  }

  /**
   * A Stratus listener asked for at {@code target} but moved by the registry's fallbacks (an ALB
   * on port 80 listening on 8080 without privileges) is reached where it really listens.
   */
  private InetSocketAddress whereItReallyListens(InetSocketAddress target) {
    if (target == null) return null;
    for (var l : listeners.listeners()) {
      if (l.moved() && l.requested().equals(target)) return l.actual();
    }
    return target;
  }

  /**
   * The address of a custom origin's name: an IPv4 literal as is; a name Stratus's DNS holds (an
   * ALB's, under AWS's suffix or Stratus's); {@code localhost}; else the machine's resolver, off
   * the event loop. Null when nothing resolves it.
   */
  CompletableFuture<InetSocketAddress> resolve(String domain, int port) {
    try {
      if (IPV4.matcher(domain).matches()) {
        return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getByName(domain), port));
      }
    } catch (UnknownHostException e) {
      return CompletableFuture.completedFuture(null);
    }
    if (domain.equals("localhost")) {
      return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
    Optional<DnsTarget> held = dns.find(domain);
    if (held.isEmpty() && domain.endsWith(".amazonaws.com")) {
      held = dns.find(domain.substring(0, domain.length() - "amazonaws.com".length()) + "localhost");
    }
    Optional<InetAddress> address = held.flatMap(t -> t.addresses().stream().filter(a -> a instanceof Inet4Address).findFirst());
    if (address.isPresent()) return CompletableFuture.completedFuture(new InetSocketAddress(address.get(), port));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new InetSocketAddress(InetAddress.getByName(domain), port);
      } catch (UnknownHostException e) {
        return null;
      }
    }, resolver);
  }
}
