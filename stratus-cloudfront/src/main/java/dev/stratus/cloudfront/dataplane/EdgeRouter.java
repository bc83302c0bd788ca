package dev.stratus.cloudfront.dataplane;

import dev.stratus.cloudfront.dataplane.CompiledDistribution.Behavior;
import dev.stratus.cloudfront.dataplane.OriginFetcher.OriginCall;
import dev.stratus.cloudfront.dataplane.cache.Brotli;
import dev.stratus.cloudfront.dataplane.cache.CacheTier;
import dev.stratus.cloudfront.dataplane.cache.CachedObject;
import dev.stratus.cloudfront.dataplane.cache.TtlRules;
import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilter;
import dev.stratus.core.http.HttpRequestView;
import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;

/**
 * One request at an edge (cloudfront.md §A–F): distribution by Host, WAF of the distribution,
 * behavior by first match, viewer protocol policy, allowed methods, then the tiers (edge →
 * regional edge cache → Origin Shield → origin) for cached methods, or straight to the origin
 * for the others; custom error responses, compression and CloudFront's response headers.
 */
final class EdgeRouter implements HttpService {
  private static final byte[] NO_BODY = new byte[0];
  /** Content types CloudFront compresses (ServingCompressedFiles, "File types that CloudFront compresses"). */
  private static final Set<String> COMPRESSIBLE = Set.of("application/dash+xml", "application/eot", "application/font",
      "application/font-sfnt", "application/javascript", "application/json", "application/opentype", "application/otf",
      "application/pdf", "application/pkcs7-mime", "application/protobuf", "application/rss+xml", "application/truetype",
      "application/ttf", "application/vnd.apple.mpegurl", "application/vnd.mapbox-vector-tile",
      "application/vnd.ms-fontobject", "application/wasm", "application/xhtml+xml", "application/xml",
      "application/x-font-opentype", "application/x-font-truetype", "application/x-font-ttf", "application/x-httpd-cgi",
      "application/x-javascript", "application/x-mpegurl", "application/x-opentype", "application/x-otf",
      "application/x-perl", "application/x-ttf", "font/eot", "font/opentype", "font/otf", "font/ttf",
      "image/svg+xml", "text/css", "text/csv", "text/html", "text/javascript", "text/js", "text/plain",
      "text/richtext", "text/tab-separated-values", "text/xml", "text/x-script", "text/x-component",
      "text/x-java-source");
  static final int COMPRESS_MIN = 1_000;
  static final int COMPRESS_MAX = 10_000_000;
  private static final Set<String> NOT_FROM_ORIGIN = Set.of("age", "via", "x-cache", "x-amz-cf-pop", "x-amz-cf-id",
      "content-length", "connection", "keep-alive", "transfer-encoding");

  private final CloudFrontEdge edge;
  private final Map<String, String> viaIds = new java.util.concurrent.ConcurrentHashMap<>();

  EdgeRouter(CloudFrontEdge edge) {
    this.edge = edge;
  }

