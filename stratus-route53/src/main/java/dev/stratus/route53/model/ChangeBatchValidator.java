package dev.stratus.route53.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a ChangeResourceRecordSets batch against a zone's records and computes the zone's
 * records after it (route53.md §2–21, §32–38). Pure: no store, clock or SDK.
 */
public final class ChangeBatchValidator {
  /*
   * How: the batch is applied change by change to a running copy of the zone, in request order,
   * so "DELETE A, then CREATE CNAME" succeeds and the reverse fails (§32). Each change is first
   * checked on its own (name inside the zone, value syntax, CNAME/alias/policy rules), then
   * against the running state (exists / not found / DELETE mismatch, CNAME beside other types,
   * one routing policy per group, unique Region/role/location, alias target present). A change
   * that fails adds its messages and leaves the running state alone, so one request reports
   * every bad change, as AWS lists several messages in one InvalidChangeBatch. After the loop
   * come the whole-batch rules: request size (§36), group and zone quotas (§15), and the
   * weighted-TTL rewrite (§5), which is not an error: the last TTL written wins for the group.
   *
   * Edge cases: an identical UPSERT is a no-op (§33); deleting the same set twice fails the
   * second time with "not found" because the first already removed it; the apex SOA can only
   * be UPSERTed and the apex NS cannot be deleted (§38).
   */

  /** Most {@code ResourceRecord} elements in one request; UPSERT counts twice (§36). */
  public static final int MAX_RESOURCE_RECORDS = 1_000;
  /** Most characters of {@code Value} text in one request; UPSERT counts twice (§36). */
  public static final int MAX_VALUE_CHARACTERS = 32_000;
  /** Most values in one record set (§15). */
  public static final int MAX_VALUES_PER_RECORD = 400;
  /** Most records per (name, type) for weighted, latency, geolocation, multivalue, IP-based (§15). */
  public static final int MAX_GROUP = 100;
  /** Most records per (name, type) for geoproximity (§11, §15). */
  public static final int MAX_GEOPROXIMITY_GROUP = 30;
  /** Most record sets per hosted zone (default quota, §15). */
  public static final int MAX_RECORDS_PER_ZONE = 10_000;

  private ChangeBatchValidator() {}

  /** ChangeResourceRecordSets actions; the constant name is the wire value. */
  public enum Action {
    /** Fails when the (name, type, SetIdentifier) exists. */
    CREATE,
    /** Fails when the set is missing or its values differ from the request's. */
    DELETE,
    /** Creates or replaces. */
    UPSERT
  }

  /** One change of a batch. */
  public record Change(Action action, ResourceRecordSet recordSet) {
    public Change {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(recordSet, "recordSet");
    }
  }

  /**
   * The outcome: every message (empty when the batch is valid) and the zone's records after the
   * batch, keyed by {@link ResourceRecordSet.Key#storeId()}.
   */
  public record Result(List<String> errors, Map<String, ResourceRecordSet> after) {
    public Result {
      errors = List.copyOf(errors);
      after = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    public boolean valid() { return errors.isEmpty(); }
  }

  /**
   * Applies {@code changes} to {@code current} (the zone's records).
   *
   * @param zone the hosted zone (name, id, private or public)
   * @param current every record set of the zone now
   * @param changes the batch, in request order; may be empty (then nothing changes)
   */
  public static Result validate(HostedZone zone, Collection<ResourceRecordSet> current, List<Change> changes) {
    var state = new LinkedHashMap<String, ResourceRecordSet>();
    current.forEach(r -> state.put(r.key().storeId(), r));
    var errors = new ArrayList<String>();
    var touched = new LinkedHashMap<String, ResourceRecordSet>();
    long records = 0, chars = 0;
    for (var change : changes) {
      var rrs = change.recordSet();
      int weight = change.action() == Action.UPSERT ? 2 : 1;
      records += (long) rrs.values().size() * weight;
      chars += rrs.values().stream().mapToLong(String::length).sum() * weight;
      var problems = RecordSetRules.alone(zone, rrs);
      if (problems.isEmpty()) problems = apply(zone, state, change);
      if (problems.isEmpty()) touched.put(rrs.name() + " " + rrs.type(), rrs);
      errors.addAll(problems);
    }
    if (records > MAX_RESOURCE_RECORDS) errors.add(ChangeBatchMessages.tooManyResourceRecords(MAX_RESOURCE_RECORDS));
    if (chars > MAX_VALUE_CHARACTERS) errors.add(ChangeBatchMessages.tooManyCharacters(MAX_VALUE_CHARACTERS));
    if (errors.isEmpty()) errors.addAll(groupRules(zone, state, touched.values()));
    return new Result(errors, state);
  }

