package dev.stratus.elbv2.dataplane;

import dev.stratus.elbv2.RoutingSnapshot;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.GroupChoice;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.ListenerRules;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.Redirects;
import dev.stratus.elbv2.model.RequestView;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetSelector;
import dev.stratus.net.http.ErrorPages;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.proxy.ProxyOutcome;
import dev.stratus.net.proxy.ReverseProxy;
import dev.stratus.net.proxy.XffMode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One ALB listener's router (the {@link HttpService} behind its front end, and behind the API
 * port's virtual host): the listener's rules pick an action; fixed-response and redirect are
 * answered here, forward picks a target group ({@link GroupChoice}) and a target ({@link
 * TargetSelector}) and proxies with the ALB's headers; every failure answers AWS's code and page.
 */
final class AlbRouter implements HttpService {
  /** ALB codes Netty has no phrase for: the page then reads only the number, as ALB's do. */
  static final HttpResponseStatus CLIENT_CLOSED = new HttpResponseStatus(460, "");
  static final HttpResponseStatus TOO_MANY_XFF = new HttpResponseStatus(463, "");
  static final HttpResponseStatus INCOMPATIBLE_PROTOCOL = new HttpResponseStatus(464, "");
  /** More X-Forwarded-For addresses than this → 463 (elbv2.md §22). */
  static final int MAX_XFF_ADDRESSES = 30;

  private final AlbShared shared;
  private final String lbArn;
  private final String listenerArn;
  private final ReverseProxy proxy;
  private final Duration idleTimeout;
  private volatile RoutingSnapshot snapshot;

  AlbRouter(AlbShared shared, String lbArn, String listenerArn, Duration idleTimeout, RoutingSnapshot snapshot) {
    this.shared = shared;
    this.lbArn = lbArn;
    this.listenerArn = listenerArn;
    this.idleTimeout = idleTimeout;
    this.proxy = new ReverseProxy(shared.transport, ReverseProxy.Settings.ALB.withTimeouts(Duration.ofSeconds(10), idleTimeout));
    this.snapshot = snapshot;
  }

  void update(RoutingSnapshot s) { this.snapshot = s; }

  /** ALB's page for {@code status}: the HTML body and {@code Server: awselb/2.0}. */
  static FullHttpResponse page(HttpResponseStatus status) { return ErrorPages.ALB.page(status); }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    long started = System.nanoTime();
    RoutingSnapshot s = snapshot;
    Instant now = shared.clock.instant();
    LoadBalancer lb = s.loadBalancers().get(lbArn);
    Listener listener = s.listeners().get(listenerArn);
    ListenerRules rules = s.rules().get(listenerArn);
    if (lb == null || listener == null || rules == null) return done(page(HttpResponseStatus.SERVICE_UNAVAILABLE));
    AlbAccessLog log = "true".equals(lb.attributes().get("access_logs.s3.enabled")) ? shared.accessLog(lbArn) : null;
    Trail trail = log == null ? null : new Trail(log, lb, ex, now, started, listener.protocol());
    FullHttpRequest request = ex.request();

    if (xffCount(request) > MAX_XFF_ADDRESSES) return finish(trail, page(TOO_MANY_XFF), null);
    if (request.method().equals(HttpMethod.TRACE)) return finish(trail, page(HttpResponseStatus.METHOD_NOT_ALLOWED), null);

