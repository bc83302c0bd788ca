package dev.stratus.core;

import dev.stratus.core.ServiceModule.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Listeners that data planes open and close while Stratus runs (for resources created through
 * the API, e.g. a VPC's resolver address), which {@code stratus endpoints} lists after the ones
 * modules report when they start. One per Stratus, found with {@link #in(Extensions)}.
 */
public final class LiveEndpoints {
  private final List<Supplier<List<Endpoint>>> sources = new CopyOnWriteArrayList<>();

  /** Adds a source asked at every listing; it answers from memory. */
  public void add(Supplier<List<Endpoint>> source) {
    sources.add(Objects.requireNonNull(source, "source"));
  }

  /** What every source lists now, in the order the sources were added. */
  public List<Endpoint> list() {
    List<Endpoint> out = new ArrayList<>();
    sources.forEach(s -> out.addAll(s.get()));
    return List.copyOf(out);
  }

  /** The one of this Stratus: the one in {@code extensions}, provided there on first use. */
  public static LiveEndpoints in(Extensions extensions) {
    synchronized (extensions) {
      return extensions.find(LiveEndpoints.class).orElseGet(() -> {
        LiveEndpoints live = new LiveEndpoints();
        extensions.provide(LiveEndpoints.class, live);
        return live;
      });
    }
  }
}
