package dev.stratus.core.dns;

import dev.stratus.core.Extensions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Read on the DNS event loop: implementations answer from memory and never block.
 */
public interface DnsTargetRegistry {

  /** Adds {@code target}, or replaces the target of the same name. */
  void put(DnsTarget target);

  /** Removes the target named {@code name}; nothing happens when there is none. */
  void remove(String name);

  /** The target named {@code name} (any case, trailing dot or not, {@code dualstack.} or not). */
  Optional<DnsTarget> find(String name);

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
      private final ConcurrentHashMap<String, DnsTarget> targets = new ConcurrentHashMap<>();
      private final AtomicLong version = new AtomicLong();

      @Override
      public void put(DnsTarget target) {
        if (!target.equals(targets.put(target.name(), target))) version.incrementAndGet();
      }

      @Override
      public void remove(String name) {
        if (targets.remove(DnsTarget.normalise(name)) != null) version.incrementAndGet();
      }

      @Override
      public long version() { return version.get(); }

      @Override
      public Optional<DnsTarget> find(String name) {
        String key = DnsTarget.normalise(name);
        DnsTarget found = targets.get(key);
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
