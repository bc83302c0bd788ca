package dev.stratus.cloudfront.functions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Key value stores as functions read them ({@code cloudfront.kvs(id)}): id → keys → values, in memory. */
public final class KeyValueStores {
  private record Store(Map<String, String> entries, Instant created, Instant[] updated) {}

  private final Map<String, Store> stores = new ConcurrentHashMap<>();

  /** Puts {@code key} in store {@code id} (made on first use). */
  public void put(String id, String key, String value) {
    Store s = stores.computeIfAbsent(id, x -> new Store(new ConcurrentHashMap<>(), Instant.now(), new Instant[] {Instant.now()}));
    s.entries().put(key, value);
    s.updated()[0] = Instant.now();
  }

  public void delete(String id, String key) {
    Store s = stores.get(id);
    if (s != null) s.entries().remove(key);
  }

  public Optional<String> get(String id, String key) {
    Store s = stores.get(id);
    return s == null ? Optional.empty() : Optional.ofNullable(s.entries().get(key));
  }

  /** {@code meta()}'s answer: creationDateTime, lastUpdatedDateTime, keyCount. */
  String meta(String id) {
    Store s = stores.get(id);
    if (s == null) return "{\"creationDateTime\":null,\"lastUpdatedDateTime\":null,\"keyCount\":0}";
    return "{\"creationDateTime\":\"" + s.created() + "\",\"lastUpdatedDateTime\":\"" + s.updated()[0]
        + "\",\"keyCount\":" + s.entries().size() + "}";
  }
}
