package dev.stratus.route53.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource record set of a hosted zone, as AWS's {@code ResourceRecordSet}: a name and type,
 * a routing policy, and either a TTL with values or an alias target (route53.md §1–21).
 *
 * <p>Invariants, checked here so a stored record is valid for life: the name is lower-case and
 * fully qualified ({@link DnsName#normalize}); {@code setIdentifier} is present exactly when the
 * policy is not {@link RoutingPolicy.Simple}; an alias record has no TTL and no values, any other
 * record has a TTL and at least one value. Values are kept as AWS echoes them (the text of each
 * {@code ResourceRecord.Value}).
 *
 * @param name the owner name, e.g. {@code www.example.com.}
 * @param type the record type
 * @param setIdentifier names the record within a non-simple group (1–128 chars, §2)
 * @param routing the routing policy
 * @param ttl seconds, 0..2147483647; empty for alias records (§18)
 * @param values the record values in request order; empty for alias records
 * @param aliasTarget the alias target, for alias records
 * @param healthCheckId the health check (UUID) that gates this record (§30)
 */
public record ResourceRecordSet(String name, RrType type, Optional<String> setIdentifier,
    RoutingPolicy routing, Optional<Long> ttl, List<String> values,
    Optional<AliasTarget> aliasTarget, Optional<String> healthCheckId) {

  public ResourceRecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(routing, "routing");
    setIdentifier = Objects.requireNonNullElse(setIdentifier, Optional.empty());
    ttl = Objects.requireNonNullElse(ttl, Optional.empty());
    values = List.copyOf(Objects.requireNonNullElse(values, List.of()));
    aliasTarget = Objects.requireNonNullElse(aliasTarget, Optional.empty());
    healthCheckId = Objects.requireNonNullElse(healthCheckId, Optional.empty());
    if (!name.equals(DnsName.normalize(name))) {
      throw new IllegalArgumentException("record name must be normalised: " + name);
    }
    if ((routing instanceof RoutingPolicy.Simple) == setIdentifier.isPresent()) {
      throw new IllegalArgumentException("SetIdentifier must be present exactly for non-simple records: " + name);
    }
    if (aliasTarget.isPresent() ? (ttl.isPresent() || !values.isEmpty()) : (ttl.isEmpty() || values.isEmpty())) {
      throw new IllegalArgumentException("a record has either an alias target or a TTL with values: " + name);
    }
  }

  /** A simple non-alias record, the common case in tests and zone defaults. */
  public static ResourceRecordSet simple(String name, RrType type, long ttl, List<String> values) {
    return new ResourceRecordSet(DnsName.normalize(name), type, Optional.empty(), new RoutingPolicy.Simple(),
        Optional.of(ttl), values, Optional.empty(), Optional.empty());
  }

  /** The identity of this record set within its zone: name, type and set identifier (§2, §33). */
  public Key key() { return new Key(name, type, setIdentifier); }

  /** Whether this is an alias record. */
  public boolean alias() { return aliasTarget.isPresent(); }

  /** A copy with another TTL (the weighted-group TTL rewrite of §5). */
  public ResourceRecordSet withTtl(long newTtl) {
    return new ResourceRecordSet(name, type, setIdentifier, routing, Optional.of(newTtl), values, aliasTarget, healthCheckId);
  }

  /**
   * The identity of a record set: what CREATE must not find and DELETE must find (§33). Its
   * {@link #storeId()} is the row id in {@link Route53Tables#RECORD_SETS}.
   */
  public record Key(String name, RrType type, Optional<String> setIdentifier) {
    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      setIdentifier = Objects.requireNonNullElse(setIdentifier, Optional.empty());
    }

    /** The row id: {@code name type[ setIdentifier]}, e.g. {@code www.example.com. A blue}. */
    public String storeId() {
      return name + " " + type + setIdentifier.map(s -> " " + s).orElse("");
    }

    /** AWS's bracketed description used in InvalidChangeBatch texts (route53.md §33). */
    public String describe() {
      return "[name='" + name + "', type='" + type + "'"
          + setIdentifier.map(s -> ", set-identifier='" + s + "'").orElse("") + "]";
    }
  }
}
