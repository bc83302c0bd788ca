package dev.stratus.s3;

import dev.stratus.core.s3.LogDelivery;
import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import dev.stratus.s3.model.Caller;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * Log files put into a bucket for its owner (CloudFront's standard logs arrive owned by the
 * bucket owner's account through the log-delivery ACL grant), through the same PutObject as the
 * API port, so the object has an ETag, survives a restart and lists like any other.
 */
final class S3LogDelivery implements LogDelivery {
  private static final Logger LOG = Logger.getLogger(S3LogDelivery.class.getName());

  private final Store store;
  private final S3Api api;
  private final ExecutorService calls;
  private final Clock clock;

  S3LogDelivery(Store store, S3Api api, ExecutorService calls, Clock clock) {
    this.store = store;
    this.api = api;
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Boolean> deliver(String bucket, String key, byte[] body, String contentType) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    try {
      calls.execute(() -> done.complete(put(bucket, key, body, contentType)));
    } catch (RuntimeException e) {
      done.complete(false);
    }
    return done;
  }

  private boolean put(String bucket, String key, byte[] body, String contentType) {
    try {
      var b = store.get(Bucket.TABLE, Bucket.SCOPE, bucket);
      if (b.isEmpty()) return false;
      String owner = b.get().owner();
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
      S3Response r = api.handle(new S3Request("PUT", bucket, key, Map.of(),
          Map.of("content-type", contentType, "content-length", String.valueOf(body.length)), body,
          new Caller.Account(owner), owner, b.get().region(), id, clock.instant(),
          bucket + ".s3." + b.get().region() + ".amazonaws.com", false));
      if (r.status() / 100 != 2) LOG.warning(() -> "log delivery to s3://" + bucket + "/" + key + " refused: " + r.status());
      return r.status() / 100 == 2;
    } catch (RuntimeException e) {
      LOG.warning(() -> "log delivery to s3://" + bucket + "/" + key + " failed: " + e);
      return false;
    }
  }
}
