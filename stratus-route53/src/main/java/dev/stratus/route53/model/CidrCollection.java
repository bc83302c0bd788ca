package dev.stratus.route53.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A CIDR collection for IP-based routing (route53.md §14): named locations, each a set of CIDR
 * blocks, referenced by {@link RoutingPolicy.CidrRouting} records.
 *
 * @param id a UUID
 * @param accountId the owner (the store scope of {@link Route53Tables#CIDR_COLLECTIONS})
 * @param name 1–64 chars of {@code [0-9A-Za-z_\-]}
 * @param callerReference the idempotency token of CreateCidrCollection
 * @param version starts at 1, +1 per ChangeCidrCollection ({@code CollectionVersion})
 * @param locations location name → CIDR blocks in canonical text, sorted by location name
 */
public record CidrCollection(String id, String accountId, String name, String callerReference, long version,
    Map<String, List<String>> locations) {

  /** Most CIDR blocks one collection may hold (route53.md §14). */
  public static final int MAX_BLOCKS = 1_000;

  public CidrCollection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(callerReference, "callerReference");
    var copy = new TreeMap<String, List<String>>();
    Objects.requireNonNullElse(locations, Map.<String, List<String>>of()).forEach((k, v) -> copy.put(k, List.copyOf(v)));
    locations = java.util.Collections.unmodifiableSortedMap(copy);
  }

  /** The collection's ARN ({@code arn:aws:route53:::cidrcollection/<id>}). */
  public String arn() { return "arn:aws:route53:::cidrcollection/" + id; }

  /** Total blocks across locations. */
  public int blockCount() { return locations.values().stream().mapToInt(List::size).sum(); }

  public CidrCollection withLocations(Map<String, List<String>> newLocations) {
    return new CidrCollection(id, accountId, name, callerReference, version + 1, newLocations);
  }
}