  /** What one request carries through the stages. */
  /** @param tls the viewer came over HTTPS (match-viewer); @param edgeAddress the serving edge's own address */
  private record Ctx(CompiledDistribution d, EdgeLocation pop, String requestId, EventLoop loop, HttpVersion version,
      boolean head, GeoPoint viewer, boolean tls, java.net.InetAddress edgeAddress) {}

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    AccessLogs logs = edge.accessLogs();
    if (logs == null) return route(ex);
    CompiledDistribution d = edge.snapshot().byHost().get(CloudFrontEdge.host(ex.request().headers().get("Host")));
    if (d == null || d.logging() == null) return route(ex);
    AccessLogs.Arrival arrival = AccessLogs.Arrival.of(ex);
    return route(ex).whenComplete((r, failure) -> {
      if (r != null) logs.record(d, d.logging(), arrival, r);
    });
  }

  private CompletionStage<FullHttpResponse> route(HttpExchange ex) {
    FullHttpRequest req = ex.request();
    String requestId = requestId();
    EdgeLocation pop = edge.servingEdge(ex.remote().getAddress(), ex.local());
    CompiledDistribution d = edge.snapshot().byHost().get(CloudFrontEdge.host(req.headers().get("Host")));
    String method = req.method().name();
    GeoPoint viewerAt = edge.settings().emulateLatency() ? edge.viewerPoint(ex.remote().getAddress(), ex.local()).orElse(null) : null;
    Ctx ctx = new Ctx(d, pop, requestId, ex.eventLoop(), req.protocolVersion(), method.equals("HEAD"), viewerAt, ex.tls(),
        edge.addressOf(pop.code()).map(java.net.InetSocketAddress::getAddress).orElse(null));
    if (d == null || !d.enabled()) {
      return done(errorPage(ctx, 403, "Bad request.", "Error"));
    }
    FullHttpResponse blocked = waf(d, ex);
    if (blocked != null) {
      decorate(blocked, ctx, "Error", -1);
      return done(blocked);
    }
    ViewerRequest v = new ViewerRequest(method, req.uri(), req.headers(), ex.remote().getAddress().getHostAddress());
    if (v.path.equals("/") && !d.defaultRootObject().isEmpty()) {
      String q = req.uri().contains("?") ? req.uri().substring(req.uri().indexOf('?')) : "";
      v = v.withPath("/" + d.defaultRootObject() + q, method);
    }
    Behavior b = d.behaviorFor(v.path);
    if (!ex.tls()) {
      FullHttpResponse refused = viewerProtocol(b, ctx, method, req);
      if (refused != null) return done(refused);
    }
    if (!b.allowedMethods().contains(method)) {
      return done(errorPage(ctx, 403,
          "This distribution is not configured to allow the HTTP request method that was used for this request. "
              + "The distribution supports only cachable requests.", "Error"));
    }
    CompletableFuture<FullHttpResponse> answer;
    // read now: a function runs on another thread, after which the request may be gone
    byte[] body = b.cachedMethods().contains(method) && !b.cache().cachingDisabled() ? NO_BODY
        : ByteBufUtil.getBytes(req.content());
    if (b.viewerRequestFunction() == null) {
      answer = afterViewerRequest(ctx, b, v, body);
    } else {
      final ViewerRequest asked = v;
      answer = runFunction(ctx, b.viewerRequestFunction(), FunctionEvents.viewerRequest(d, requestId, v))
          .thenComposeAsync(out -> switch (out) {
            case Failed f -> done(functionError(ctx, f));
            case Output o -> {
              FunctionEvents.RequestAnswer a;
              try {
                a = FunctionEvents.requestAnswer(o.json(), asked);
              } catch (RuntimeException e) {
                yield done(functionError(ctx, new Failed(false, e.getMessage())));
              }
              yield switch (a) {
                case FunctionEvents.RequestAnswer.Respond r -> {
                  decorate(r.response(), ctx, "FunctionGeneratedResponse", -1);
                  yield done(r.response());
                }
                case FunctionEvents.RequestAnswer.Continue c -> {
                  // the function's origin helpers (cf.selectRequestOriginById …) change this request's origin only
                  FunctionOrigins.Target to;
                  try {
                    to = FunctionOrigins.apply(ctx.d(), b, o.originChange());
                  } catch (RuntimeException e) {
                    yield done(functionError(ctx, new Failed(false, e.getMessage())));
                  }
                  Ctx at = to.d() == ctx.d() ? ctx : FunctionOrigins.copy(ctx, java.util.Map.of("d", to.d()));
                  yield afterViewerRequest(at, to.b(), c.request(), body);
                }
              };
            }
          }, ctx.loop());
    }
    if (ctx.viewer() == null) return answer;
    double viewerMillis = edge.latency().roundTripMillis(ctx.viewer(), pop.point(), NetworkPath.PUBLIC_INTERNET);
    return answer.thenCompose(r -> after(ctx.loop(), viewerMillis, () -> CompletableFuture.completedFuture(r)));
  }

  /** What a function run gave: its handler's return value as JSON, or a failure (thrown, or over budget). */
  private sealed interface FunctionOutcome permits Output, Failed {}

  /** @param originChange what the origin helpers asked for (viewer-request only) */
  private record Output(String json, Optional<String> originChange) implements FunctionOutcome {}

  private record Failed(boolean throttled, String why) implements FunctionOutcome {}

  /** A CloudFront Function run off the event loop (on the functions' threads), bounded by the runtime's budget. */
  private CompletableFuture<FunctionOutcome> runFunction(Ctx ctx, String arn, String eventJson) {
    Optional<CloudFrontEdge.EdgeFunction> f = edge.function(arn);
    if (f.isEmpty() || f.get().compiled() == null) {
      return CompletableFuture.completedFuture(new Failed(false, f.map(CloudFrontEdge.EdgeFunction::error).orElse(arn)));
    }
    return CompletableFuture.supplyAsync(() -> {
      var run = f.get().compiled().run(eventJson);
      if (run.error().isPresent()) return (FunctionOutcome) new Failed(run.exceeded(), run.error().get());
      return new Output(run.output().orElse("null"), run.originChange());
    }, FUNCTION_THREADS);
  }

  /** Threads that run CloudFront Functions, so that a function never runs on an event loop. */
  private static final java.util.concurrent.ExecutorService FUNCTION_THREADS =
      java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "cloudfront-function");
        t.setDaemon(true);
        return t;
      });

  /**
   * The 503 CloudFront gives when a function fails (troubleshooting "HTTP 503 status code (function
   * execution error)"): X-Cache {@code FunctionExecutionError}, or {@code FunctionThrottledError}
   * when it went over its compute budget.
   */
  private FullHttpResponse functionError(Ctx ctx, Failed f) {
    LOG.fine(() -> "CloudFront function failed: " + f.why());
    return errorPage(ctx, 503, "The CloudFront function associated with the CloudFront distribution is invalid or could not run. "
        + "We can't connect to the server for this app or website at this time. There might be too much traffic or a "
        + "configuration error. Try again later, or contact the app or website owner.",
        f.throttled() ? "FunctionThrottledError" : "FunctionExecutionError");
  }

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EdgeRouter.class.getName());

  /** The request (as the viewer-request function left it) through the caches or to the origin, then viewer-response. */
  private CompletableFuture<FullHttpResponse> afterViewerRequest(Ctx ctx, Behavior b, ViewerRequest viewer, byte[] body) {
    String method = viewer.method;
    boolean cached = b.cachedMethods().contains(method) && !b.cache().cachingDisabled();
    CompletableFuture<FullHttpResponse> answer;
    if (!cached) {
      answer = proxy(ctx, b, viewer, body).thenCompose(o -> finish(ctx, b, viewer, o, "Miss", 0));
    } else {
      answer = lookup(ctx, b, viewer).thenCompose(l -> finish(ctx, b, viewer, l.object(), label(l.result()),
          l.result() == CacheTier.Result.MISS ? -1 : l.object().ageAt(edge.clock().instant())));
    }
    if (b.viewerResponseFunction() == null) return answer;
    // not run for responses of 400 and above (edge-function-restrictions-all, "HTTP status codes")
    return answer.thenCompose(r -> r.status().code() >= 400 ? done(r)
        : runFunction(ctx, b.viewerResponseFunction(), FunctionEvents.viewerResponse(ctx.d(), ctx.requestId(), viewer, r))
            .thenApplyAsync(out -> switch (out) {
              case Failed f -> {
                r.release();
                yield functionError(ctx, f);
              }
              case Output o -> {
                try {
                  FunctionEvents.applyResponse(o.json(), r);
                  yield r;
                } catch (RuntimeException e) {
                  r.release();
                  yield functionError(ctx, new Failed(false, e.getMessage()));
                }
              }
            }, ctx.loop()));
  }

  /** {@code next} started {@code millis} later on {@code loop} (emulated latency). */
  private static <T> CompletableFuture<T> after(EventLoop loop, double millis, Supplier<CompletableFuture<T>> next) {
    if (millis <= 0) return next.get();
    CompletableFuture<T> out = new CompletableFuture<>();
    dev.stratus.net.emulation.TimerLateness.onEventLoop(loop, Math.round(millis * 1_000_000), () -> next.get().whenComplete((v, e) -> {
      if (e != null) out.completeExceptionally(e);
      else out.complete(v);
    }));
    return out;
  }

  /** The Region in an ELB's DNS name: {@code web-123.us-east-1.elb.amazonaws.com}. */
  private static final java.util.regex.Pattern ELB_REGION =
      java.util.regex.Pattern.compile("\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.elb\\.");

  /** Where a tier is (for emulated latency): the edge's city, a Region's. */
  private GeoPoint placeOf(CacheTier t, EdgeLocation pop) {
    if (t.kind() == CacheTier.Kind.EDGE) return pop.point();
    return edge.latency().tables().region(t.name()).map(AwsRegion::point).orElse(pop.point());
  }

  /** The origin's Region when its name says it (ALB, S3), else the Origin Shield's, else null (no extra delay). */
  private GeoPoint originPlace(CompiledDistribution d, Behavior b) {
    var o = d.primaryOrigin(b.targetOriginId());
    if (o.isEmpty()) return null;
    Optional<String> region = o.get().s3Region();
    if (region.isEmpty()) {
      var m = ELB_REGION.matcher(o.get().domainName());
      if (m.find()) region = Optional.of(m.group(1));
    }
    if (region.isEmpty()) region = o.get().shieldRegion();
    return region.flatMap(r -> edge.latency().tables().region(r)).map(AwsRegion::point).orElse(null);
  }

  private static String label(CacheTier.Result r) {
    return switch (r) {
      case HIT -> "Hit";
      case MISS -> "Miss";
      case REFRESH_HIT -> "RefreshHit";
    };
  }

  /** Through the tiers for the behavior's cache key; the edge tier's lookup. */
  private CompletableFuture<CacheTier.Lookup> lookup(Ctx ctx, Behavior b, ViewerRequest v) {
    String key = v.cacheKey(b);
    CompiledDistribution d = ctx.d();
    Optional<String> shield = d.primaryOrigin(b.targetOriginId()).flatMap(CompiledDistribution.OriginSpec::shieldRegion);
    DistributionCaches caches = edge.caches(d.id());
    // an S3 origin in the regional edge cache's own Region is fetched from the edge's REC hop directly (§13)
    boolean skipRegional = d.primaryOrigin(b.targetOriginId()).flatMap(CompiledDistribution.OriginSpec::s3Region)
        .filter(r -> r.equals(ctx.pop().regionalEdgeCache())).isPresent();
    List<CacheTier> tiers = caches.chain(ctx.pop(), shield, skipRegional);
    // built only when this request is the one that goes to the origin: a hit pays for none of it
    Function<CachedObject, CompletableFuture<CachedObject>> origin = stale -> {
      String fq = v.forwardedQuery(b);
      OriginCall call = new OriginCall(v.method.equals("OPTIONS") ? "OPTIONS" : "GET",
          v.path + (fq.isEmpty() ? "" : "?" + fq), v.originHeaders(b, ctx.requestId(), via(ctx.pop())), NO_BODY, d.arn(),
          ctx.tls(), ctx.edgeAddress());
      return fill(ctx, b, call, stale, caches);
    };
    return through(ctx, tiers, 0, key, edge.clock().instant(), b.cache().collapses(), origin,
        ctx.viewer() == null ? null : originPlace(d, b));
  }

  private CompletableFuture<CacheTier.Lookup> through(Ctx ctx, List<CacheTier> tiers, int i, String key, Instant now,
      boolean collapse, Function<CachedObject, CompletableFuture<CachedObject>> origin, GeoPoint originAt) {
    boolean last = i + 1 == tiers.size();
    CacheTier tier = tiers.get(i);
    return tier.get(key, now, stale -> {
      Supplier<CompletableFuture<CachedObject>> onward = () -> last ? origin.apply(stale)
          : through(ctx, tiers, i + 1, key, now, collapse, origin, originAt).thenApply(CacheTier.Lookup::object);
      if (ctx.viewer() == null) return onward.get();
      GeoPoint to = last ? originAt : placeOf(tiers.get(i + 1), ctx.pop());
      double millis = to == null ? 0
          : edge.latency().roundTripMillis(placeOf(tier, ctx.pop()), to, NetworkPath.AWS_BACKBONE);
      return after(ctx.loop(), millis, onward);
    }, collapse);
  }

  /**
   * The last tier's fetch: conditional when it holds a stale copy with a validator (304 →
   * the copy, confirmed), errors stored for the error-caching TTL, and a stale copy kept for that
   * TTL when the origin fails (§11, §17) unless it said {@code stale-if-error=0}.
   */
  private CompletableFuture<CachedObject> fill(Ctx ctx, Behavior b, OriginCall call, CachedObject stale,
      DistributionCaches caches) {
    OriginCall c = call;
    if (stale != null && stale.validator() != null) {
      Map<String, List<String>> h = new LinkedHashMap<>(call.headers());
      if (stale.header("ETag") != null) h.put("If-None-Match", List.of(stale.header("ETag")));
      if (stale.header("Last-Modified") != null) h.put("If-Modified-Since", List.of(stale.header("Last-Modified")));
      c = new OriginCall(call.method(), call.pathAndQuery(), h, call.body(), call.distributionArn(), call.viewerTls(),
          call.from());
    }
    caches.originFetches.increment();
    CompiledDistribution d = ctx.d();
    return edge.fetcher().fetch(d, b.targetOriginId(), c, ctx.loop()).thenApply(reply -> {
      Instant at = edge.clock().instant();
      if (reply instanceof OriginReply.Answer a && a.status() == 304 && stale != null) {
        List<Map.Entry<String, String>> merged = merge(stale.headers(), a.headers());
        return stale.refreshed(merged, at, TtlRules.ttl(stale.status(), name -> first(merged, name), at, b.cache(),
            errorTtl(d, stale.status())));
      }
      int status = reply instanceof OriginReply.Answer a ? a.status() : ((OriginReply.Unreachable) reply).status();
      if (status >= 500 && stale != null && stale.status() < 400 && staleIfErrorAllowed(stale)) {
        return stale.refreshed(stale.headers(), at, TtlRules.Ttl.of(errorTtl(d, status)));
      }
      return object(ctx, b, reply, at);
    });
  }

  private CachedObject object(Ctx ctx, Behavior b, OriginReply reply, Instant at) {
    return switch (reply) {
      case OriginReply.Answer a -> new CachedObject(a.status(), a.headers(), a.body(), at,
          TtlRules.ttl(a.status(), name -> first(a.headers(), name), at, b.cache(), errorTtl(ctx.d(), a.status())));
      case OriginReply.Unreachable u -> new CachedObject(u.status(), List.of(Map.entry("Content-Type", "text/html")),
          errorHtml(u.status(), u.status() == 504 ? "We can't connect to the server for this app or website at this time."
              : "The request could not be satisfied.", ctx.requestId()), at, TtlRules.Ttl.of(errorTtl(ctx.d(), u.status())));
    };
  }

  private static boolean staleIfErrorAllowed(CachedObject stale) {
    var sie = TtlRules.CacheControl.parse(stale.header("Cache-Control")).staleIfError();
    return sie.isEmpty() || sie.getAsLong() > 0;
  }

  /** ErrorCachingMinTTL of {@code status}: the custom error response's, else 10 s. */
  private static long errorTtl(CompiledDistribution d, int status) {
    CustomErrorResponse e = d.errorResponses().get(status);
    return e == null || e.errorCachingMinTTL() == null ? TtlRules.DEFAULT_ERROR_TTL : e.errorCachingMinTTL();
  }

  /** A method the behavior does not cache (or CachingDisabled): to the origin, no tier in between. */
  private CompletableFuture<CachedObject> proxy(Ctx ctx, Behavior b, ViewerRequest v, byte[] body) {
    String fq = v.forwardedQuery(b);
    Map<String, List<String>> headers = new LinkedHashMap<>(v.originHeaders(b, ctx.requestId(), via(ctx.pop())));
    if (body.length > 0 && v.headers.contains("Content-Type")) headers.putIfAbsent("Content-Type", v.headers.getAll("Content-Type"));
    OriginCall call = new OriginCall(v.method, v.path + (fq.isEmpty() ? "" : "?" + fq), headers, body, ctx.d().arn(),
        ctx.tls(), ctx.edgeAddress());
    edge.caches(ctx.d().id()).originFetches.increment();
    return edge.fetcher().fetch(ctx.d(), b.targetOriginId(), call, ctx.loop())
        .thenApply(reply -> object(ctx, b, reply, edge.clock().instant()));
  }

  /** Custom error response (§18) if one applies, else the object as the viewer gets it. */
  private CompletableFuture<FullHttpResponse> finish(Ctx ctx, Behavior b, ViewerRequest v, CachedObject o, String label,
      long age) {
    CustomErrorResponse custom = o.status() >= 400 ? ctx.d().errorResponses().get(o.status()) : null;
    if (custom != null && custom.responsePagePath() != null && !custom.responsePagePath().isEmpty()) {
      ViewerRequest page = v.withPath(custom.responsePagePath(), "GET");
      Behavior pb = ctx.d().behaviorFor(page.path);
      int code = custom.responseCode() == null || custom.responseCode().isEmpty() ? o.status()
          : Integer.parseInt(custom.responseCode());
      return lookup(ctx, pb, page).thenApply(pl -> pl.object().status() >= 400
          ? respond(ctx, b, v, o, "Error", age, o.status())
          : respond(ctx, pb, v, pl.object(), "Error", -1, code));
    }
    if (custom != null && custom.responseCode() != null && !custom.responseCode().isEmpty()) {
      return CompletableFuture.completedFuture(respond(ctx, b, v, o, "Error", age, Integer.parseInt(custom.responseCode())));
    }
    return CompletableFuture.completedFuture(respond(ctx, b, v, o, o.status() >= 400 ? "Error" : label, age, o.status()));
  }

  private FullHttpResponse respond(Ctx ctx, Behavior b, ViewerRequest v, CachedObject o, String label, long age, int status) {
    String etag = o.header("ETag");
    String inm = v.headers.get("If-None-Match");
    if (status == 200 && etag != null && inm != null && weakMatch(inm, etag)) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
      copyHeaders(o, r);
      r.headers().remove("Content-Type");
      decorate(r, ctx, label, age);
      r.headers().set("Content-Length", 0);
      return r;
    }
    byte[] body = o.body();
    String range = v.headers.get("Range");
    if (status == 200 && range != null) {
      FullHttpResponse partial = range(ctx, b, o, range);
      if (partial != null) {
        decorate(partial, ctx, label, age);
        return partial;
      }
    }
    String coding = status == 200 && compressible(ctx, b, o)
        ? contentCoding(v.normalisedEncoding(b.cache()), Brotli.available()) : null;
    if (coding != null) body = coding.equals("br") ? o.brotli() : o.gzipped();
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        ctx.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    copyHeaders(o, r);
    if (coding != null) {
      r.headers().set("Content-Encoding", coding);
      // as CloudFront's compressed answers carry it, so a shared cache behind the viewer keeps them apart
      String vary = r.headers().get("Vary");
      if (vary == null || vary.isBlank()) r.headers().set("Vary", "Accept-Encoding");
      else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding") && !vary.trim().equals("*")) {
        r.headers().set("Vary", vary + ", Accept-Encoding");
      }
      // ServingCompressedFiles, "ETag header conversion": a strong ETag becomes weak when the edge compresses
      String strong = r.headers().get("ETag");
      if (strong != null && !strong.startsWith("W/")) r.headers().set("ETag", "W/" + strong);
    }
    r.headers().set("Content-Length", body.length);
    responseHeadersPolicy(b.responseHeadersPolicy(), r);
    decorate(r, ctx, label, age);
    return r;
  }

  private static final java.util.regex.Pattern BYTE_RANGE = java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)");

  /**
   * A single byte range of a cached object (the edge fetches whole objects and answers ranges
   * from them): 206 with Content-Range, 416 when unsatisfiable; null for what it does not serve
   * as a range (several ranges, bad syntax), which gets the whole object.
   */
  private FullHttpResponse range(Ctx ctx, Behavior b, CachedObject o, String header) {
    var m = BYTE_RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return null;
    long len = o.body().length;
    long first;
    long last;
    try {
      if (m.group(1).isEmpty()) {
        first = Math.max(0, len - Long.parseLong(m.group(2)));
        last = len - 1;
      } else {
        first = Long.parseLong(m.group(1));
        last = m.group(2).isEmpty() ? len - 1 : Math.min(len - 1, Long.parseLong(m.group(2)));
      }
    } catch (NumberFormatException e) {
      return null;
    }
    if (first >= len || last < first) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
      r.headers().set("Content-Range", "bytes */" + len);
      r.headers().set("Content-Length", 0);
      return r;
    }
    int from = (int) first;
    int count = (int) (last - first + 1);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PARTIAL_CONTENT,
        ctx.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(o.body(), from, count));
    copyHeaders(o, r);
    r.headers().set("Content-Range", "bytes " + first + "-" + last + "/" + len);
    r.headers().set("Content-Length", count);
    responseHeadersPolicy(b.responseHeadersPolicy(), r);
    return r;
  }

  /**
   * §22: the coding for a viewer whose Accept-Encoding normalised to {@code normalised}: brotli when
   * the viewer and the cache policy allow it (preferred when both are allowed), else gzip; null for
   * none. Without the native brotli library, gzip where the viewer also allows it.
   */
  static String contentCoding(String normalised, boolean brotliAvailable) {
    java.util.List<String> codings = java.util.Arrays.asList(normalised.split(","));
    if (codings.contains("br") && brotliAvailable) return "br";
    return codings.contains("gzip") ? "gzip" : null;
  }

  /** §22: Compress on, HTTP/1.1+, 1,000–10,000,000 bytes, not encoded, a listed type. */
  private static boolean compressible(Ctx ctx, Behavior b, CachedObject o) {
    if (!b.compress()) return false;
    if (b.cache().headers().contains("accept-encoding")) return false;
    if (ctx.version().equals(HttpVersion.HTTP_1_0) || o.header("Content-Encoding") != null) return false;
    int n = o.body().length;
    if (n < COMPRESS_MIN || n > COMPRESS_MAX) return false;
    String type = o.header("Content-Type");
    if (type == null) return false;
    int semi = type.indexOf(';');
    return COMPRESSIBLE.contains((semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT));
  }

  private static void copyHeaders(CachedObject o, FullHttpResponse r) {
    for (Map.Entry<String, String> h : o.headers()) {
      if (!NOT_FROM_ORIGIN.contains(h.getKey().toLowerCase(Locale.ROOT))) r.headers().add(h.getKey(), h.getValue());
    }
  }

  /** The custom headers of a response headers policy (Override decides over the origin's). */
  private static void responseHeadersPolicy(ResponseHeadersPolicyConfig p, FullHttpResponse r) {
    if (p == null || p.customHeadersConfig() == null || p.customHeadersConfig().items() == null) return;
    for (var h : p.customHeadersConfig().items()) {
      if (Boolean.TRUE.equals(h.override()) || !r.headers().contains(h.header())) r.headers().set(h.header(), h.value());
    }
  }

  /** CloudFront's own response headers (§23). {@code age} < 0: no Age header. */
  private void decorate(FullHttpResponse r, Ctx ctx, String label, long age) {
    r.headers().set("X-Cache", label + " from cloudfront");
    r.headers().set("Via", via(ctx.pop()));
    r.headers().set("X-Amz-Cf-Pop", ctx.pop().code() + "-C1");
    r.headers().set("X-Amz-Cf-Id", ctx.requestId());
    if (age >= 0) r.headers().set("Age", age);
    else r.headers().remove("Age");
  }

  /** §3: redirect-to-https (301 GET/HEAD, 307 others, 403 over HTTP/1.0) and https-only (403). */
  private FullHttpResponse viewerProtocol(Behavior b, Ctx ctx, String method, FullHttpRequest req) {
    String policy = b.viewerProtocolPolicy() == null ? "allow-all" : b.viewerProtocolPolicy();
    if (policy.equals("https-only")) return errorPage(ctx, 403, "Bad request.", "Error");
    if (!policy.equals("redirect-to-https")) return null;
    boolean readOnly = method.equals("GET") || method.equals("HEAD");
    if (!readOnly && req.protocolVersion().equals(HttpVersion.HTTP_1_0)) return errorPage(ctx, 403, "Bad request.", "Error");
    String host = req.headers().get("Host", "");
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) host = host.substring(0, colon);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        readOnly ? HttpResponseStatus.MOVED_PERMANENTLY : HttpResponseStatus.TEMPORARY_REDIRECT,
        Unpooled.wrappedBuffer(errorHtml(readOnly ? 301 : 307, "Moved", ctx.requestId())));
    r.headers().set("Location", "https://" + host + req.uri());
    r.headers().set("Content-Type", "text/html");
    r.headers().set("Server", "CloudFront");
    decorate(r, ctx, "Redirect", -1);
    return r;
  }

  /** The distribution's WAF web ACL (core HttpFilterRegistry, WAF slot, distribution ARN), or null to go on. */
  private FullHttpResponse waf(CompiledDistribution d, HttpExchange ex) {
    Optional<HttpFilter> filter = edge.filters().find(d.arn(), FilterSlot.WAF);
    if (filter.isEmpty()) return null;
    FullHttpRequest req = ex.request();
    HttpRequestView view = dev.stratus.net.http.FilterChain.view(ex);
    return switch (filter.get().filter(view)) {
      case FilterVerdict.Continue c -> {
        c.addedHeaders().forEach((k, v) -> req.headers().set(k, v));
        yield null;
      }
      case FilterVerdict.Respond r -> {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((k, v) -> out.headers().set(k, v));
        yield out;
      }
    };
  }

  private FullHttpResponse errorPage(Ctx ctx, int status, String why, String label) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(errorHtml(status, why, ctx.requestId())));
    r.headers().set("Content-Type", "text/html");
    r.headers().set("Server", "CloudFront");
    decorate(r, ctx, label, -1);
    return r;
  }

  /** CloudFront's "The request could not be satisfied" page. */
  static byte[] errorHtml(int status, String why, String requestId) {
    return ("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n"
        + "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n"
        + "<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n"
        + "<H1>" + status + " ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\n"
        + why + "\n<BR clear=\"all\">\n<HR noshade size=\"1px\">\n<PRE>\nGenerated by cloudfront (CloudFront)\n"
        + "Request ID: " + requestId + "\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code 1.1 <32 hex>.cloudfront.net (CloudFront)}, one id per edge location. */
  private String via(EdgeLocation pop) {
    return "1.1 " + viaIds.computeIfAbsent(pop.code(), c -> {
      byte[] b = new byte[16];
      ThreadLocalRandom.current().nextBytes(b);
      return HexFormat.of().formatHex(b);
    }) + ".cloudfront.net (CloudFront)";
  }

  /** An X-Amz-Cf-Id: 40 random bytes, base64 (56 characters), as CloudFront's look. */
  private static String requestId() {
    byte[] b = new byte[40];
    ThreadLocalRandom.current().nextBytes(b);
    return Base64.getUrlEncoder().encodeToString(b);
  }

  /** If-None-Match's weak comparison (RFC 9110 §13.1.2): any listed tag equal to {@code etag} but for W/. */
  static boolean weakMatch(String ifNoneMatch, String etag) {
    if (ifNoneMatch.trim().equals("*")) return true;
    String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.trim();
      if ((tag.startsWith("W/") ? tag.substring(2) : tag).equals(bare)) return true;
    }
    return false;
  }

  private static String first(List<Map.Entry<String, String>> headers, String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
    }
    return null;
  }

  /** A cached copy's headers updated by a 304's (RFC 9111 §4.3.4). */
  private static List<Map.Entry<String, String>> merge(List<Map.Entry<String, String>> held,
      List<Map.Entry<String, String>> fresh) {
    Set<String> replaced = new java.util.HashSet<>();
    for (Map.Entry<String, String> h : fresh) replaced.add(h.getKey().toLowerCase(Locale.ROOT));
    replaced.remove("content-length");
    replaced.remove("content-type");
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : held) {
      if (!replaced.contains(h.getKey().toLowerCase(Locale.ROOT))) out.add(h);
    }
    for (Map.Entry<String, String> h : fresh) {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if (!n.equals("content-length") && !n.equals("content-type")) out.add(h);
    }
    return out;
  }

  private static CompletableFuture<FullHttpResponse> done(FullHttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
