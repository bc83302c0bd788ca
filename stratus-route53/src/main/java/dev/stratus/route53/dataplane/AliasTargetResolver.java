package dev.stratus.route53.dataplane;

import dev.stratus.core.dns.DnsQueryClient;
import dev.stratus.core.dns.DnsTargetRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.Name;

/**
 * Resolves DNS names that AWS services hand out (load balancers, CloudFront distributions,
 * accelerators, API Gateway domains) to their current addresses and health: what alias records
 * pointing at AWS resources answer with (route53.md §16–20), and what the DNS server answers for
 * those names themselves.
 *
 * <p>Called on the DNS event loop: an implementation must answer from memory (a snapshot the
 * owning service keeps current), never block or do I/O.
 */
@FunctionalInterface
public interface AliasTargetResolver {

  /** The addresses behind {@code name} (lower-case, absolute), empty when no service owns it. */
  Optional<Target> resolve(Name name);

  /**
   * The addresses behind {@code name} for the querying {@code client}: a name whose addresses
   * depend on who asks (a CloudFront distribution's nearest edge) asks {@code client}, and only
   * such a name does, so an answer is client-specific exactly when {@code client} was asked.
   */
  default Optional<Target> resolve(Name name, Supplier<DnsQueryClient> client) { return resolve(name); }

  /**
   * The version of the names this resolver answers ({@link DnsTargetRegistry#version()}): an
   * answer that read them may be cached while it is unchanged. Negative (the default, for a
   * resolver whose names may change without notice) means such answers are never cached.
   */
  default long version() { return -1; }

  /** Owns no names: every alias to an AWS resource answers NODATA. */
  AliasTargetResolver NONE = new AliasTargetResolver() {
    @Override
    public Optional<Target> resolve(Name name) { return Optional.empty(); }

    @Override
    public long version() { return 0; }
  };

  /** The names services put in {@code registry} (the core registry every service shares). */
  static AliasTargetResolver of(DnsTargetRegistry registry) {
    return new AliasTargetResolver() {
      @Override
      public Optional<Target> resolve(Name name) {
        return registry.find(name.toString(true)).map(t -> new Target(t.addresses(), t.ttlSeconds(), t.healthy()));
      }

      @Override
      public Optional<Target> resolve(Name name, Supplier<DnsQueryClient> client) {
        return registry.find(name.toString(true), client).map(t -> new Target(t.addresses(), t.ttlSeconds(), t.healthy()));
      }

      @Override
      public long version() { return registry.version(); }
    };
  }

  /**
   * What an AWS resource name resolves to.
   *
   * @param addresses IPv4 and IPv6 addresses; A queries get the IPv4 ones, AAAA the IPv6 ones
   * @param ttlSeconds the TTL AWS gives the resource's records (60 s for ELB, route53.md §18)
   * @param healthy what EvaluateTargetHealth sees (§20), e.g. ALB: every target group with
   *     targets has a healthy one
   */
  record Target(List<InetAddress> addresses, long ttlSeconds, boolean healthy) {
    public Target {
      addresses = List.copyOf(addresses);
      Objects.requireNonNull(addresses, "addresses");
    }
  }
}
