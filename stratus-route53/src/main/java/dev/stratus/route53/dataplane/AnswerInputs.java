package dev.stratus.route53.dataplane;

import dev.stratus.net.dns.DnsAnswer;
import java.util.random.RandomGenerator;

/**
 * What one DNS answer depended on besides the zone snapshot: randomness, the client, or names
 * owned by other services. Decides whether the server may reuse the answer's bytes
 * ({@link DnsAnswer.Caching}).
 */
final class AnswerInputs {
  private boolean random;
  private boolean client;
  private boolean external;

  /** {@code delegate}, noting that the answer drew from it. Every method draws exactly as the delegate does. */
  RandomGenerator random(RandomGenerator delegate) {
    return new RandomGenerator() {
      @Override public long nextLong() { random = true; return delegate.nextLong(); }
      @Override public int nextInt() { random = true; return delegate.nextInt(); }
      @Override public int nextInt(int bound) { random = true; return delegate.nextInt(bound); }
      @Override public int nextInt(int origin, int bound) { random = true; return delegate.nextInt(origin, bound); }
      @Override public long nextLong(long bound) { random = true; return delegate.nextLong(bound); }
      @Override public long nextLong(long origin, long bound) { random = true; return delegate.nextLong(origin, bound); }
      @Override public double nextDouble() { random = true; return delegate.nextDouble(); }
      @Override public double nextDouble(double bound) { random = true; return delegate.nextDouble(bound); }
      @Override public double nextDouble(double origin, double bound) { random = true; return delegate.nextDouble(origin, bound); }
      @Override public float nextFloat() { random = true; return delegate.nextFloat(); }
      @Override public boolean nextBoolean() { random = true; return delegate.nextBoolean(); }
    };
  }

  /**
   * {@code delegate}, noting that the answer asked another service's names when they are
   * unversioned; versioned names are part of the cache version (DnsQueryHandler#cacheVersion).
   */
  AliasTargetResolver external(AliasTargetResolver delegate) {
    if (delegate.version() >= 0) return delegate;
    return new AliasTargetResolver() {
      @Override
      public java.util.Optional<Target> resolve(org.xbill.DNS.Name name) {
        external = true;
        return delegate.resolve(name);
      }

      @Override
      public java.util.Optional<Target> resolve(org.xbill.DNS.Name name,
          java.util.function.Supplier<dev.stratus.core.dns.DnsQueryClient> client) {
        external = true;
        return delegate.resolve(name, client);
      }
    };
  }

  void clientUsed() { client = true; }

  /**
   * FIXED when nothing but the snapshot decided; BY_ANSWER when a random draw did too;
   * BY_RESOLVER when the client's address or place did (the same resolver gets the same answer);
   * NONE when both, or when another service's unversioned names were asked (they change outside
   * the snapshot and its version).
   */
  DnsAnswer.Caching caching(boolean clientSpecific) {
    boolean byClient = client || clientSpecific;
    if (external || (byClient && random)) {
      return DnsAnswer.Caching.NONE;
    }
    if (byClient) {
      return DnsAnswer.Caching.BY_RESOLVER;
    }
    return random ? DnsAnswer.Caching.BY_ANSWER : DnsAnswer.Caching.FIXED;
  }

}
