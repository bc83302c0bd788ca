package dev.stratus.s3;

import dev.stratus.core.s3.BucketOrigin;
import dev.stratus.core.s3.OriginRequest;
import dev.stratus.core.s3.OriginResponse;
import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * CloudFront's view of S3: an origin request becomes an S3 GET or HEAD of the object, made by
 * principal {@code cloudfront.amazonaws.com} with the distribution as {@code aws:SourceArn}
 * under origin access control, else anonymously; the bucket policy decides as it does on the
 * API port, and the answer carries S3's headers and error documents.
 */
final class S3BucketOrigin implements BucketOrigin {
  /** The service principal CloudFront signs as under origin access control. */
  static final String CLOUDFRONT_PRINCIPAL = "cloudfront.amazonaws.com";

  private final Store store;
  private final S3Api api;
  private final ExecutorService calls;
  private final Clock clock;

  S3BucketOrigin(Store store, S3Api api, ExecutorService calls, Clock clock) {
    this.store = store;
    this.api = api;
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public boolean holds(String bucket) {
    return store.get(Bucket.TABLE, Bucket.SCOPE, bucket).isPresent();
  }

  @Override
  public CompletableFuture<OriginResponse> fetch(OriginRequest request) {
    CompletableFuture<OriginResponse> done = new CompletableFuture<>();
    try {
      calls.execute(() -> done.complete(answer(request)));
    } catch (RuntimeException e) {
      done.complete(failed());
    }
    return done;
  }

  private OriginResponse answer(OriginRequest o) {
    try {
      String method = o.method().toUpperCase(Locale.ROOT);
      if (!method.equals("GET") && !method.equals("HEAD")) method = "GET";
      Map<String, String> headers = new TreeMap<>();
      o.headers().forEach((k, v) -> {
        if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
      });
      Caller caller = o.oacSourceArn() == null ? new Caller.Anonymous() : new Caller.Service(CLOUDFRONT_PRINCIPAL, o.oacSourceArn());
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
      S3Request r = new S3Request(method, o.bucket(), o.key(), Map.of(), headers, S3Response.EMPTY, caller, "",
          "us-east-1", id, clock.instant(), o.bucket() + ".s3.us-east-1.amazonaws.com", false);
      S3Response s = o.key().isEmpty() ? api.handle(new S3Request(method, o.bucket(), null, Map.of("list-type", List.of("2")),
          headers, S3Response.EMPTY, caller, "", "us-east-1", id, clock.instant(), r.host(), false)) : api.handle(r);
      Map<String, List<String>> out = new TreeMap<>();
      s.headers().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.of(v)));
      out.remove("content-length");
      return new OriginResponse(s.status(), out, s.body());
    } catch (RuntimeException e) {
      return failed();
    }
  }

  private static OriginResponse failed() {
    return new OriginResponse(500, Map.of("content-type", List.of("application/xml")),
        S3Xml.bare("Error").element("Code", "InternalError").element("Message", "We encountered an internal error. Please try again.")
            .close("Error").bytes());
  }
}
