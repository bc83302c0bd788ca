package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The version of a key value store's keys, as the data API answers it: the ETag every write
 * must name (If-Match) and changes, the key count and total size after the last write, when the
 * store was made and its keys last changed. One row per store, in {@link Distribution#SCOPE},
 * keyed by the store's id; written with the keys in one transaction.
 *
 * @param failureReason why importing the store's S3 source failed, if it did
 */
public record KeyValueStoreData(String storeId, String etag, int itemCount, long totalSizeInBytes, Instant created,
    Instant lastModified, Optional<String> failureReason) {
  public static final Table<KeyValueStoreData> TABLE = Table.of("cloudfront.kvs_data", KeyValueStoreData.class);

  /** The version of a store whose keys were never written. */
  public static KeyValueStoreData empty(String storeId, String etag, Instant created) {
    return new KeyValueStoreData(storeId, etag, 0, 0, created, created, Optional.empty());
  }

  static long utf8Length(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }
}