    RequestView view = view(ex, listener.protocol(), ex.local().getPort());
    if (trail != null) trail.priority = rules.match(view).map(Rule::priority).orElse(0); // evaluated twice only when logging
    if (view.path().equals(AlbAuth.CALLBACK) && "HTTPS".equals(listener.protocol()) && rules.authenticates()) {
      return shared.auth.callback(view.query(), view.cookies(), rules.authenticateConfigs()).thenApply(a -> {
        if (trail != null) {
          trail.action = "authenticate";
          trail.error = a.errorReason();
          trail.write(a.response(), ex);
        }
        return a.response();
      });
    }
    if ("HTTPS".equals(listener.protocol())) ClientCertHeaders.apply(ex.channel(), listener.mutualAuthentication(), request.headers());
    List<Action> actions = rules.actions(view);
    Action action = ListenerRules.terminal(actions);
    Optional<Action> authenticate = rules.authenticateAction(actions);
    if (authenticate.isPresent()) {
      for (String name : List.of("x-amzn-oidc-accesstoken", "x-amzn-oidc-identity", "x-amzn-oidc-data")) {
        request.headers().remove(name); // only the load balancer sets these
      }
      return authenticated(shared.auth.authenticate(view, request.uri(), authenticate.get(), lbArn), authenticate.get(),
          ex, s, lb, action, view, now, trail);
    }
    return act(ex, s, lb, action, view, now, trail);
  }

  /** Goes on after the authenticate action: its answer, or the terminal action with the user's headers (and a refreshed session's cookies). */
  private CompletionStage<FullHttpResponse> authenticated(AlbAuth.Outcome outcome, Action authenticate, HttpExchange ex,
      RoutingSnapshot s, LoadBalancer lb, Action action, RequestView view, Instant now, Trail trail) {
    switch (outcome) {
      case AlbAuth.Outcome.Respond r -> {
        if (trail != null) {
          trail.action = "authenticate"; // AWS's actions_executed name
          trail.error = r.errorReason();
        }
        return finish(trail, r.response(), null);
      }
      case AlbAuth.Outcome.Later later -> {
        // The IdP answered on the HTTP client's thread: go on on the connection's event loop.
        return later.outcome().thenComposeAsync(o -> authenticated(o, authenticate, ex, s, lb, action, view, now, trail),
            ex.channel().eventLoop());
      }
      case AlbAuth.Outcome.Pass p -> {
        if (trail != null) trail.authenticated = true;
        p.headers().forEach((k, v) -> ex.request().headers().set(k, v));
        if (p.setCookies().isEmpty()) return act(ex, s, lb, action, view, now, trail);
        return act(ex, s, lb, action, view, now, trail).thenApply(r -> {
          p.setCookies().forEach(c -> r.headers().add(HttpHeaderNames.SET_COOKIE, c));
          return r;
        });
      }
    }
  }

  /** The terminal action: fixed-response, redirect or forward. */
  private CompletionStage<FullHttpResponse> act(HttpExchange ex, RoutingSnapshot s, LoadBalancer lb, Action action, RequestView view,
      Instant now, Trail trail) {
    switch (action.type()) {
      case "fixed-response" -> {
        var f = action.fixedResponse();
        byte[] body = f.messageBody() == null ? new byte[0] : f.messageBody().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(Integer.parseInt(f.statusCode())),
            Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
        if (f.contentType() != null) r.headers().set(HttpHeaderNames.CONTENT_TYPE, f.contentType() + "; charset=utf-8");
        if (trail != null) trail.action = "fixed-response";
        return finish(trail, r, null);
      }
      case "redirect" -> {
        String location = Redirects.location(action.redirect(), view);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(Redirects.statusCode(action.redirect())), Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.SERVER, "awselb/2.0");
        r.headers().set(HttpHeaderNames.LOCATION, location);
        if (trail != null) {
          trail.action = "redirect";
          trail.redirect = location;
        }
        return finish(trail, r, null);
      }
      case "forward" -> {
        return forward(ex, s, lb, action.forward(), view, now, trail);
      }
      default -> {
        return finish(trail, page(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
      }
    }
  }

  private CompletionStage<FullHttpResponse> forward(HttpExchange ex, RoutingSnapshot s, LoadBalancer lb, Action.Forward fwd,
      RequestView view, Instant now, Trail trail) {
    if (trail != null) trail.action = "forward";
    Optional<GroupChoice> choice = GroupChoice.choose(fwd, view, ThreadLocalRandom.current(), shared.cookies, now);
    if (choice.isEmpty()) return finish(trail, page(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
    String tgArn = choice.get().targetGroupArn();
    RoutingSnapshot.GroupView group = s.groups().get(tgArn);
    if (trail != null) trail.targetGroup = tgArn;
    if (group == null) return finish(trail, page(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
    if ("lambda".equals(group.group().targetType())) return invokeFunction(ex, group, view, trail);
    String version = group.group().protocolVersion();
    if ("GRPC".equals(version) || "HTTP2".equals(version)) {
      return finish(trail, page(INCOMPATIBLE_PROTOCOL), null); // the front end speaks HTTP/1.1 only
    }
    TargetSelector selector = shared.selector(tgArn);
    boolean honourStickiness = fwd.targetGroups().size() == 1 || fwd.stickinessEnabled();
    Optional<TargetSelector.Selection> selection = selector.choose(group.settings(), group.targets(), view, now, honourStickiness);
    if (selection.isEmpty()) return finish(trail, page(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
    TargetSelector.Candidate target = selection.get().target();
    if (trail != null) trail.target = target.address() + ":" + target.port();

    FullHttpRequest request = ex.request();
    var headers = request.headers();
    headers.set(TraceIds.HEADER, TraceIds.next(headers.get(TraceIds.HEADER), now));
    if (trail != null) trail.traceId = headers.get(TraceIds.HEADER);
    int port = ex.local().getPort();
    if (port != 80 && port != 443 && !"true".equals(lb.attributes().get("routing.http.preserve_host_header.enabled"))) {
      String host = headers.get(HttpHeaderNames.HOST);
      if (host != null && !hasPort(host)) headers.set(HttpHeaderNames.HOST, host + ":" + port);
    }
    XffMode xff = XffMode.fromAws(lb.attributes().getOrDefault("routing.http.xff_header_processing.mode", "append"));
    InetSocketAddress to = shared.socketOf(target);
    List<String> cookies = new ArrayList<>(choice.get().setCookies());
    cookies.addAll(selection.get().setCookies());
    if (trail != null) trail.targetStarted = System.nanoTime();
    selector.begin(target);
    boolean upgrade = ex.isWebSocketUpgrade();
    CompletionStage<ProxyOutcome> outcome = upgrade ? proxy.upgrade(ex, to, xff, idleTimeout) : proxy.forward(ex, to, xff);
    return outcome.thenApply(o -> {
      selector.end(target);
      FullHttpResponse response = switch (o) {
        case ProxyOutcome.Response r -> {
          FullHttpResponse out = r.response();
          if (trail != null) trail.targetStatus = out.status().code();
          selector.appCookie(group.settings(), target, out.headers().getAll(HttpHeaderNames.SET_COOKIE), now).ifPresent(cookies::add);
          yield out;
        }
        case ProxyOutcome.ConnectFailed f -> {
          boolean timedOut = f.reason() != null && f.reason().toLowerCase(Locale.ROOT).contains("timed out");
          if (trail != null) trail.error = timedOut ? "TargetConnectionTimeout" : "TargetConnectionError";
          yield page(timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY);
        }
        case ProxyOutcome.TimedOut t -> {
          if (trail != null) trail.error = "TargetResponseTimeout";
          yield page(HttpResponseStatus.GATEWAY_TIMEOUT);
        }
        case ProxyOutcome.Reset r -> {
          if (trail != null) trail.error = "TargetConnectionClosed";
          yield page(HttpResponseStatus.BAD_GATEWAY);
        }
        case ProxyOutcome.MalformedResponse m -> {
          if (trail != null) trail.error = "TargetResponseMalformed";
          yield page(HttpResponseStatus.BAD_GATEWAY);
        }
      };
      for (String c : cookies) response.headers().add(HttpHeaderNames.SET_COOKIE, c);
      if (trail != null) trail.write(response, ex);
      return response;
    });
  }

  /** A {@code lambda} target group: its one function, invoked through Lambda (503 without one). */
  private CompletionStage<FullHttpResponse> invokeFunction(HttpExchange ex, RoutingSnapshot.GroupView group,
      RequestView view, Trail trail) {
    var function = group.group().targets().stream().filter(dev.stratus.elbv2.model.TargetGroup.Target::registered).findFirst();
    var invoker = shared.functions.get();
    if (function.isEmpty() || invoker.isEmpty()) return finish(trail, page(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
    if (trail != null) {
      trail.target = "-";
      trail.targetStarted = System.nanoTime();
    }
    boolean multiValue = "true".equals(group.group().attribute("lambda.multi_value_headers.enabled"));
    return AlbLambda.invoke(invoker.get(), ex, group.group().arn(), function.get().id(), multiValue, view.protocol(), idleTimeout)
        .thenApply(result -> {
          if (trail != null) {
            trail.error = result.error();
            if (result.error() == null) trail.targetStatus = result.response().status().code();
            trail.write(result.response(), ex);
          }
          return result.response();
        });
  }

  private static boolean hasPort(String host) {
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon;
  }

  private static int xffCount(FullHttpRequest request) {
    if (!request.headers().contains("X-Forwarded-For")) return 0; // the usual case: nothing to split
    int n = 0;
    for (String v : request.headers().getAll("X-Forwarded-For")) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) n++;
      }
    }
    return n;
  }

  private static CompletionStage<FullHttpResponse> done(FullHttpResponse r) { return CompletableFuture.completedFuture(r); }

  private static CompletionStage<FullHttpResponse> finish(Trail trail, FullHttpResponse r, HttpExchange ex) {
    if (trail != null) trail.write(r, trail.exchange);
    return done(r);
  }

  /** What the request's view needs from the wire, decoded as ALB rules see it (elbv2.md §3–7). */
  static RequestView view(HttpExchange ex, String protocol, int port) {
    FullHttpRequest r = ex.request();
    QueryStringDecoder uri = new QueryStringDecoder(r.uri());
    String path = uri.path();
    if (path.startsWith("http://") || path.startsWith("https://")) { // absolute-form request target
      int slash = path.indexOf('/', path.indexOf("//") + 2);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    String host = r.headers().get(HttpHeaderNames.HOST);
    if (host != null && hasPort(host)) host = host.substring(0, host.lastIndexOf(':'));
    Map<String, List<String>> query = uri.rawQuery().isEmpty() ? Map.of() : new LinkedHashMap<>(uri.parameters());
    return new RequestView(protocol, host, port, r.method().name(), path, uri.rawQuery(), query,
        RequestMaps.headers(r.headers()), RequestMaps.cookies(r.headers()), ex.remote().getAddress().getHostAddress());
  }

  /** One request's access-log facts, gathered as it is served (only when logs are on). */
  private static final class Trail {
    final AlbAccessLog log;
    final LoadBalancer lb;
    final HttpExchange exchange;
    final Instant created;
    final long started;
    final String protocol;
    long targetStarted;
    int priority = -1;
    int targetStatus = -1;
    String action = "-";
    /** The user's login succeeded before the terminal action: AWS logs both ("authenticate,forward"). */
    boolean authenticated;
    String redirect;
    String targetGroup;
    String target;
    String traceId;
    String error;
    final String request;
    final long receivedBytes;

    Trail(AlbAccessLog log, LoadBalancer lb, HttpExchange ex, Instant created, long started, String protocol) {
      this.log = log;
      this.lb = lb;
      this.exchange = ex;
      this.created = created;
      this.started = started;
      this.protocol = protocol;
      var r = ex.request();
      String host = r.headers().get(HttpHeaderNames.HOST, ex.local().getAddress().getHostAddress());
      if (!hasPort(host)) host = host + ":" + ex.local().getPort();
      this.request = r.method().name() + " " + protocol.toLowerCase(Locale.ROOT) + "://" + host + r.uri() + " "
          + (ex.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel ? "HTTP/2.0" : r.protocolVersion().text());
      this.receivedBytes = r.content().readableBytes() + r.uri().length() + 64L;
      this.traceId = r.headers().get(TraceIds.HEADER);
    }

    void write(FullHttpResponse response, HttpExchange ex) {
      long end = System.nanoTime();
      boolean clientGone = !ex.channel().isActive();
      String[] arn = lb.arn().split(":")[5].split("/", 2);
      double requestTime = targetStarted == 0 ? -1 : (targetStarted - started) / 1e9;
      double targetTime = targetStarted == 0 || targetStatus < 0 ? -1 : (end - targetStarted) / 1e9;
      // TLS facts of the client connection (an HTTP/2 stream's parent): type h2, cipher, protocol, SNI.
      io.netty.channel.Channel connection = ex.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel stream
          ? stream.parent() : ex.channel();
      var ssl = connection.pipeline().get(io.netty.handler.ssl.SslHandler.class);
      javax.net.ssl.SSLSession session = ssl == null ? null : ssl.engine().getSession();
      String sni = null;
      if (session instanceof javax.net.ssl.ExtendedSSLSession extended) {
        sni = extended.getRequestedServerNames().stream().filter(n -> n instanceof javax.net.ssl.SNIHostName)
            .map(n -> ((javax.net.ssl.SNIHostName) n).getAsciiName()).findFirst().orElse(null);
      }
      String type = ex.channel() != connection ? "h2" : protocol.equals("HTTPS") ? "https" : "http";
      log.write(new AlbAccessLog.Entry(type, created.plusNanos(end - started), arn[1],
          ex.remote().getAddress().getHostAddress() + ":" + ex.remote().getPort(), target, requestTime, targetTime,
          targetStarted == 0 ? -1 : 0.0, clientGone ? CLIENT_CLOSED.code() : response.status().code(), targetStatus,
          receivedBytes, response.content().readableBytes(), request,
          ex.request().headers().get(HttpHeaderNames.USER_AGENT), targetGroup, traceId, sni, priority, created,
          authenticated ? "authenticate," + action : action,
          redirect, error, session == null ? null : session.getCipherSuite(), session == null ? null : session.getProtocol()));
    }
  }
}
