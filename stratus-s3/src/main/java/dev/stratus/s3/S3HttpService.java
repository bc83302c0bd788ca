package dev.stratus.s3;

import dev.stratus.core.RequestContext;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.WireRequest;
import dev.stratus.protocol.routing.ServiceRouter;
import dev.stratus.s3.model.BucketNames;
import dev.stratus.s3.model.Caller;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * S3 on the API port: claims the requests that are S3's ({@link #route}) before AWS dispatch,
 * turns each into an {@link S3Request} (bucket and key from Host or path, the caller from the
 * SigV4 scope, an aws-chunked body decoded) on a virtual thread, and writes the answer.
 */
final class S3HttpService implements HttpService, VirtualHosts.Router {
  /** SigV2's Authorization header ({@code AWS AKID:signature}), which only S3 still accepts. */
  private static final String SIGV2_PREFIX = "AWS ";
  private static final String SIGNED_FOR_S3 = "/" + ServiceDescriptor.S3.signingName() + "/aws4_request";

  private final S3Api api;
  private final Predicate<String> holds;
  private final ExecutorService calls;
  private final Clock clock;

  S3HttpService(S3Api api, Predicate<String> holds, ExecutorService calls, Clock clock) {
    this.api = api;
    this.holds = holds;
    this.calls = calls;
    this.clock = clock;
  }

  /*
   * Claimed: a Host that is an S3 name (website, virtual-hosted, S3's endpoint, or
   * <bucket>.localhost for a bucket Stratus holds); else a request signed for s3 (header or
   * presigned query); else an unsigned request with no other service's marks whose first path
   * segment is a bucket Stratus holds (anonymous path-style GETs, e.g. curl).
   */
  @Override
  public Optional<HttpService> route(HttpRequest request) {
    String host = S3Addressing.host(request.headers().get(HttpHeaderNames.HOST));
    Optional<S3Addressing.HostKind> kind = S3Addressing.classify(host);
    if (kind.isPresent()) {
      boolean mine = !(kind.get() instanceof S3Addressing.MaybeBucket m) || holds.test(m.bucket());
      if (mine) return Optional.of(this);
    }
    String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth != null) {
      return auth.contains(SIGNED_FOR_S3) || auth.startsWith(SIGV2_PREFIX) ? Optional.of(this) : Optional.empty();
    }
    String uri = request.uri();
    if (uri.contains("AWSAccessKeyId=") && uri.contains("Signature=") && !uri.contains("Action=")) {
      return Optional.of(this); // a SigV2 presigned URL without a query API's Action: S3's
    }
    if (uri.contains("X-Amz-Credential=")) {
      return uri.contains("%2Fs3%2Faws4_request") || uri.contains(SIGNED_FOR_S3) ? Optional.of(this) : Optional.empty();
    }
    if (request.headers().contains("X-Amz-Target") || uri.contains("Action=")) return Optional.empty();
    String first = firstSegment(uri);
    if (first.isEmpty()) return Optional.empty();
    if (holds.test(first)) return Optional.of(this);
    // a bucket name no other service claims: S3 answers it (NoSuchBucket), as S3's endpoint would
    boolean otherService = ServiceRouter.route(WireRequest.of(request.method().name(), uri, Map.of(), new byte[0]),
        ServiceRouter.Scope.NONE).isPresent();
    return BucketNames.isValid(first) && !otherService ? Optional.of(this) : Optional.empty();
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange exchange) {
    FullHttpRequest msg = exchange.request();
    CompletableFuture<FullHttpResponse> done = new CompletableFuture<>();
    calls.execute(() -> {
      try {
        S3Request request = toS3Request(msg);
        done.complete(toNetty(api.handle(request)));
      } catch (S3Exception e) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        done.complete(toNetty(S3Api.error(msg.method().name(), id, e.code(), e.httpStatus(), e.getMessage(), e.details())));
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  private S3Request toS3Request(FullHttpRequest msg) {
    Map<String, List<String>> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : msg.headers()) {
      raw.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
      headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
    }
    byte[] body = ByteBufUtil.getBytes(msg.content());
    if (AwsChunked.applies(headers)) body = AwsChunked.decode(body).payload();
    WireRequest wire = WireRequest.of(msg.method().name(), msg.uri(), raw, new byte[0]);
    ServiceRouter.Scope scope = ServiceRouter.scope(wire);
    String accessKey = scope.accessKeyId().isEmpty() ? sigV2AccessKey(wire) : scope.accessKeyId();
    Caller caller = accessKey.isEmpty() ? new Caller.Anonymous() : new Caller.Account(RequestContext.accountOf(accessKey));
    String account = caller instanceof Caller.Account a ? a.accountId() : "";
    String host = S3Addressing.host(headers.get("host"));
    String path = decodePath(wire.path());
    String bucket = null;
    String key;
    boolean website = false;
    Optional<S3Addressing.HostKind> kind = S3Addressing.classify(host);
    S3Addressing.HostKind k = kind.orElse(new S3Addressing.PathStyle());
    if (k instanceof S3Addressing.MaybeBucket m && !holds.test(m.bucket())) k = new S3Addressing.PathStyle();
    switch (k) {
      case S3Addressing.Website w -> { bucket = w.bucket(); website = true; key = path.substring(1); }
      case S3Addressing.VirtualHosted v -> { bucket = v.bucket(); key = path.substring(1); }
      case S3Addressing.MaybeBucket m -> { bucket = m.bucket(); key = path.substring(1); }
      case S3Addressing.PathStyle p -> {
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        bucket = rest.isEmpty() ? null : slash < 0 ? rest : rest.substring(0, slash);
        key = slash < 0 ? "" : rest.substring(slash + 1);
      }
    }
    PresignedExpiry.check(wire, clock.instant());
    return new S3Request(msg.method().name(), bucket, key.isEmpty() && !website ? null : key, wire.query(), headers, body,
        caller, account, scope.region(), UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT),
        clock.instant(), host, website);
  }

  /** The access key of a SigV2 request (header or presigned query), else "". */
  private static String sigV2AccessKey(WireRequest wire) {
    String auth = wire.header("Authorization");
    if (auth != null && auth.startsWith(SIGV2_PREFIX)) {
      int colon = auth.indexOf(':');
      return colon > SIGV2_PREFIX.length() ? auth.substring(SIGV2_PREFIX.length(), colon).trim() : "";
    }
    String key = wire.queryParam("AWSAccessKeyId");
    return key == null || wire.queryParam("Signature") == null ? "" : key;
  }

  private static FullHttpResponse toNetty(S3Response r) {
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
        Unpooled.wrappedBuffer(r.body()));
    r.headers().forEach((k, v) -> out.headers().set(k, v));
    if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) out.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    return out;
  }

  /** Percent-decoding of a path ({@code +} stays a plus, as S3 reads keys). */
  static String decodePath(String path) {
    if (path.isEmpty()) return "/";
    if (path.indexOf('%') < 0) return path;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      int cp = path.codePointAt(i);
      out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
      i += Character.charCount(cp) - 1;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String firstSegment(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (!path.startsWith("/") || path.startsWith("/_stratus/")) return "";
    int slash = path.indexOf('/', 1);
    return path.substring(1, slash < 0 ? path.length() : slash);
  }
}
