package dev.stratus.s3;

import dev.stratus.core.RequestContext;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.BodyPlan;
import dev.stratus.net.http.FileHttpResponse;
import dev.stratus.net.http.HttpService;
import dev.stratus.net.http.SpooledBody;
import dev.stratus.net.http.StreamingHttpService;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
final class S3HttpService implements StreamingHttpService, VirtualHosts.Router {
  /** The largest object one PUT may upload, and the largest part: 5 GiB. */
  static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;
  /** Room for aws-chunked framing around a 5 GiB payload (chunk headers and signatures). */
  private static final long MAX_FRAMING_BYTES = 64L * 1024 * 1024;
  /** Query parameters a spooled PUT may carry: PutObject's and UploadPart's, and presigning's. */
  private static final java.util.Set<String> PUT_PARAMS = java.util.Set.of("uploadid", "partnumber", "x-id",
      "awsaccesskeyid", "signature", "expires");

  /** SigV2's Authorization header ({@code AWS AKID:signature}), which only S3 still accepts. */
  private static final String SIGV2_PREFIX = "AWS ";
  private static final String SIGNED_FOR_S3 = "/" + ServiceDescriptor.S3.signingName() + "/aws4_request";

  private final S3Api api;
  private final ObjectFiles files;
  private final Predicate<String> holds;
  private final ExecutorService calls;
  private final Clock clock;

