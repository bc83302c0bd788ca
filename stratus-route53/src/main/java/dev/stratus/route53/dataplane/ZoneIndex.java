package dev.stratus.route53.dataplane;

import dev.stratus.route53.model.HostedZone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The hosted zones the DNS server answers for, by apex: which zone is authoritative for a name
 * (the one with the longest apex that the name is in). Immutable.
 *
 * @param byOrigin what the shared listener answers from: every apex's zone, public winning ties
 * @param publicByOrigin the public zones only (what a VPC's resolver falls back to)
 * @param privateByVpc the private zones associated with each VPC, keyed by VPC id
 * @param all every zone, including private zones a public zone of the same apex hides in {@code byOrigin}
 */
public record ZoneIndex(Map<Name, ZoneSnapshot> byOrigin, Map<Name, ZoneSnapshot> publicByOrigin,
    Map<String, List<ZoneSnapshot>> privateByVpc, List<ZoneSnapshot> all) {

  /*
   * The shared listener answers public and private zones alike (what Stratus did before it had a
   * VPC resolver, and still does for clients that are no VPC's): when a public and a private zone
   * share an apex, the public one answers; a private zone is reached only where no public zone
   * has that apex. A VPC's resolver (VpcResolver) reads the private zones of that VPC and the
   * public ones separately.
   */

  public ZoneIndex {
    byOrigin = Map.copyOf(byOrigin);
    publicByOrigin = Map.copyOf(publicByOrigin);
    privateByVpc = Map.copyOf(privateByVpc);
    all = List.copyOf(all);
  }

  public static ZoneIndex empty() {
    return new ZoneIndex(Map.of(), Map.of(), Map.of(), List.of());
  }

  /** The index of {@code zones}, public zones winning ties on the apex. */
  public static ZoneIndex of(Collection<ZoneSnapshot> zones) {
    Map<Name, ZoneSnapshot> map = new HashMap<>();
    Map<Name, ZoneSnapshot> publicMap = new HashMap<>();
    Map<String, List<ZoneSnapshot>> byVpc = new HashMap<>();
    for (ZoneSnapshot z : zones) {
      map.merge(z.origin(), z, (a, b) -> a.zone().privateZone() && !b.zone().privateZone() ? b : a);
      if (!z.zone().privateZone()) {
        publicMap.putIfAbsent(z.origin(), z);
      } else {
        for (HostedZone.Vpc v : z.zone().vpcs()) {
          byVpc.computeIfAbsent(v.vpcId(), k -> new ArrayList<>()).add(z);
        }
      }
    }
    byVpc.replaceAll((k, v) -> List.copyOf(v));
    return new ZoneIndex(map, publicMap, byVpc, List.copyOf(zones));
  }

  /** The zone authoritative for {@code name}: the longest apex at or above it. */
  public Optional<ZoneSnapshot> find(Name name) {
    return find(byOrigin, name);
  }

  /** The public zone authoritative for {@code name}. */
  public Optional<ZoneSnapshot> findPublic(Name name) {
    return find(publicByOrigin, name);
  }

  /**
   * The most specific private zone associated with the VPC ({@code region} empty when unknown:
   * any association with the VPC id counts) that {@code name} is in.
   */
  public Optional<ZoneSnapshot> findPrivate(String vpcId, Optional<String> region, Name name) {
    ZoneSnapshot best = null;
    for (ZoneSnapshot z : privateByVpc.getOrDefault(vpcId, List.of())) {
      boolean associated = z.zone().vpcs().stream()
          .anyMatch(v -> v.vpcId().equals(vpcId) && region.map(v.region()::equals).orElse(true));
      if (associated && name.subdomain(z.origin()) && (best == null || z.origin().labels() > best.origin().labels())) {
        best = z;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<ZoneSnapshot> find(Map<Name, ZoneSnapshot> byOrigin, Name name) {
    for (int skip = 0; skip < name.labels(); skip++) {
      ZoneSnapshot z = byOrigin.get(skip == 0 ? name : new Name(name, skip));
      if (z != null) {
        return Optional.of(z);
      }
    }
    return Optional.empty();
  }
}
