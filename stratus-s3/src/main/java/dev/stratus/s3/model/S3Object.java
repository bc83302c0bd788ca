package dev.stratus.s3.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One object's metadata; its bytes are the file {@code blob} under the S3 data directory.
 * Stored in scope = bucket name, id = key, so a scope lists in key order (what listings need).
 *
 * @param etag the quoted ETag: the MD5 of the body, or {@code "md5-of-part-md5s-N"} after a
 *     multipart upload
 * @param partsCount the parts of a multipart object, 0 for a single PUT
 */
public record S3Object(String bucket, String key, String blob, long size, String etag, Instant lastModified,
    ObjectHeaders headers, int partsCount) {
  public static final Table<S3Object> TABLE = Table.of("s3.object", S3Object.class);

  public S3Object withHeaders(ObjectHeaders h) {
    return new S3Object(bucket, key, blob, size, etag, lastModified, h, partsCount);
  }

  public S3Object {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(headers, "headers");
  }
}
