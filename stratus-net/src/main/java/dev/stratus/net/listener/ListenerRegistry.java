package dev.stratus.net.listener;

import dev.stratus.core.ServiceModule.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Every data-plane listener of this Stratus, recorded where it really listens, for {@code
 * stratus endpoints} and {@code GET /_stratus/endpoints}. Data planes bind through {@link
 * #bind}, which applies the fallbacks of ARCHITECTURE "Addresses":
 *
 * <ol>
 *   <li>a privileged port (below 1024) refused for lack of permission (not root, no
 *       CAP_NET_BIND_SERVICE) is bound at its substitute {@code port + }{@value #SUBSTITUTE_OFFSET}
 *       (80 → 8080, 443 → 8443);
 *   <li>an address this machine cannot bind (macOS has only 127.0.0.1 of 127.0.0.0/8 unless
 *       aliases are added) is replaced by 127.0.0.1 at the same (or substitute) port, or at a
 *       free port when that one is taken, so listeners stay distinct by port;
 *   <li>a port another process already holds on that address (a second Stratus, a test run
 *       beside this one) is replaced by a free port on the same address.
 * </ol>
 */
public final class ListenerRegistry {
  private static final Logger LOG = Logger.getLogger(ListenerRegistry.class.getName());

  /** Added to a privileged port that cannot be bound: 80 → 8080, 443 → 8443, 53 → 8053. */
  public static final int SUBSTITUTE_OFFSET = 8000;
  /** Ports below this need privileges on Linux and macOS. */
  public static final int FIRST_UNPRIVILEGED_PORT = 1024;

  /**
   * One listener.
   *
   * @param description what it is, e.g. {@code ALB web-123 listener HTTP:80}
   * @param protocol {@code http}, {@code https}, {@code tcp}, {@code udp}, {@code tls}
   * @param requested where it was asked to listen
   * @param actual where it really listens
   * @param ownerArn the resource it belongs to
   */
  public record Listener(String description, String protocol, InetSocketAddress requested, InetSocketAddress actual,
      String ownerArn) {
    public Listener {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(requested, "requested");
      Objects.requireNonNull(actual, "actual");
      Objects.requireNonNull(ownerArn, "ownerArn");
    }

    /** True when a fallback moved it from where it was asked to be. */
    public boolean moved() {
      return !requested.equals(actual);
    }

    public Endpoint toEndpoint() {
      String where = moved() ? " (asked for " + requested.getAddress().getHostAddress() + ":" + requested.getPort() + ")" : "";
      return new Endpoint(description + where, protocol, actual.getAddress().getHostAddress(), actual.getPort());
    }
  }

  /** A bound listener and its registration; closing it unregisters, then closes the listener. */
  public record Bound<T extends AutoCloseable>(T listener, Listener record, Runnable unregister) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      unregister.run();
      listener.close();
    }
  }

  private final Map<Long, Listener> listeners = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong version = new AtomicLong();

  /** Records a listener bound elsewhere; run the returned action to forget it. */
  public Runnable register(Listener listener) {
    long id = ids.incrementAndGet();
    listeners.put(id, Objects.requireNonNull(listener, "listener"));
    version.incrementAndGet();
    return () -> {
      if (listeners.remove(id) != null) version.incrementAndGet();
    };
  }

  /**
   * Changes with every listener registered or forgotten: what a data plane that indexes
   * {@link #listeners()} on its hot path compares to know its index is current.
   */
  public long version() { return version.get(); }

  /** Every listener, ordered by owner then address and port. */
  public List<Listener> listeners() {
    List<Listener> all = new ArrayList<>(listeners.values());
    all.sort(Comparator.comparing(Listener::ownerArn).thenComparing(l -> l.actual().getAddress().getHostAddress())
        .thenComparingInt(l -> l.actual().getPort()));
    return all;
  }

  /** The listeners as {@code stratus endpoints} lists them. */
  public List<Endpoint> endpoints() {
    return listeners().stream().map(Listener::toEndpoint).toList();
  }

  /**
   * Binds with {@code binder} at {@code wanted}, falling back as the class describes, and records
   * the result.
   *
   * @param binder binds at the given address or throws (Netty rethrows the bind's IOException unchecked)
   * @param actualOf where a bound listener really is (its port when 0 was asked)
   * @throws IllegalStateException when no fallback could be bound either
   */
  public <T extends AutoCloseable> Bound<T> bind(String description, String protocol, String ownerArn,
      InetSocketAddress wanted, Function<InetSocketAddress, T> binder, Function<T, InetSocketAddress> actualOf) {
    List<InetSocketAddress> tried = new ArrayList<>();
    InetSocketAddress at = wanted;
    Exception last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      tried.add(at);
      try {
        T listener = binder.apply(at);
        Listener record = new Listener(description, protocol, wanted, actualOf.apply(listener), ownerArn);
        if (record.moved()) {
          LOG.info(() -> description + ": " + wanted + " is not available here; listening on " + record.actual());
        }
        return new Bound<>(listener, record, register(record));
      } catch (Exception e) { // Netty rethrows the bind's checked IOException unchecked
        last = e;
        InetSocketAddress next = fallback(at, e);
        if (next == null || tried.contains(next)) break;
        at = next;
      }
    }
    throw new IllegalStateException(description + ": cannot listen on " + tried, last);
  }

  /** Where to try after {@code failed} could not be bound, or null when nowhere. */
  static InetSocketAddress fallback(InetSocketAddress failed, Throwable cause) {
    String why = messages(cause);
    int port = failed.getPort();
    boolean isLocalhost = failed.getAddress().getHostAddress().equals("127.0.0.1");
    if (why.contains("permission denied") && port > 0 && port < FIRST_UNPRIVILEGED_PORT) {
      return new InetSocketAddress(failed.getAddress(), port + SUBSTITUTE_OFFSET);
    }
    if (why.contains("assign requested address") && !isLocalhost) {
      return new InetSocketAddress("127.0.0.1", port);
    }
    if (why.contains("address already in use") && port != 0) {
      // Another process holds it (a second Stratus, a test run beside this one): any free port.
      return new InetSocketAddress(failed.getAddress(), 0);
    }
    return null;
  }

  private static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(' ').append(c.getMessage());
      if (c instanceof IOException && c.getCause() == c) break;
    }
    return b.toString().toLowerCase(java.util.Locale.ROOT);
  }
}