  private static List<String> apply(HostedZone zone, Map<String, ResourceRecordSet> state, Change change) {
    var rrs = change.recordSet();
    var key = rrs.key();
    var existing = Optional.ofNullable(state.get(key.storeId()));
    boolean apex = rrs.name().equals(zone.name());
    switch (change.action()) {
      case CREATE -> {
        if (existing.isPresent()) return List.of(ChangeBatchMessages.alreadyExists(key));
      }
      case DELETE -> {
        if (existing.isEmpty()) return List.of(ChangeBatchMessages.notFound(key));
        if (!sameRecord(existing.get(), rrs)) return List.of(ChangeBatchMessages.valuesMismatch(key));
        if (apex && rrs.type() == RrType.SOA) return List.of(ChangeBatchMessages.exactlyOneSoa());
        if (apex && rrs.type() == RrType.NS) return List.of(ChangeBatchMessages.apexNsRequired());
        state.remove(key.storeId());
        return List.of();
      }
      case UPSERT -> {
        if (rrs.type() == RrType.SOA && existing.isEmpty()) return List.of(ChangeBatchMessages.exactlyOneSoa());
      }
    }
    var conflicts = RecordSetRules.againstZone(zone, state, rrs);
    if (conflicts.isEmpty()) state.put(key.storeId(), rrs);
    return conflicts;
  }

  /** DELETE must repeat the record: same fields, values compared as a set (§33). */
  static boolean sameRecord(ResourceRecordSet stored, ResourceRecordSet given) {
    return stored.routing().equals(given.routing()) && stored.ttl().equals(given.ttl())
        && Set.copyOf(stored.values()).equals(Set.copyOf(given.values()))
        && stored.aliasTarget().equals(given.aliasTarget()) && stored.healthCheckId().equals(given.healthCheckId());
  }

  private static List<String> groupRules(HostedZone zone, Map<String, ResourceRecordSet> state,
      Collection<ResourceRecordSet> lastWritten) {
    var errors = new ArrayList<String>();
    var seen = new HashSet<String>();
    for (var last : lastWritten) {
      if (!seen.add(last.name() + " " + last.type())) continue;
      var group = state.values().stream()
          .filter(r -> r.name().equals(last.name()) && r.type() == last.type()).toList();
      if (group.isEmpty()) continue;
      int max = group.getFirst().routing() instanceof RoutingPolicy.Geoproximity ? MAX_GEOPROXIMITY_GROUP : MAX_GROUP;
      if (group.size() > max) errors.add(ChangeBatchMessages.tooManyInGroup(last.name(), last.type(), max));
      if (last.routing() instanceof RoutingPolicy.Weighted && last.ttl().isPresent() && state.containsKey(last.key().storeId())) {
        long ttl = last.ttl().get();
        for (var r : group) {
          if (r.ttl().isPresent() && r.ttl().get() != ttl) state.put(r.key().storeId(), r.withTtl(ttl));
        }
      }
    }
    if (state.size() > MAX_RECORDS_PER_ZONE) errors.add(ChangeBatchMessages.tooManyRecordsInZone(zone.name(), MAX_RECORDS_PER_ZONE));
    return errors;
  }
}
