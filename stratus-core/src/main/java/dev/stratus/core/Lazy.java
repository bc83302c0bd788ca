package dev.stratus.core;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made at its first {@link #get} (once, even when threads race) and kept: for what start-up
 * need not pay for (key pairs, TLS contexts, databases, schema registries) because the first API
 * call does not use it. A {@code make} that throws is tried again at the next get.
 */
public final class Lazy<T> implements Supplier<T> {
  private Supplier<? extends T> make;
  private volatile T value;

  private Lazy(Supplier<? extends T> make) { this.make = make; }

  public static <T> Lazy<T> of(Supplier<? extends T> make) {
    return new Lazy<>(Objects.requireNonNull(make, "make"));
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(make.get(), "a Lazy's value");
          value = v;
          make = null; // what made it may hold on to much (a data dir, a clock, a registry)
        }
      }
    }
    return v;
  }

  /** Whether {@link #get} has made the value yet. */
  public boolean isMade() { return value != null; }
}
