package dev.stratus.core;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where services meet without knowing each other's internals (ARCHITECTURE rule 6): a service
 * provides an implementation of a small interface declared in core (say, the DNS targets of its
 * load balancers), another finds it.
 */
public final class Extensions {
  private final ConcurrentHashMap<Class<?>, Object> provided = new ConcurrentHashMap<>();

  /** Registers the one implementation of {@code type}; a second registration is a wiring bug. */
  public <T> void provide(Class<T> type, T implementation) {
    Objects.requireNonNull(implementation, "implementation");
    if (provided.putIfAbsent(type, implementation) != null) {
      throw new IllegalStateException(type.getName() + " is already provided");
    }
  }

  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(provided.get(type)));
  }
}
