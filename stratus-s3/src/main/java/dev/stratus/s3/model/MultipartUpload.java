package dev.stratus.s3.model;

import dev.stratus.core.store.Table;
import java.time.Instant;
import java.util.Objects;

/** A multipart upload in progress (scope = bucket, id = upload id); its parts are {@link UploadPart} rows. */
public record MultipartUpload(String bucket, String key, String uploadId, Instant initiated, ObjectHeaders headers,
    String owner) {
  public static final Table<MultipartUpload> TABLE = Table.of("s3.multipart_upload", MultipartUpload.class);

  public MultipartUpload {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(initiated, "initiated");
    Objects.requireNonNull(headers, "headers");
  }
}
