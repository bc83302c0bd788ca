package dev.stratus.s3.model;

import dev.stratus.core.store.Table;
import java.time.Instant;

/**
 * One uploaded part (scope = upload id, id = part number zero-padded, so a scope lists in part
 * order). Uploading a part number again replaces it.
 */
public record UploadPart(String uploadId, int partNumber, String blob, long size, String etag, Instant lastModified) {
  public static final Table<UploadPart> TABLE = Table.of("s3.upload_part", UploadPart.class);

  /** The row id of part {@code n}. */
  public static String id(int n) { return String.format("%05d", n); }
}
