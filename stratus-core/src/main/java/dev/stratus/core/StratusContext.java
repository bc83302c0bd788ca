package dev.stratus.core;

import dev.stratus.core.store.Store;
import java.time.Clock;
import java.util.Objects;

/**
 * What a service module is given when Stratus starts: the store, the clock every timer reads
 * (ARCHITECTURE rule 4), the process settings, and the cross-service extension points.
 */
public record StratusContext(Store store, Clock clock, Settings settings, Extensions extensions) {
  public StratusContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(extensions, "extensions");
  }
}
