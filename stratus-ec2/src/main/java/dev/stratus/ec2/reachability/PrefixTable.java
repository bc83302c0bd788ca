package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A longest-prefix-match index of values keyed by CIDR blocks: one hash map from block to values,
 * probed at each prefix length present, longest first.
 */
final class PrefixTable<T> {
  /*
   * Cost: a lookup makes at most one hash probe per distinct prefix length in the table (≤ 33 for
   * IPv4, ≤ 129 for IPv6), independent of the number of routes, so a transit gateway route table
   * with 5,000 propagated VPC routes costs the same as one with five. Ties (several values for the
   * same block) are returned together; the caller ranks them (vpc.md §10, §33).
   */
  private final Map<Cidr, List<T>> byBlock = new HashMap<>();
  private int[] v4Lengths = new int[0];
  private int[] v6Lengths = new int[0];
  private final TreeSet<Integer> v4 = new TreeSet<>();
  private final TreeSet<Integer> v6 = new TreeSet<>();

  /** Adds a value under a block. Not thread-safe; finish adding before the first lookup. */
  void add(Cidr block, T value) {
    byBlock.computeIfAbsent(block, b -> new ArrayList<>(1)).add(value);
    if ((block.ipv6() ? v6 : v4).add(block.prefixLength())) {
      v4Lengths = v4.descendingSet().stream().mapToInt(Integer::intValue).toArray();
      v6Lengths = v6.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The values of the longest block containing the address; empty when none does. */
  Optional<Match<T>> longestMatch(Cidr address) {
    int[] lengths = address.ipv6() ? v6Lengths : v4Lengths;
    for (int len : lengths) {
      if (len > address.prefixLength()) continue;
      Cidr key = address.truncate(len);
      List<T> hit = byBlock.get(key);
      if (hit != null) return Optional.of(new Match<>(key, hit));
    }
    return Optional.empty();
  }

  /** A match: the block and every value stored under it. */
  record Match<T>(Cidr block, List<T> values) {}
}
