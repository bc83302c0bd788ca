package dev.stratus.core.dns;

import dev.stratus.core.Extensions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The DNS names of AWS resources (ELB, CloudFront, API Gateway, Global Accelerator) and their
 * addresses: services put and remove their names as resources come and go, Route 53 resolves
 * alias records and direct queries for those names here (ARCHITECTURE rule 6). One registry per
 * Stratus, found in {@link Extensions} with {@link #in(Extensions)}.
 *
 * <p>Name scheme (ARCHITECTURE "Addresses"): AWS's own name with its public suffix replaced by
 * {@code localhost}, so that {@code curl} reaches the name without any DNS setup (RFC 6761 §6.3)
 * and {@code dig @127.0.0.1 -p 5353} answers it:
 * <ul>
 *   <li>ELB: {@code my-alb-1234567890.us-east-1.elb.localhost} (AWS: {@code …elb.amazonaws.com})
 *   <li>CloudFront: {@code d111111abcdef8.cloudfront.localhost} (AWS: {@code …cloudfront.net})
 *   <li>API Gateway: {@code a1b2c3d4e5.execute-api.us-east-1.localhost} (AWS: {@code …amazonaws.com})
 *   <li>Global Accelerator: {@code a1234567890abcdef.awsglobalaccelerator.localhost} (AWS: {@code …awsglobalaccelerator.com})
 * </ul>
 * A {@code dualstack.} prefix (what the ELB console shows alias targets as) resolves like the
 * name without it.
 *
 * <p>A name may answer per client ({@link #put(DnsTarget, ClientAddresses)}): CloudFront answers
 * a distribution's name with the edge nearest the viewer, as CloudFront's DNS does. Route 53
 * asks {@link #find(String, Supplier)} with the querying client; readers that have no client
 * (an origin fetch, a validation) see the target's own addresses through {@link #find(String)}.
 *
 * <p>Read on the DNS event loop: implementations answer from memory and never block.
 */
public interface DnsTargetRegistry {

  /** Adds {@code target}, or replaces the target of the same name. */
  void put(DnsTarget target);

  /**
   * Adds {@code target} (or replaces the target of the same name) as a name whose addresses
   * depend on who asks: {@link #find(String, Supplier)} answers {@code perClient}'s addresses for
   * the client, with the target's TTL and health; {@link #find(String)} answers the target as
   * given (its addresses are what a reader without a client gets). A registry that cannot answer
   * per client answers everyone with the target's addresses.
   */
  default void put(DnsTarget target, ClientAddresses perClient) { put(target); }

  /** Removes the target named {@code name}; nothing happens when there is none. */
  void remove(String name);

  /** The target named {@code name} (any case, trailing dot or not, {@code dualstack.} or not). */
  Optional<DnsTarget> find(String name);

  /**
   * The target named {@code name} as {@code client} sees it: a per-client name's addresses for
   * that client, any other name as {@link #find(String)} answers it. {@code client} is asked
   * only for a per-client name, so a caller knows the answer depended on the client exactly when
   * it was asked (and must not give it to other clients, nor cache it across them).
   */
  default Optional<DnsTarget> find(String name, Supplier<DnsQueryClient> client) { return find(name); }

  /**
   * The registry's version: it grows by at least one with every {@link #put} or {@link #remove}
   * that changes a target, and is raised only after the change is visible to {@link #find}. So a
   * DNS answer computed after reading version {@code v} reflects at least every change up to
   * {@code v}, and an answer cache keyed on it (Route 53's) drops answers as soon as a target
   * changes. A negative version means "unversioned": answers that read such a registry are not
   * cached.
   */
  default long version() { return -1; }

  /** A thread-safe registry in memory. */
  static DnsTargetRegistry inMemory() {
    return new DnsTargetRegistry() {
      /** A target and, for a per-client name, how its addresses follow the client (null otherwise). */
      record Entry(DnsTarget target, ClientAddresses perClient) {}

      private final ConcurrentHashMap<String, Entry> targets = new ConcurrentHashMap<>();
      private final AtomicLong version = new AtomicLong();

      @Override
      public void put(DnsTarget target) {
        Entry next = new Entry(target, null);
        if (!next.equals(targets.put(target.name(), next))) version.incrementAndGet();
      }

      @Override
      public void put(DnsTarget target, ClientAddresses perClient) {
        Entry next = new Entry(target, Objects.requireNonNull(perClient, "perClient"));
        if (!next.equals(targets.put(target.name(), next))) version.incrementAndGet();
      }

      @Override
      public void remove(String name) {
        if (targets.remove(DnsTarget.normalise(name)) != null) version.incrementAndGet();
      }

      @Override
      public long version() { return version.get(); }

      @Override
      public Optional<DnsTarget> find(String name) {
        return entry(name).map(Entry::target);
      }

      @Override
      public Optional<DnsTarget> find(String name, Supplier<DnsQueryClient> client) {
        return entry(name).map(e -> e.perClient() == null ? e.target()
            : new DnsTarget(e.target().name(), e.perClient().addresses(client.get()), e.target().ttlSeconds(),
                e.target().healthy()));
      }

      private Optional<Entry> entry(String name) {
        String key = DnsTarget.normalise(name);
        Entry found = targets.get(key);
        if (found == null && key.startsWith("dualstack.")) {
          found = targets.get(key.substring("dualstack.".length()));
        }
        return Optional.ofNullable(found);
      }
    };
  }

  /** The registry of this Stratus: the one in {@code extensions}, provided there on first use. */
  static DnsTargetRegistry in(Extensions extensions) {
    synchronized (extensions) {
      return extensions.find(DnsTargetRegistry.class).orElseGet(() -> {
        DnsTargetRegistry registry = inMemory();
        extensions.provide(DnsTargetRegistry.class, registry);
        return registry;
      });
    }
  }
}