  S3HttpService(S3Api api, ObjectFiles files, Predicate<String> holds, ExecutorService calls, Clock clock) {
    this.api = api;
    this.files = files;
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

  /*
   * PutObject and UploadPart bodies go to a file in the blobs' tmp directory as they arrive
   * (up to S3's 5 GiB per PUT, then moved into place); a declared size over 5 GiB is answered
   * EntityTooLarge before any of it is read. Everything else is aggregated as before.
   */
  @Override
  public BodyPlan plan(HttpRequest head) {
    if (!head.method().equals(HttpMethod.PUT) || head.headers().contains("x-amz-copy-source")) return BodyPlan.AGGREGATE;
    String uri = head.uri();
    int q = uri.indexOf('?');
    if (q >= 0) {
      for (String pair : uri.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !PUT_PARAMS.contains(name) && !name.startsWith("x-amz-")) return BodyPlan.AGGREGATE;
      }
    }
    Target t = target(S3Addressing.host(head.headers().get(HttpHeaderNames.HOST)), decodePath(pathOf(uri)));
    if (t.website() || t.bucket() == null || t.key().isEmpty()) return BodyPlan.AGGREGATE;
    String decoded = head.headers().get("x-amz-decoded-content-length");
    long declared = decoded != null ? parseLong(decoded) : HttpUtil.getContentLength(head, -1L);
    if (declared > MAX_PUT_BYTES) {
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
      S3Exception e = S3Errors.entityTooLarge(declared, MAX_PUT_BYTES);
      return new BodyPlan.Refuse(toNetty(S3Api.error("PUT", id, e.code(), e.httpStatus(), e.getMessage(), e.details())));
    }
    return new BodyPlan.Spool(files.spoolDirectory(), MAX_PUT_BYTES + MAX_FRAMING_BYTES);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange exchange) {
    return serve(exchange, null);
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange exchange, SpooledBody spooled) {
    FullHttpRequest msg = exchange.request();
    CompletableFuture<FullHttpResponse> done = new CompletableFuture<>();
    calls.execute(() -> {
      S3Request.Upload upload = null;
      try {
        S3Request request = toS3Request(msg, spooled == null);
        if (spooled != null) {
          upload = prepare(spooled, request.headers());
          request = request.withUpload(upload);
        }
        S3Request call = request;
        done.complete(toNetty(api.handle(call), () -> api.handle(call)));
      } catch (S3Exception e) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        done.complete(toNetty(S3Api.error(msg.method().name(), id, e.code(), e.httpStatus(), e.getMessage(), e.details())));
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      } finally {
        if (upload != null && !upload.file().equals(spooled.file())) {
          try { Files.deleteIfExists(upload.file()); } catch (IOException ignored) { /* swept at the next start */ }
        }
      }
    });
    return done;
  }

  /**
   * The spooled body as S3 keeps it: aws-chunked framing decoded into a second file, or the
   * spooled file itself; its MD5 computed on the way; over 5 GiB refused.
   */
  private S3Request.Upload prepare(SpooledBody spooled, Map<String, String> headers) {
    MessageDigest md5 = md5();
    try {
      if (AwsChunked.applies(headers)) {
        Path decoded = files.spoolDirectory().resolve("decoded-" + UUID.randomUUID());
        long length;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spooled.file()), 64 * 1024);
            CountingOutputStream out = new CountingOutputStream(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(decoded, StandardOpenOption.CREATE_NEW), 64 * 1024), md5))) {
          AwsChunked.decode(in, out);
          length = out.count;
        } catch (RuntimeException | IOException e) {
          Files.deleteIfExists(decoded);
          throw e;
        }
        spooled.close();
        if (length > MAX_PUT_BYTES) {
          Files.deleteIfExists(decoded);
          throw S3Errors.entityTooLarge(length, MAX_PUT_BYTES);
        }
        return new S3Request.Upload(decoded, length, md5.digest());
      }
      if (spooled.length() > MAX_PUT_BYTES) throw S3Errors.entityTooLarge(spooled.length(), MAX_PUT_BYTES);
      try (InputStream in = new DigestInputStream(Files.newInputStream(spooled.file()), md5)) {
        byte[] buf = new byte[64 * 1024];
        while (in.read(buf) >= 0) { /* digest */ }
      }
      return new S3Request.Upload(spooled.file(), spooled.length(), md5.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }
  }

  /** Bucket, key and website of a request, from its Host and decoded path. */
  private record Target(String bucket, String key, boolean website) {}

  private Target target(String host, String path) {
    Optional<S3Addressing.HostKind> kind = S3Addressing.classify(host);
    S3Addressing.HostKind k = kind.orElse(new S3Addressing.PathStyle());
    if (k instanceof S3Addressing.MaybeBucket m && !holds.test(m.bucket())) k = new S3Addressing.PathStyle();
    return switch (k) {
      case S3Addressing.Website w -> new Target(w.bucket(), path.substring(1), true);
      case S3Addressing.VirtualHosted v -> new Target(v.bucket(), path.substring(1), false);
      case S3Addressing.MaybeBucket m -> new Target(m.bucket(), path.substring(1), false);
      case S3Addressing.PathStyle p -> {
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        yield new Target(rest.isEmpty() ? null : slash < 0 ? rest : rest.substring(0, slash),
            slash < 0 ? "" : rest.substring(slash + 1), false);
      }
    };
  }

  private static String pathOf(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  private S3Request toS3Request(FullHttpRequest msg, boolean decodeBody) {
    Map<String, List<String>> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : msg.headers()) {
      raw.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
      headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
    }
    byte[] body = ByteBufUtil.getBytes(msg.content());
    if (decodeBody && AwsChunked.applies(headers)) body = AwsChunked.decode(body).payload();
    WireRequest wire = WireRequest.of(msg.method().name(), msg.uri(), raw, new byte[0]);
    ServiceRouter.Scope scope = ServiceRouter.scope(wire);
    String accessKey = scope.accessKeyId().isEmpty() ? sigV2AccessKey(wire) : scope.accessKeyId();
    Caller caller = accessKey.isEmpty() ? new Caller.Anonymous() : new Caller.Account(RequestContext.accountOf(accessKey));
    String account = caller instanceof Caller.Account a ? a.accountId() : "";
    String host = S3Addressing.host(headers.get("host"));
    String path = decodePath(wire.path());
    Target t = target(host, path);
    String bucket = t.bucket();
    String key = t.key();
    boolean website = t.website();
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

  /**
   * An answer whose body is an object's file is streamed from it ({@link FileHttpResponse});
   * when the file went away between the lookup and the open (the object was overwritten or
   * deleted meanwhile), {@code again} asks once more.
   */
  private static FullHttpResponse toNetty(S3Response r, java.util.function.Supplier<S3Response> again) {
    if (r.file() == null) return toNetty(r);
    FileChannel ch;
    try {
      ch = FileChannel.open(r.file().path(), StandardOpenOption.READ);
    } catch (IOException e) {
      S3Response retry = again.get();
      if (retry.file() == null) return toNetty(retry);
      try {
        ch = FileChannel.open(retry.file().path(), StandardOpenOption.READ);
      } catch (IOException e2) {
        throw new java.io.UncheckedIOException(e2);
      }
      r = retry;
    }
    FileHttpResponse out = new FileHttpResponse(HttpResponseStatus.valueOf(r.status()), ch, r.file().offset(), r.file().length());
    r.headers().forEach((k, v) -> out.headers().set(k, v));
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.file().length());
    return out;
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
