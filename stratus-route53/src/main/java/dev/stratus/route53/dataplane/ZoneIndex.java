package dev.stratus.route53.dataplane;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The hosted zones the DNS server answers for, by apex: which zone is authoritative for a name
 * (the one with the longest apex that the name is in). Immutable.
 */
public record ZoneIndex(Map<Name, ZoneSnapshot> byOrigin) {

  /*
   * Stratus answers public and private zones on the same loopback listener (there is no VPC
   * resolver in front of it yet). When a public and a private zone share an apex, the public
   * one answers; a private zone is reached only where no public zone has that apex.
   */

  public ZoneIndex {
    byOrigin = Map.copyOf(byOrigin);
  }

  public static ZoneIndex empty() {
    return new ZoneIndex(Map.of());
  }

  /** The index of {@code zones}, public zones winning ties on the apex. */
  public static ZoneIndex of(Collection<ZoneSnapshot> zones) {
    Map<Name, ZoneSnapshot> map = new HashMap<>();
    for (ZoneSnapshot z : zones) {
      map.merge(z.origin(), z, (a, b) -> a.zone().privateZone() && !b.zone().privateZone() ? b : a);
    }
    return new ZoneIndex(map);
  }

  /** The zone authoritative for {@code name}: the longest apex at or above it. */
  public Optional<ZoneSnapshot> find(Name name) {
    for (int skip = 0; skip < name.labels(); skip++) {
      ZoneSnapshot z = byOrigin.get(skip == 0 ? name : new Name(name, skip));
      if (z != null) {
        return Optional.of(z);
      }
    }
    return Optional.empty();
  }
}
