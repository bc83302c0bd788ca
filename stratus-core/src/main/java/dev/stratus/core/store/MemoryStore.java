package dev.stratus.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A store that keeps committed state in memory only. Every value is round-tripped through
 * {@link StoreJson} on write, so a record that would not survive the durable store fails here
 * too, in unit tests.
 */
public final class MemoryStore implements Store {
  /** table → scope → id → row; replaced wholesale on commit, so readers need no lock. */
  private volatile Map<String, Map<String, TreeMap<String, Object>>> committed = Map.of();
  private final ReentrantLock writer = new ReentrantLock();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public <T> Optional<T> get(Table<T> table, String scope, String id) {
    return Optional.ofNullable(rows(committed, table, scope).get(id)).map(table.type()::cast);
  }

  @Override
  public <T> List<T> list(Table<T> table, String scope) {
    return rows(committed, table, scope).values().stream().map(table.type()::cast).toList();
  }

  @Override
  public <T> List<T> listAll(Table<T> table) {
    var scopes = new TreeMap<>(committed.getOrDefault(table.name(), Map.of()));
    return scopes.values().stream().flatMap(r -> r.values().stream()).map(table.type()::cast).toList();
  }

  @Override
  public <R> R write(Function<Transaction, R> work) {
    List<ChangeEvent> events;
    R result;
    writer.lock();
    try {
      var tx = new MemoryTransaction(deepCopy(committed));
      result = work.apply(tx);
      committed = tx.state;
      events = tx.events;
    } finally {
      writer.unlock();
    }
    if (!events.isEmpty()) {
      listeners.forEach(l -> l.committed(List.copyOf(events)));
    }
    return result;
  }

  @Override
  public void subscribe(ChangeListener listener) { listeners.add(Objects.requireNonNull(listener)); }

  @Override
  public void close() {}

  private static TreeMap<String, Object> rows(Map<String, Map<String, TreeMap<String, Object>>> state, Table<?> t, String scope) {
    return state.getOrDefault(t.name(), Map.of()).getOrDefault(scope, new TreeMap<>());
  }

  private static Map<String, Map<String, TreeMap<String, Object>>> deepCopy(Map<String, Map<String, TreeMap<String, Object>>> s) {
    var copy = new TreeMap<String, Map<String, TreeMap<String, Object>>>();
    s.forEach((table, scopes) -> {
      var sc = new TreeMap<String, TreeMap<String, Object>>();
      scopes.forEach((scope, rows) -> sc.put(scope, new TreeMap<>(rows)));
      copy.put(table, sc);
    });
    return copy;
  }

  private static final class MemoryTransaction implements Transaction {
    final Map<String, Map<String, TreeMap<String, Object>>> state;
    final List<ChangeEvent> events = new ArrayList<>();

    MemoryTransaction(Map<String, Map<String, TreeMap<String, Object>>> state) { this.state = state; }

    @Override
    public <T> Optional<T> get(Table<T> table, String scope, String id) {
      return Optional.ofNullable(rows(state, table, scope).get(id)).map(table.type()::cast);
    }

    @Override
    public <T> List<T> list(Table<T> table, String scope) {
      return rows(state, table, scope).values().stream().map(table.type()::cast).toList();
    }

    @Override
    public <T> List<T> listAll(Table<T> table) {
      return state.getOrDefault(table.name(), Map.of()).values().stream()
          .flatMap(r -> r.values().stream()).map(table.type()::cast).toList();
    }

    @Override
    public <T> void put(Table<T> table, String scope, String id, T value) {
      T copy = StoreJson.read(StoreJson.write(Objects.requireNonNull(value, "value")), table.type());
      var before = state.computeIfAbsent(table.name(), k -> new TreeMap<>())
          .computeIfAbsent(scope, k -> new TreeMap<>()).put(id, copy);
      events.add(new ChangeEvent(table, scope, id, Optional.ofNullable(before), Optional.of(copy)));
    }

    @Override
    public <T> boolean delete(Table<T> table, String scope, String id) {
      var rows = state.getOrDefault(table.name(), Map.of()).get(scope);
      Object before = rows == null ? null : rows.remove(id);
      if (before == null) return false;
      events.add(new ChangeEvent(table, scope, id, Optional.of(before), Optional.empty()));
      return true;
    }
  }
}
