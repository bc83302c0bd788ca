package dev.stratus.ec2.insights;

import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.Store;
import dev.stratus.ec2.NetworkSnapshot;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One account's committed EC2 network, all Regions, as the analyzer's indexed
 * {@link ReachabilityAnalysis}: built on first use and kept until an {@code ec2.*} row of that
 * account changes, so repeated analyses of an unchanged network never rebuild it.
 */
public final class Ec2NetworkSnapshot {
  /*
   * Versioning: a ChangeListener bumps the account's generation after every committed transaction
   * touching an ec2.* table other than Network Insights' own (analyses do not change the network).
   * A cached entry remembers the generation it was built at; a reader whose account moved on
   * rebuilds. The generation is read before the build, so a write that commits during a build
   * leaves an entry that is already stale and is rebuilt by the next reader (never a lost change).
   * The conversion itself is NetworkSnapshot's (subnet -> route table / NACL resolved, NAT gateways
   * and interface endpoints as their interfaces).
   */
  private final Store store;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /** A snapshot over {@code store}; subscribes to its change events. */
  public Ec2NetworkSnapshot(Store store) {
    this.store = Objects.requireNonNull(store, "store");
    store.subscribe(this::committed);
  }

  private record Entry(long generation, Network network, ReachabilityAnalysis analysis, ComponentLocations locations) {}

  /** The indexed analyzer over the account's current network. */
  public ReachabilityAnalysis analysis(String accountId) { return entry(accountId).analysis(); }

  /** The account's current network. */
  public Network network(String accountId) { return entry(accountId).network(); }

  /** Where each resource of the account's current network sits. */
  ComponentLocations locations(String accountId) { return entry(accountId).locations(); }

  /** How many times the account's network changed since start (for tests and timing). */
  public long generation(String accountId) { return counter(accountId).get(); }

  private Entry entry(String accountId) {
    long generation = counter(accountId).get();
    Entry e = cache.get(accountId);
    if (e != null && e.generation() == generation) return e;
    synchronized (this) {
      e = cache.get(accountId);
      generation = counter(accountId).get();
      if (e != null && e.generation() == generation) return e;
      Network n = NetworkSnapshot.of(store, accountId);
      e = new Entry(generation, n, ReachabilityAnalysis.of(n), new ComponentLocations(n));
      cache.put(accountId, e);
      return e;
    }
  }

  private AtomicLong counter(String accountId) {
    return generations.computeIfAbsent(accountId, k -> new AtomicLong());
  }

  private void committed(List<ChangeEvent> events) {
    for (ChangeEvent e : events) {
      String table = e.table().name();
      if (!table.startsWith("ec2.") || table.startsWith("ec2.network_insights_")) continue;
      int slash = e.scope().indexOf('/');
      counter(slash < 0 ? e.scope() : e.scope().substring(0, slash)).incrementAndGet();
    }
  }
}
