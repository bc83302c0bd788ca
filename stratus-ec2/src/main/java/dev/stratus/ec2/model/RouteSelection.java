package dev.stratus.ec2.model;

import dev.stratus.core.net.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the route a VPC route table uses for a destination address (aws-behaviour/vpc.md §9–10). */
public final class RouteSelection {
  /*
   * 1. Only routes of the address's family match: 0.0.0.0/0 never covers IPv6 (§9).
   * 2. Longest prefix wins. A prefix-list route matches with the longest entry of its list that
   *    contains the address.
   * 3. Equal prefixes: a static CIDR route (and the local route) beats a prefix-list route,
   *    which beats a propagated route (§10).
   * 4. A propagated route overlapping a local CIDR never wins, however specific (§10).
   * A blackhole route can win; the packet is then dropped (the decision says so).
   * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
   */

  private RouteSelection() {}

  /**
   * The decision for one destination.
   *
   * @param winner empty when no route covers the address
   * @param candidates every route that matched, best first (for explanations)
   */
  public record RouteDecision(Optional<RouteTable.Route> winner, List<RouteTable.Route> candidates) {
    /** Whether the packet is dropped: no route, or a blackhole route won. */
    public boolean dropped() { return winner.map(r -> r.state().equals("blackhole")).orElse(true); }
  }

  private record Candidate(RouteTable.Route route, int prefixLength, int rank) {}

  /**
   * Selects the route for {@code address} (text form).
   *
   * @param prefixLists entries of the prefix lists routes may name; a list missing here matches nothing
   */
  public static RouteDecision select(RouteTable table, String address, Map<String, List<Cidr>> prefixLists) {
    boolean v6 = address.indexOf(':') >= 0;
    Optional<BigInteger> parsed = Cidr.parseAddress(address);
    if (parsed.isEmpty()) return new RouteDecision(Optional.empty(), List.of());
    BigInteger a = parsed.get();
    List<Cidr> locals = table.routes().stream()
        .filter(r -> r.target() instanceof RouteTarget.Local)
        .map(r -> ((RouteTable.CidrDestination) r.destination()).cidr()).toList();
    List<Candidate> matches = new ArrayList<>();
    for (RouteTable.Route route : table.routes()) {
      match(route, a, v6, prefixLists).ifPresent(len -> {
        boolean propagated = route.origin().equals("EnableVgwRoutePropagation");
        if (propagated && route.destination() instanceof RouteTable.CidrDestination(Cidr c)
            && locals.stream().anyMatch(c::overlaps)) {
          return;
        }
        int rank = propagated ? 2 : route.destination() instanceof RouteTable.PrefixListDestination ? 1 : 0;
        matches.add(new Candidate(route, len, rank));
      });
    }
    matches.sort(Comparator.comparingInt((Candidate c) -> -c.prefixLength).thenComparingInt(c -> c.rank));
    List<RouteTable.Route> ordered = matches.stream().map(Candidate::route).toList();
    return new RouteDecision(ordered.stream().findFirst(), ordered);
  }

  /** The matching prefix length of {@code route} for the address, if it matches. */
  private static Optional<Integer> match(RouteTable.Route route, BigInteger a, boolean v6,
      Map<String, List<Cidr>> prefixLists) {
    return switch (route.destination()) {
      case RouteTable.CidrDestination(Cidr c) ->
          c.ipv6() == v6 && c.containsAddress(a) ? Optional.of(c.prefixLength()) : Optional.empty();
      case RouteTable.PrefixListDestination(String id) -> prefixLists.getOrDefault(id, List.of()).stream()
          .filter(c -> c.ipv6() == v6 && c.containsAddress(a))
          .map(Cidr::prefixLength).max(Integer::compare);
    };
  }
}
