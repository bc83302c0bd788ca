package dev.stratus.apigateway.dataplane;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.net.proxy.ReverseProxy;
import dev.stratus.net.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What every REST API router of one Stratus shares: the snapshot, the rate counters, one reverse
 * proxy per integration timeout, the compiled request models, the filter registry and the way to
 * Lambda (found when asked: Lambda may start after API Gateway, or not at all).
 */
final class RestShared {
  /** Connecting to an HTTP backend: at most 10 s, as API Gateway (and never beyond the integration timeout). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  final Clock clock;
  final Transport transport;
  final HttpFilterRegistry filters;
  final Supplier<Optional<FunctionInvoker>> invoker;
  final UsageMeters meters = new UsageMeters();
  final StageCache cache = new StageCache();
  final AccessLogs accessLogs;
  /** VPC_LINK integrations' way to the link's NLB; the data plane sets it. */
  volatile VpcLinkRoutes vpcLinks = VpcLinkRoutes.NONE;
  private final Supplier<ApiSnapshot> snapshot;
  private final ConcurrentHashMap<Integer, ReverseProxy> proxies = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Schema> schemas = new ConcurrentHashMap<>();
  /** Made at the first request validation, not at start: its dialect loads ~190 classes. */
  private final dev.stratus.core.Lazy<SchemaRegistry> registry =
      dev.stratus.core.Lazy.of(() -> SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4));

  RestShared(Clock clock, Transport transport, HttpFilterRegistry filters, Supplier<Optional<FunctionInvoker>> invoker,
      Supplier<ApiSnapshot> snapshot, java.nio.file.Path accessLogDir) {
    this.accessLogs = new AccessLogs(accessLogDir);
    this.clock = clock;
    this.transport = transport;
    this.filters = filters;
    this.invoker = invoker;
    this.snapshot = snapshot;
  }

  ApiSnapshot snapshot() { return snapshot.get(); }

  /** The proxy whose response timeout is the integration's timeout. */
  ReverseProxy proxy(int timeoutMillis) {
    return proxies.computeIfAbsent(timeoutMillis, t -> {
      Duration timeout = Duration.ofMillis(t);
      Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
      return new ReverseProxy(transport, ReverseProxy.Settings.ALB.withTimeouts(connect, timeout));
    });
  }

  /** A model's schema, compiled once per schema text; empty when it does not compile. */
  Optional<Schema> schema(String text) {
    if (text == null) return Optional.empty();
    try {
      return Optional.of(schemas.computeIfAbsent(text, t -> registry.get().getSchema(t)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
