package dev.stratus.cloudfront;

import dev.stratus.cloudfront.functions.KeyValueStores;
import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.KeyValueStoreData;
import dev.stratus.cloudfront.model.KeyValueStoreKey;
import dev.stratus.core.store.Store;
import java.util.Optional;

/** Functions read key value stores from the store's committed rows, as the data API wrote them. */
final class StoredKeyValueStores implements KeyValueStores.Source {
  private final Store store;

  StoredKeyValueStores(Store store) { this.store = store; }

  @Override
  public Optional<String> get(String storeId, String key) {
    return store.get(KeyValueStoreKey.TABLE, storeId, key).map(KeyValueStoreKey::value);
  }

  @Override
  public Optional<KeyValueStores.Meta> meta(String storeId) {
    return store.get(KeyValueStoreData.TABLE, Distribution.SCOPE, storeId)
        .map(d -> new KeyValueStores.Meta(d.created(), d.lastModified(), d.itemCount()));
  }
}
