package dev.stratus.cloudfront.functions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key value stores as functions read them ({@code cloudfront.kvs(id)}), by store id: read live
 * from a {@link Source} (the stores' data API writes, so a PutKey is seen by the next run), or
 * from stores put here in memory (tests, an edge without a control plane), which come first.
 */
public final class KeyValueStores {
  /** What {@code meta()} answers. */
  public record Meta(Instant creationDateTime, Instant lastUpdatedDateTime, int keyCount) {}

  /** Where stores' keys live. */
  public interface Source {
    Optional<String> get(String storeId, String key);

    /** Empty when there is no store {@code storeId}. */
    Optional<Meta> meta(String storeId);
  }

  private record Store(Map<String, String> entries, Instant created, Instant[] updated) {}

  private final Map<String, Store> stores = new ConcurrentHashMap<>();
  private volatile Source source;

  /** Reads the stores not put here from {@code from}; returns this. */
  public KeyValueStores readFrom(Source from) {
    this.source = from;
    return this;
  }

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
    if (s != null) return Optional.ofNullable(s.entries().get(key));
    Source from = source;
    return from == null ? Optional.empty() : from.get(id, key);
  }

  /** {@code meta()}'s answer: creationDateTime, lastUpdatedDateTime, keyCount. */
  String meta(String id) {
    Store s = stores.get(id);
    Optional<Meta> m = s != null ? Optional.of(new Meta(s.created(), s.updated()[0], s.entries().size()))
        : Optional.ofNullable(source).flatMap(from -> from.meta(id));
    if (m.isEmpty()) return "{\"creationDateTime\":null,\"lastUpdatedDateTime\":null,\"keyCount\":0}";
    return "{\"creationDateTime\":\"" + m.get().creationDateTime() + "\",\"lastUpdatedDateTime\":\""
        + m.get().lastUpdatedDateTime() + "\",\"keyCount\":" + m.get().keyCount() + "}";
  }
}
