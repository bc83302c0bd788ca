package dev.stratus.globalaccelerator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Global Accelerator sends a new flow (globalaccelerator.md §7–9), given the listener's
 * endpoint groups ordered nearest-first for the client:
 * <ol>
 *   <li>the nearest group with a healthy endpoint of weight > 0 takes its traffic dial's share
 *       of the flows that would have gone to it; the rest spill to the next-nearest such groups
 *       whose dial is above 0, each again by its dial (the last one takes what is left);
 *   <li>if no group can take the flow that way, the three nearest groups are tried for a
 *       healthy endpoint of weight > 0, ignoring dials (failover);
 *   <li>if none has one, the flow fails open to an endpoint of the nearest group.
 * </ol>
 * Within a group, endpoints share flows by weight. Every choice is driven by the flow hash
 * alone, so a flow (or, with SOURCE_IP affinity, a client) always lands on the same endpoint
 * while nothing changes.
 */
public final class FlowRouting {
  private FlowRouting() {}

  /** Groups tried for failover, ignoring dials (§9). */
  public static final int FAILOVER_GROUPS = 3;

  /** An endpoint as routing sees it. */
  public record Candidate<E>(E endpoint, int weight, boolean healthy) {}

  /** A group as routing sees it; {@code dial} in percent. */
  public record Group<E>(String region, double dial, List<Candidate<E>> endpoints) {
    public Group {
      endpoints = List.copyOf(endpoints);
    }

    boolean serving() { return endpoints.stream().anyMatch(c -> c.healthy() && c.weight() > 0); }
  }

  /** A chosen endpoint and the region of its group. */
  public record Choice<E>(E endpoint, String region, boolean failedOpen) {}

  /**
   * The endpoint for a flow whose hash is {@code hash}, among {@code nearestFirst}; empty when
   * there is no endpoint at all.
   */
  public static <E> Optional<Choice<E>> choose(List<Group<E>> nearestFirst, long hash) {
    if (nearestFirst.isEmpty()) return Optional.empty();
    double u = unit(hash);
    // 1. By traffic dial, nearest first, over groups that can serve and whose dial is open.
    List<Group<E>> open = new ArrayList<>();
    for (Group<E> g : nearestFirst) if (g.serving() && g.dial() > 0) open.add(g);
    for (int i = 0; i < open.size(); i++) {
      Group<E> g = open.get(i);
      double share = g.dial() / 100.0;
      if (i == open.size() - 1 || u < share) return Optional.of(pick(g, mix(hash)));
      u = (u - share) / (1 - share);
    }
    // 2. Failover, ignoring dials: the three nearest groups.
    for (int i = 0; i < Math.min(FAILOVER_GROUPS, nearestFirst.size()); i++) {
      Group<E> g = nearestFirst.get(i);
      if (g.serving()) return Optional.of(pick(g, mix(hash)));
    }
    // 3. Fail open to the nearest group with any endpoint.
    for (Group<E> g : nearestFirst) {
      if (!g.endpoints().isEmpty()) {
        var all = g.endpoints();
        var c = all.get((int) Long.remainderUnsigned(mix(hash), all.size()));
        return Optional.of(new Choice<>(c.endpoint(), g.region(), true));
      }
    }
    return Optional.empty();
  }

  /** A healthy endpoint of weight > 0 of {@code g}, by weight. */
  private static <E> Choice<E> pick(Group<E> g, long hash) {
    long total = 0;
    for (var c : g.endpoints()) if (c.healthy() && c.weight() > 0) total += c.weight();
    long at = Long.remainderUnsigned(hash, total);
    for (var c : g.endpoints()) {
      if (!c.healthy() || c.weight() <= 0) continue;
      if (at < c.weight()) return new Choice<>(c.endpoint(), g.region(), false);
      at -= c.weight();
    }
    throw new IllegalStateException("unreachable: total weight " + total);
  }

  /** The hash as a number in [0, 1). */
  static double unit(long hash) { return (hash >>> 11) * 0x1.0p-53; }

  /** A second, independent hash (the group choice and the endpoint choice must not correlate). */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * The flow hash: the 5-tuple with client affinity NONE, the 2-tuple (source and destination
   * address) with SOURCE_IP (§4).
   */
  public static long flowHash(String affinity, byte[] sourceAddress, int sourcePort, byte[] destinationAddress,
      int destinationPort, String protocol) {
    long h = 0x9E3779B97F4A7C15L;
    for (byte b : sourceAddress) h = mix(h ^ b);
    for (byte b : destinationAddress) h = mix(h ^ (b + 0x100));
    if (!"SOURCE_IP".equals(affinity)) {
      h = mix(h ^ sourcePort);
      h = mix(h ^ ((long) destinationPort << 17));
      h = mix(h ^ protocol.hashCode());
    }
    return mix(h);
  }
}
