package dev.stratus.cloudfront.model;

import dev.stratus.core.store.Table;

/**
 * One key of a key value store (its data API, cloudfront-keyvaluestore): rows scoped by the
 * store's id, keyed by the key, so a store's keys list in key order.
 */
public record KeyValueStoreKey(String key, String value) {
  public static final Table<KeyValueStoreKey> TABLE = Table.of("cloudfront.kvs_key", KeyValueStoreKey.class);

  /** What the key counts towards the store's 5 MB: its key and value in UTF-8. */
  public long size() {
    return KeyValueStoreData.utf8Length(key) + KeyValueStoreData.utf8Length(value);
  }
}
