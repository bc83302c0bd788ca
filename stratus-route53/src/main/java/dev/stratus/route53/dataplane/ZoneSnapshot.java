package dev.stratus.route53.dataplane;

import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RrType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One version of a hosted zone as the DNS server sees it: every record set grouped by owner name
 * and type, with the wire records of each set parsed once, the set of names that exist (owners
 * and the empty non-terminals above them), and the apex SOA and NS used in every response.
 * Immutable; a new version of the zone builds a new snapshot.
 */
public final class ZoneSnapshot {

  /*
   * Precomputation: record values (presentation text, as stored) are parsed to dnsjava records
   * here, so a query never parses text. A value that does not parse (it passed the control
   * plane's syntax check, so this means our parser disagrees) is left out and logged once per
   * build, failing closed for that value rather than the zone. Groups keep the record sets in
   * store order so "first" choices are stable.
   */

  private static final Logger LOG = Logger.getLogger(ZoneSnapshot.class.getName());

  /** A record set with its parsed wire records (empty for an alias). */
  public record Entry(ResourceRecordSet recordSet, List<Record> records) {
    public Entry {
      records = List.copyOf(records);
    }
  }

  /** The record sets of one (name, type). */
  public record Group(Name name, RrType type, List<Entry> entries) {
    public Group {
      entries = List.copyOf(entries);
    }

    public List<ResourceRecordSet> recordSets() {
      return entries.stream().map(Entry::recordSet).toList();
    }

    Entry entry(ResourceRecordSet rrs) {
      for (Entry e : entries) {
        if (e.recordSet() == rrs) {
          return e;
        }
      }
      throw new IllegalArgumentException("not in group: " + rrs.key());
    }
  }

  private final HostedZone zone;
  private final Name origin;
  private final Map<Name, Map<RrType, Group>> nodes;
  private final Set<Name> existing;
  private final Optional<SOARecord> soa;

  private ZoneSnapshot(HostedZone zone, Name origin, Map<Name, Map<RrType, Group>> nodes, Set<Name> existing) {
    this.zone = zone;
    this.origin = origin;
    this.nodes = nodes;
    this.existing = existing;
    this.soa = Optional.ofNullable(nodes.getOrDefault(origin, Map.of()).get(RrType.SOA))
        .flatMap(g -> g.entries().stream().flatMap(e -> e.records().stream()).findFirst())
        .map(SOARecord.class::cast);
  }

  /** Builds the snapshot of {@code zone} holding {@code recordSets}. */
  public static ZoneSnapshot build(HostedZone zone, Collection<ResourceRecordSet> recordSets) {
    Name origin = name(zone.name());
    Map<Name, Map<RrType, List<Entry>>> building = new LinkedHashMap<>();
    Set<Name> existing = new HashSet<>();
    for (ResourceRecordSet rrs : recordSets) {
      Name owner = name(rrs.name());
      if (!owner.subdomain(origin)) {
        continue;
      }
      building.computeIfAbsent(owner, n -> new LinkedHashMap<>())
          .computeIfAbsent(rrs.type(), t -> new ArrayList<>())
          .add(new Entry(rrs, parse(owner, rrs)));
      for (Name n = owner; n.subdomain(origin) && existing.add(n) && !n.equals(origin); n = parent(n)) {
        // every ancestor up to the apex exists (RFC 4592 §2.2.2 empty non-terminals)
      }
    }
    existing.add(origin);
    Map<Name, Map<RrType, Group>> nodes = new HashMap<>();
    building.forEach((owner, byType) -> {
      Map<RrType, Group> groups = new LinkedHashMap<>();
      byType.forEach((type, entries) -> groups.put(type, new Group(owner, type, entries)));
      nodes.put(owner, Map.copyOf(groups));
    });
    return new ZoneSnapshot(zone, origin, Map.copyOf(nodes), Set.copyOf(existing));
  }

  public HostedZone zone() { return zone; }

  public Name origin() { return origin; }

  /** The apex SOA record, if the zone has one (every Route 53 zone does). */
  public Optional<SOARecord> soa() { return soa; }

  /** The record-set groups at {@code owner}, by type (empty map if none). */
  public Map<RrType, Group> node(Name owner) {
    return nodes.getOrDefault(owner, Map.of());
  }

  /** The group for {@code owner} and {@code type}, if any. */
  public Optional<Group> group(Name owner, RrType type) {
    return Optional.ofNullable(node(owner).get(type));
  }

  /** Whether {@code name} exists in the zone: it owns records or has descendants that do. */
  public boolean exists(Name name) {
    return existing.contains(name);
  }

  static Name parent(Name name) {
    return new Name(name, 1);
  }

  static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("stored name does not parse: " + text, e);
    }
  }

  private static List<Record> parse(Name owner, ResourceRecordSet rrs) {
    if (rrs.alias()) {
      return List.of();
    }
    int type = Type.value(rrs.type().name());
    long ttl = rrs.ttl().orElse(0L);
    List<Record> records = new ArrayList<>();
    for (String value : rrs.values()) {
      try {
        records.add(Record.fromString(owner, type, DClass.IN, ttl, value, Name.root));
      } catch (Exception e) {
        LOG.log(Level.WARNING, "record value left out of DNS answers: " + rrs.key().describe() + " " + value, e);
      }
    }
    return records;
  }
}
