package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.Deployment;
import dev.stratus.apigateway.model.DomainName;
import dev.stratus.apigateway.model.VpcLink;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.apigateway.model.RestApi;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.lambda.FunctionInvoker;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.core.store.Projection;
import dev.stratus.core.store.Store;
import dev.stratus.net.http.ErrorPages;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.HttpLimits;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The execute-api data plane of REST and HTTP APIs: a {@link Projection} of the API Gateway
 * tables into an {@link ApiSnapshot}, and per API with at least one stage: a loopback address from the {@link
 * LoopbackPool}, one listener at {@code <address>:80} (or its substitute) through the listener
 * registry, the name {@code {id}.execute-api.{region}.localhost} in the DNS target registry, and
 * that name (and AWS's {@code …amazonaws.com} form) served on the API port by Host header.
 */
/*
 * Reconciling runs on the projection's one thread. Addresses are kept for the life of the
 * process (not persisted: an API's address may change across a restart; its name does not).
 */
public final class ExecuteApiDataPlane implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ExecuteApiDataPlane.class.getName());
  /** API Gateway's payload limit, 10 MB (apigateway.md §7). */
  static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
  /** TTL of the execute-api names we answer, 60 s. */
  static final long DNS_TTL_SECONDS = 60;
  /** What API Gateway answers itself before routing: {@code {"message": "…"}}. */
  static final ErrorPages PAGES = status -> {
    var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer("{\"message\":\"" + status.reasonPhrase() + "\"}", StandardCharsets.UTF_8));
    r.headers().set("Content-Type", "application/json");
    return r;
  };

  private final Store store;
  private final ListenerRegistry registry;
  private final Transport transport;
  private final VirtualHosts virtualHosts;
  private final DnsTargetRegistry dns;
  private final LoopbackPool pool;
  private final int port;
  private final RestShared shared;
  private final JwtAuthorizers jwt = new JwtAuthorizers();
  private final WebSocketConnections webSockets = new WebSocketConnections();
  private final Map<String, Served> served = new HashMap<>();
  private Projection<ApiSnapshot> projection;
  private volatile boolean closed;
  /** APIs whose default execute-api endpoint is disabled (in effect): it answers 403, custom domains still serve. */
  private volatile Set<String> defaultEndpointOff = Set.of();

  private final Map<String, ServedDomain> domains = new HashMap<>();
  /** VPC links by {@code account/region/id}, refreshed with the projection. */
  private volatile Map<String, VpcLink> vpcLinks = Map.of();
  private Runnable endpointRouter = () -> { };

  private record Served(String address, ListenerRegistry.Bound<HttpFrontEnd> bound, List<Runnable> undo, List<String> names,
      dev.stratus.net.http.HttpService router) {}

  /**
   * A custom domain name, served by {@link DomainRouter}: by its name in the Host header on the
   * API port, and per endpoint type (EDGE, REGIONAL; both while it moves between them) at an
   * endpoint of its own.
   */
  private record ServedDomain(DomainRouter router, Runnable hostUndo, Map<String, DomainEndpoint> endpoints) {}

  /**
   * One endpoint type of a domain: its own address with an HTTP listener and, when ACM has the
   * type's certificate, an HTTPS one serving it; its AWS name ({@code d-….execute-api.…} or
   * {@code d….cloudfront.net}) answering with that address in DNS and by Host on the API port.
   */
  private record DomainEndpoint(String name, Served served, InetSocketAddress tls, DomainTls contexts) {}

  /**
   * An execute-api interface VPC endpoint that private APIs name (their vpcEndpointIds): an
   * address of its own (standing for the endpoint's network interfaces) whose listener serves
   * each of those APIs, and the DNS names answering with it: the per-API aliases
   * {@code {api-id}-{vpce-id}.execute-api.{region}.amazonaws.com} and the endpoint's own names.
   * It listens with HTTP and, with the Stratus CA, with HTTPS ({@code tls}; null without).
   */
  private record ServedEndpoint(Served served, InetAddress address, Set<String> names, InetSocketAddress tls) {}

  /** By {@code account/region/vpce-id}. */
  private final Map<String, ServedEndpoint> vpcEndpoints = new HashMap<>();
  private volatile Supplier<Optional<dev.stratus.core.vpc.VpcLookup>> vpcs = Optional::empty;

  /** Null until {@link #useStratusCa}: execute-api VPC endpoints then listen with HTTP only. */
  private volatile Supplier<Optional<dev.stratus.net.tls.StratusCa>> stratusCa;

  /**
   * Execute-api VPC endpoints also listen with TLS at the HTTPS port (see {@link #useCertificates}),
   * with the Stratus CA's certificate for AWS's names ({@link EndpointTls}), as AWS serves HTTPS there.
   */
  public void useStratusCa(Supplier<Optional<dev.stratus.net.tls.StratusCa>> ca) { this.stratusCa = ca; }

  /** Where the execute-api endpoints' own DNS names come from (EC2's VPC endpoints). */
  public void useVpcs(Supplier<Optional<dev.stratus.core.vpc.VpcLookup>> vpcs) { this.vpcs = vpcs; }

  /** Stops ACM's calls to {@link #certificateChanged} (null until subscribed). */
  private Runnable certificateWatch;

  private volatile Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates = Optional::empty;
  private volatile int httpsPort = 443;

  /**
   * Custom domain names also listen with TLS on their address at {@code httpsPort} (443; 0 in
   * tests), serving their ACM certificate (found through core's Certificates) by SNI.
   */
  public void useCertificates(Supplier<Optional<dev.stratus.core.acm.Certificates>> certificates, int httpsPort) {
    this.certificates = certificates;
    this.httpsPort = httpsPort;
  }

  /**
   * @param port where each API listens on its address: 80, or 0 for any free port (tests)
   * @param virtualHosts the API port's Host-header table (null: not served there)
   */
  public ExecuteApiDataPlane(Store store, Clock clock, ListenerRegistry registry, Transport transport, HttpFilterRegistry filters,
      VirtualHosts virtualHosts, DnsTargetRegistry dns, LoopbackPool pool, int port,
      Supplier<Optional<FunctionInvoker>> invoker, java.nio.file.Path accessLogDir) {
    this.store = store;
    this.registry = registry;
    this.transport = transport;
    this.virtualHosts = virtualHosts;
    this.dns = dns;
    this.pool = pool;
    this.port = port;
    this.shared = new RestShared(clock, transport, filters, invoker, () -> projection == null ? ApiSnapshot.EMPTY
        : projection.current() == null ? ApiSnapshot.EMPTY : projection.current(), accessLogDir);
  }

  public ExecuteApiDataPlane start() {
    if (virtualHosts != null) {
      // Requests through an execute-api interface VPC endpoint, by its names (PrivateEndpoints).
      endpointRouter = virtualHosts.addRouter(request -> {
        PrivateEndpoints.Via via = PrivateEndpoints.parse(request);
        dev.stratus.net.http.HttpService api = via == null ? null : router(via.apiId());
        if (api == null) return Optional.empty();
        dev.stratus.net.http.HttpService served = defaultEndpoint(via.apiId(), api);
        return Optional.of(ex -> {
          PrivateEndpoints.stamp(ex.request(), via.vpceId());
          return served.serve(ex);
        });
      });
    }
    projection = Projection.start("apigateway rest", store,
        Set.of(RestApi.TABLE, Deployment.TABLE, Stage.TABLE, ApiKey.TABLE, UsagePlan.TABLE,
            dev.stratus.apigateway.model.Api.TABLE, dev.stratus.apigateway.model.HttpStage.TABLE,
            dev.stratus.apigateway.model.HttpDeployment.TABLE, DomainName.TABLE, VpcLink.TABLE),
        (previous, events, view) -> {
          ApiSnapshot s = ApiSnapshot.load(view);
          defaultEndpointOff = defaultEndpointOff(s);
          reconcile(s);
          reconcileEndpoints(s);
          reconcileDomains(view.listAll(DomainName.TABLE));
          Map<String, VpcLink> links = new HashMap<>();
          for (VpcLink l : view.listAll(VpcLink.TABLE)) links.put(l.accountId() + "/" + l.region() + "/" + l.id(), l);
          vpcLinks = Map.copyOf(links);
          return s;
        });
    return this;
  }

  public ApiSnapshot awaitCurrent() { return projection.awaitCurrent(); }

  /**
   * VPC_LINK integrations go to a node of the link's Network Load Balancer (found through core's
   * {@link LoadBalancers}), at the actual address of its listener for the integration URI's port.
   */
  public void useLoadBalancers(Supplier<Optional<LoadBalancers>> loadBalancers) {
    Clock clock = shared.clock;
    shared.vpcLinks = new VpcLinkRoutes() {
      @Override
      public Optional<InetSocketAddress> resolve(String scope, String linkId, int port) {
        VpcLink link = vpcLinks.get(scope + "/" + linkId);
        if (link == null || link.targetArns().isEmpty() || !link.status(clock.instant()).equals("AVAILABLE")) return Optional.empty();
        return loadBalancers.get().flatMap(lbs -> lbs.find(link.targetArns().getFirst()))
            .filter(lb -> !lb.nodeAddresses().isEmpty()).map(lb -> {
              InetSocketAddress requested = new InetSocketAddress(anyNode(lb), port);
              return registry.listeners().stream().filter(l -> l.requested().equals(requested))
                  .map(ListenerRegistry.Listener::actual).findFirst().orElse(requested);
            });
      }

      @Override
      public Optional<InetSocketAddress> resolveListener(String scope, String linkId, String listenerArn) {
        VpcLink link = vpcLinks.get(scope + "/" + linkId);
        if (link == null || !link.version().equals("V2") || !link.status(clock.instant()).equals("AVAILABLE")) return Optional.empty();
        // arn:…:listener/app/name/lb-id/listener-id → arn:…:loadbalancer/app/name/lb-id
        int last = listenerArn.lastIndexOf('/');
        if (last < 0 || !listenerArn.contains(":listener/")) return Optional.empty();
        String lbArn = listenerArn.substring(0, last).replace(":listener/", ":loadbalancer/");
        return loadBalancers.get().flatMap(lbs -> lbs.find(lbArn)).filter(lb -> !lb.nodeAddresses().isEmpty()).flatMap(lb -> {
          java.util.Set<String> nodes = java.util.Set.copyOf(lb.nodeAddresses());
          return registry.listeners().stream()
              .filter(l -> l.ownerArn().equals(lbArn) && nodes.contains(l.requested().getAddress().getHostAddress())
                  && !l.protocol().equals("udp"))
              .min(java.util.Comparator.comparingInt((ListenerRegistry.Listener l) -> l.requested().getPort()))
              .map(ListenerRegistry.Listener::actual);
        });
      }
    };
  }

  /** WebSocket connections open now, over every WebSocket API. */
  public int openWebSockets() { return webSockets.size(); }

  /** Empties a REST API stage's cache (FlushStageCache). */
  public void flushStageCache(String restApiId, String stageName) { shared.cache.flush(restApiId + "/" + stageName); }

  /** Requests counted for a usage plan key on a UTC day (what GetUsage reports). */
  public long used(String usagePlanId, String keyId, java.time.LocalDate day) {
    return shared.meters.used(usagePlanId, keyId, day);
  }

  /** The name of a REST API's endpoint: {@code {id}.execute-api.{region}.localhost}. */
  public static String hostName(RestApi api) { return api.id() + ".execute-api." + api.region() + ".localhost"; }

  /** Where the API's own listener really is (after {@link #awaitCurrent}), if it has one. */
  /** Where a stage's access log with this destination ARN is written. */
  public java.nio.file.Path accessLogFile(String destinationArn) { return shared.accessLogs.fileOf(destinationArn); }

  public Optional<InetSocketAddress> listener(String apiId) {
    projection.awaitCurrent();
    synchronized (served) {
      Served s = served.get(apiId);
      return s == null || s.bound() == null ? Optional.empty() : Optional.of(s.bound().record().actual());
    }
  }

  /**
   * The APIs whose default endpoint is off now. REST: the setting as the last stage change applied
   * it. HTTP/WebSocket: what the API's stages serve, i.e. as last deployed, or as it is now when a
   * stage auto-deploys
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html);
   * the setting covers every stage, so the most recently changed stage decides.
   */
  static Set<String> defaultEndpointOff(ApiSnapshot s) {
    Set<String> off = new java.util.HashSet<>();
    for (ApiSnapshot.ApiView v : s.apis().values()) {
      if (v.api().disableExecuteApiEndpointApplied()) off.add(v.api().id());
    }
    for (ApiSnapshot.HttpApiView h : s.httpApis().values()) {
      boolean autoDeploys = h.stages().values().stream().anyMatch(st -> st.stage().autoDeploy());
      boolean disabled = autoDeploys ? h.api().disableExecuteApiEndpoint()
          : h.stages().values().stream().max(java.util.Comparator.comparing((ApiSnapshot.HttpStageView st) ->
              st.stage().lastUpdatedDate() == null ? java.time.Instant.EPOCH : st.stage().lastUpdatedDate()))
              .map(st -> st.served().disableExecuteApiEndpoint()).orElse(false);
      if (disabled) off.add(h.api().apiId());
    }
    return Set.copyOf(off);
  }

  /**
   * What the default endpoint of {@code apiId} serves ({@code {id}.execute-api.…} by Host, its own
   * listener, an execute-api VPC endpoint): the API, or 403 Forbidden once disableExecuteApiEndpoint
   * is in effect (custom domain names reach the router without this).
   */
  private dev.stratus.net.http.HttpService defaultEndpoint(String apiId, dev.stratus.net.http.HttpService router) {
    return ex -> defaultEndpointOff.contains(apiId) ? RestRouter.done(HttpApiRouter.message(403, "Forbidden")) : router.serve(ex);
  }

  private void reconcile(ApiSnapshot s) {
    if (closed) return;
    synchronized (served) {
      for (var it = served.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        ApiSnapshot.ApiView v = s.apis().get(e.getKey());
        ApiSnapshot.HttpApiView h = s.httpApis().get(e.getKey());
        if ((v == null || v.stages().isEmpty()) && (h == null || h.stages().isEmpty())) {
          stop(e.getValue());
          it.remove();
        }
      }
      for (ApiSnapshot.ApiView v : s.apis().values()) {
        if (v.stages().isEmpty() || served.containsKey(v.api().id())) continue;
        RestRouter router = new RestRouter(shared, v.api().id());
        served.put(v.api().id(), open(v.api().id(), v.api().region(), v.api().arn(), router, viaEndpoint(v.api().id(), router)));
      }
      for (ApiSnapshot.HttpApiView h : s.httpApis().values()) {
        if (h.stages().isEmpty() || served.containsKey(h.api().apiId())) continue;
        dev.stratus.net.http.HttpService router = "WEBSOCKET".equals(h.api().protocolType())
            ? new WebSocketRouter(shared, webSockets, h.api().apiId()) : new HttpApiRouter(shared, jwt, h.api().apiId());
        served.put(h.api().apiId(), open(h.api().apiId(), h.api().region(), h.api().arn(), router, router));
      }
    }
  }

  /** Opens, renames and closes the execute-api VPC endpoints' listeners to match the private APIs that name them. */
  private void reconcileEndpoints(ApiSnapshot s) {
    if (closed) return;
    synchronized (served) {
      Map<String, Set<String>> wanted = new HashMap<>();
      for (ApiSnapshot.ApiView v : s.apis().values()) {
        RestApi api = v.api();
        if (v.stages().isEmpty() || !api.endpointTypes().contains("PRIVATE")) continue;
        for (String vpce : api.vpcEndpointIds()) {
          wanted.computeIfAbsent(api.accountId() + "/" + api.region() + "/" + vpce, k -> new java.util.TreeSet<>())
              .add(api.id() + "-" + vpce + ".execute-api." + api.region() + ".amazonaws.com");
        }
      }
      var lookup = vpcs.get();
      for (var w : wanted.entrySet()) {
        String[] key = w.getKey().split("/");
        lookup.ifPresent(l -> w.getValue().addAll(l.interfaceEndpointDnsNames(key[0], key[1], key[2])));
      }
      for (var it = vpcEndpoints.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (wanted.containsKey(e.getKey())) continue;
        e.getValue().names().forEach(dns::remove);
        stop(e.getValue().served());
        it.remove();
      }
      for (var w : wanted.entrySet()) {
        ServedEndpoint e = vpcEndpoints.get(w.getKey());
        if (e == null) {
          String[] key = w.getKey().split("/");
          String arn = "arn:aws:ec2:" + key[1] + ":" + key[0] + ":vpc-endpoint/" + key[2];
          Served opened = open("VPC endpoint " + key[2], arn, endpointRouter(key[2]), List.of(), List.of());
          try {
            e = new ServedEndpoint(opened, InetAddress.getByName(opened.bound() == null ? opened.address()
                : opened.bound().record().actual().getAddress().getHostAddress()), new java.util.HashSet<>(),
                openEndpointTls(key[2], key[1], arn, opened));
          } catch (UnknownHostException x) {
            throw new IllegalStateException(x);
          }
          vpcEndpoints.put(w.getKey(), e);
        }
        for (String gone : List.copyOf(e.names())) {
          if (!w.getValue().contains(gone)) {
            dns.remove(gone);
            e.names().remove(gone);
          }
        }
        for (String name : w.getValue()) {
          if (e.names().add(name)) dns.put(new DnsTarget(name, List.of(e.address()), DNS_TTL_SECONDS, true));
        }
      }
    }
  }

  /**
   * What an execute-api endpoint's listener serves: the private API a request names (by the
   * per-API alias, or the endpoint's name with {@code x-apigw-api-id}) as having come through
   * this endpoint; anything else is 403 Forbidden.
   */
  private dev.stratus.net.http.HttpService endpointRouter(String vpceId) {
    return ex -> {
      PrivateEndpoints.Via via = PrivateEndpoints.parse(ex.request());
      dev.stratus.net.http.HttpService api = via == null || !via.vpceId().equals(vpceId) ? null : router(via.apiId());
      if (api == null || defaultEndpointOff.contains(via.apiId())) return RestRouter.done(HttpApiRouter.message(403, "Forbidden"));
      PrivateEndpoints.stamp(ex.request(), vpceId);
      return api.serve(ex);
    };
  }

  /** The HTTPS listener of an execute-api VPC endpoint beside its HTTP one (null: no CA configured, or it failed). */
  private InetSocketAddress openEndpointTls(String vpceId, String region, String arn, Served plain) {
    var ca = stratusCa;
    if (ca == null || plain.bound() == null) return null;
    return listenHttpsBeside(plain, "API Gateway VPC endpoint " + vpceId + " (HTTPS)", arn,
        new EndpointTls(ca, region, shared.clock), plain.router());
  }

  /**
   * An HTTPS listener for {@code service} on {@code plain}'s address at {@code httpsPort}, closed
   * with {@code plain}; null (and a warning) when it cannot listen.
   */
  private InetSocketAddress listenHttpsBeside(Served plain, String what, String arn,
      Mapping<String, SslContext> tls, dev.stratus.net.http.HttpService service) {
    try {
      var config = new HttpFrontEnd.Config(what, HttpLimits.ALB.withMaxBodyBytes(MAX_PAYLOAD_BYTES), PAGES, tls, arn,
          shared.filters, List.of(), service);
      var bound = registry.bind(what, "https", arn, new InetSocketAddress(plain.bound().record().actual().getAddress(), httpsPort),
          at -> HttpFrontEnd.bind(transport, at, config), HttpFrontEnd::address);
      plain.undo().add(() -> {
        try {
          bound.close();
        } catch (Exception x) {
          LOG.log(Level.FINE, what + ": closing failed", x);
        }
      });
      return bound.record().actual();
    } catch (RuntimeException x) {
      LOG.log(Level.WARNING, what + ": not listening: " + x.getMessage());
      return null;
    }
  }

  /** Where an execute-api interface endpoint named by a private API listens with TLS (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> vpcEndpointTlsListener(String vpceId) {
    projection.awaitCurrent();
    synchronized (served) {
      return vpcEndpoints.entrySet().stream().filter(e -> e.getKey().endsWith("/" + vpceId)).findFirst()
          .map(e -> e.getValue().tls());
    }
  }

  /** Where an execute-api interface endpoint named by a private API listens (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> vpcEndpointListener(String vpceId) {
    projection.awaitCurrent();
    synchronized (served) {
      return vpcEndpoints.entrySet().stream().filter(e -> e.getKey().endsWith("/" + vpceId)).findFirst()
          .map(e -> e.getValue().served().bound()).map(b -> b.record().actual());
    }
  }

  /** Opens, updates and closes the custom domain names' endpoints to match the table. */
  private void reconcileDomains(List<DomainName> all) {
    if (closed) return;
    synchronized (served) {
      watchCertificates();
      Set<String> names = new java.util.HashSet<>();
      for (DomainName d : all) {
        names.add(d.domainName());
        ServedDomain sd = domains.get(d.domainName());
        if (sd == null) {
          DomainRouter router = new DomainRouter(d, this::router);
          Runnable hostUndo = virtualHosts == null ? () -> { } : virtualHosts.register(d.domainName(), router);
          sd = new ServedDomain(router, hostUndo, new java.util.LinkedHashMap<>());
          domains.put(d.domainName(), sd);
        } else {
          sd.router().update(d);
        }
        for (String type : List.of(DomainName.EDGE, DomainName.REGIONAL)) {
          DomainEndpoint e = sd.endpoints().get(type);
          String name = d.has(type) ? d.endpointNameOf(type) : null;
          if (e != null && !e.name().equals(name)) {
            // The type was removed (or renamed): its address, listeners and DNS name go.
            stop(e.served());
            sd.endpoints().remove(type);
            e = null;
          }
          if (name == null) continue;
          if (e == null) {
            sd.endpoints().put(type, openEndpoint(d, type, name, sd.router()));
          } else if (e.contexts() != null) {
            e.contexts().refresh(d, d.certificateOf(type));
          } else if (e.served().bound() != null) {
            // No HTTPS yet (ACM did not have the certificate): try again.
            var contexts = DomainTls.of(d, d.certificateOf(type), certificates);
            if (contexts.isPresent()) {
              sd.endpoints().put(type, new DomainEndpoint(name, e.served(), openTls(d, type, sd.router(), e.served(),
                  contexts.get()), contexts.get()));
            }
          }
        }
      }
      for (var it = domains.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (names.contains(e.getKey())) continue;
        stop(e.getValue());
        it.remove();
      }
    }
  }

  private DomainEndpoint openEndpoint(DomainName d, String type, String name, DomainRouter router) {
    Served plain = open("domain " + d.domainName() + " (" + type + ")", d.arn(), router, List.of(name), List.of(name));
    var contexts = plain.bound() == null ? Optional.<DomainTls>empty() : DomainTls.of(d, d.certificateOf(type), certificates);
    return new DomainEndpoint(name, plain, contexts.map(c -> openTls(d, type, router, plain, c)).orElse(null),
        contexts.orElse(null));
  }

  private void stop(ServedDomain d) {
    d.hostUndo().run();
    d.endpoints().values().forEach(e -> stop(e.served()));
    d.endpoints().clear();
  }

  /** Subscribes once to ACM's changes, when ACM is there (it may start after API Gateway). */
  private void watchCertificates() {
    if (certificateWatch != null) return;
    certificates.get().ifPresent(acm -> certificateWatch = acm.onChange(this::certificateChanged));
  }

  /**
   * ACM reimported (or deleted) {@code arn}: when a domain's endpoint serves it, rebuild, which
   * rebuilds the endpoint's TLS contexts with the new content (no API Gateway change needed).
   */
  private void certificateChanged(String arn) {
    boolean used;
    synchronized (served) {
      used = domains.values().stream().flatMap(d -> d.endpoints().values().stream())
          .anyMatch(e -> e.contexts() != null && arn.equals(e.contexts().arn()))
          || domains.values().stream().map(d -> d.router().domain())
              .anyMatch(d -> arn.equals(d.certificateArn()) || arn.equals(d.regionalCertificateArn()));
    }
    if (used && projection != null) projection.refresh();
  }

  /** An endpoint's HTTPS listener beside its HTTP one, with its ACM certificate; null without one. */
  private InetSocketAddress openTls(DomainName d, String type, DomainRouter router, Served plain, DomainTls tls) {
    return listenHttpsBeside(plain, "API Gateway domain " + d.domainName() + " (" + type + ", HTTPS)", d.arn(), tls, router);
  }

  /** The endpoint of a domain's {@code type} (null: that type's, else its first type's). */
  private DomainEndpoint endpoint(String domainName, String type) {
    projection.awaitCurrent();
    synchronized (served) {
      ServedDomain d = domains.get(domainName);
      if (d == null) return null;
      if (type != null) return d.endpoints().get(type);
      return d.endpoints().get(d.router().domain().endpointType());
    }
  }

  /** Where the endpoint of a custom domain name's {@code type} (EDGE, REGIONAL) listens with TLS (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> domainTlsListener(String domainName, String type) {
    DomainEndpoint e = endpoint(domainName, type);
    return e == null ? Optional.empty() : Optional.ofNullable(e.tls());
  }

  /** Where the endpoint of a custom domain name's {@code type} (EDGE, REGIONAL) listens (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> domainListener(String domainName, String type) {
    DomainEndpoint e = endpoint(domainName, type);
    return e == null || e.served().bound() == null ? Optional.empty() : Optional.of(e.served().bound().record().actual());
  }

  /** Where a custom domain name (its first endpoint type) listens with TLS (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> domainTlsListener(String domainName) { return domainTlsListener(domainName, null); }

  private static String anyNode(dev.stratus.core.elb.LoadBalancerView lb) {
    return lb.nodeAddresses().get(java.util.concurrent.ThreadLocalRandom.current().nextInt(lb.nodeAddresses().size()));
  }

  /** The router of an API that serves (has a stage), for custom domains. */
  private dev.stratus.net.http.HttpService router(String apiId) {
    synchronized (served) {
      Served s = served.get(apiId);
      return s == null ? null : s.router();
    }
  }

  /** Where a custom domain name (its first endpoint type) listens on its own address (after {@link #awaitCurrent}). */
  public Optional<InetSocketAddress> domainListener(String domainName) { return domainListener(domainName, null); }

  /**
   * A REST API's own listener also takes requests addressed through an execute-api VPC endpoint
   * (the endpoint's name with {@code x-apigw-api-id}, or the per-API alias) naming this API: they
   * count as through that endpoint, as on the API port. Requests naming another API are served
   * unmarked (a private API refuses them).
   */
  private static dev.stratus.net.http.HttpService viaEndpoint(String apiId, dev.stratus.net.http.HttpService router) {
    return ex -> {
      PrivateEndpoints.Via via = PrivateEndpoints.parse(ex.request());
      if (via != null && via.apiId().equals(apiId)) PrivateEndpoints.stamp(ex.request(), via.vpceId());
      return router.serve(ex);
    };
  }

  /** @param listenerRouter what the API's own listener serves (the router, or it behind {@link #viaEndpoint}) */
  private Served open(String apiId, String region, String arn, dev.stratus.net.http.HttpService router,
      dev.stratus.net.http.HttpService listenerRouter) {
    String name = apiId + ".execute-api." + region + ".localhost";
    String awsName = apiId + ".execute-api." + region + ".amazonaws.com";
    Served s = open("API " + apiId, arn, defaultEndpoint(apiId, router), defaultEndpoint(apiId, listenerRouter),
        List.of(name, awsName), List.of(name, awsName));
    // custom domain names serve the API itself, whatever its default endpoint does
    return new Served(s.address(), s.bound(), s.undo(), s.names(), router);
  }

  private Served open(String what, String arn, dev.stratus.net.http.HttpService router, List<String> hosts,
      List<String> dnsNames) {
    return open(what, arn, router, router, hosts, dnsNames);
  }

  /**
   * A loopback address with a listener for {@code router}, the {@code hosts} served by Host header
   * on the API port, and the {@code dnsNames} answering with that address.
   */
  private Served open(String what, String arn, dev.stratus.net.http.HttpService router,
      dev.stratus.net.http.HttpService listenerRouter, List<String> hosts, List<String> dnsNames) {
    String address = pool.allocate();
    ListenerRegistry.Bound<HttpFrontEnd> bound = null;
    try {
      var config = new HttpFrontEnd.Config("API Gateway " + what, HttpLimits.ALB.withMaxBodyBytes(MAX_PAYLOAD_BYTES), PAGES,
          null, arn, shared.filters, List.of(), listenerRouter);
      bound = registry.bind("API Gateway " + what, "http", arn, new InetSocketAddress(address, port),
          at -> HttpFrontEnd.bind(transport, at, config), HttpFrontEnd::address);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, what + ": not listening on " + address + ":" + port + ": " + e.getMessage());
    }
    List<Runnable> undo = new java.util.ArrayList<>();
    if (virtualHosts != null) for (String host : hosts) undo.add(virtualHosts.register(host, router));
    try {
      InetAddress at = InetAddress.getByName(bound == null ? address : bound.record().actual().getAddress().getHostAddress());
      for (String n : dnsNames) dns.put(new DnsTarget(n, List.of(at), DNS_TTL_SECONDS, true));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return new Served(address, bound, undo, List.copyOf(dnsNames), router);
  }

  private void stop(Served s) {
    s.undo().forEach(Runnable::run);
    s.names().forEach(dns::remove);
    if (s.bound() != null) {
      try {
        s.bound().close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "closing a REST API listener failed", e);
      }
    }
    pool.release(s.address());
  }

  @Override
  public void close() {
    closed = true;
    endpointRouter.run();
    if (projection != null) projection.close();
    synchronized (served) {
      served.values().forEach(this::stop);
      served.clear();
      domains.values().forEach(this::stop);
      domains.clear();
      vpcEndpoints.values().forEach(e -> {
        e.names().forEach(dns::remove);
        stop(e.served());
      });
      vpcEndpoints.clear();
      if (certificateWatch != null) certificateWatch.run();
    }
    shared.accessLogs.close();
  }
}
