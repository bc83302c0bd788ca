package dev.stratus.cloudfront.dataplane.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One origin response as the tiers keep it. {@code storedAt} is when the origin gave (or last
 * confirmed) it, so every tier holding a copy sees it expire at the same instant, as the Age
 * header carries it in AWS.
 */
public final class CachedObject {
  private final int status;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final Instant storedAt;
  private final TtlRules.Ttl ttl;
  private volatile byte[] gzipped;
  private volatile byte[] brotli;

  public CachedObject(int status, List<Map.Entry<String, String>> headers, byte[] body, Instant storedAt, TtlRules.Ttl ttl) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = Objects.requireNonNull(body, "body");
    this.storedAt = Objects.requireNonNull(storedAt, "storedAt");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  public int status() { return status; }
  public List<Map.Entry<String, String>> headers() { return headers; }
  public byte[] body() { return body; }
  public Instant storedAt() { return storedAt; }
  public TtlRules.Ttl ttl() { return ttl; }

  /** Whether a tier may keep it at all. */
  public boolean storable() { return ttl.store(); }

  public boolean freshAt(Instant now) {
    return ttl.store() && now.isBefore(storedAt.plusSeconds(ttl.seconds()));
  }

  /** Seconds since the origin gave or confirmed it (the Age header). */
  public long ageAt(Instant now) {
    return Math.max(0, now.getEpochSecond() - storedAt.getEpochSecond());
  }

  /** First value of a header (any case), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
    }
    return null;
  }

  /** ETag, else Last-Modified, else null: what a conditional request names. */
  public String validator() {
    String etag = header("ETag");
    return etag != null ? "etag:" + etag : header("Last-Modified") == null ? null : "lm:" + header("Last-Modified");
  }

  /** The same object confirmed by the origin (304) at {@code now} with a new TTL and the 304's headers. */
  public CachedObject refreshed(List<Map.Entry<String, String>> newHeaders, Instant now, TtlRules.Ttl newTtl) {
    return new CachedObject(status, newHeaders, body, now, newTtl);
  }

  /** The body gzip-compressed, computed once per object. */
  public byte[] gzipped() {
    byte[] g = gzipped;
    if (g == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      g = out.toByteArray();
      gzipped = g;
    }
    return g;
  }

  /** The body brotli-compressed, computed once per object; only when {@link Brotli#available()}. */
  public byte[] brotli() {
    byte[] b = brotli;
    if (b == null) {
      b = Brotli.compress(body);
      brotli = b;
    }
    return b;
  }
}
