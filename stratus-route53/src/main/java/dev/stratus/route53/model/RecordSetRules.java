package dev.stratus.route53.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules one record set must meet, on its own and beside the zone's other records
 * (route53.md §2, §7, §11–21, §34–35, §38); {@link ChangeBatchValidator} applies them in order.
 */
final class RecordSetRules {
  private RecordSetRules() {}

  /** Problems of {@code rrs} by itself: zone membership, apex, values, alias and policy limits. */
  static List<String> alone(HostedZone zone, ResourceRecordSet rrs) {
    String name = rrs.name();
    if (!DnsName.inZone(name, zone.name())) return List.of(ChangeBatchMessages.outsideZone(name, zone.name()));
    var errors = new ArrayList<String>();
    boolean apex = name.equals(zone.name());
    if (rrs.type() == RrType.CNAME && apex) errors.add(ChangeBatchMessages.cnameAtApex(name, zone.name()));
    if (rrs.type() == RrType.NS && DnsName.wildcard(name)) errors.add(ChangeBatchMessages.wildcardNs(name));
    if (rrs.type() == RrType.SOA && !apex) errors.add(ChangeBatchMessages.soaOutsideApex(name, zone.name()));
    if (apex && (rrs.type() == RrType.SOA || rrs.type() == RrType.NS)
        && (rrs.alias() || !(rrs.routing() instanceof RoutingPolicy.Simple))) {
      errors.add(ChangeBatchMessages.apexRecordMustBeSimple(name, rrs.type()));
    }
    if (rrs.type() == RrType.CNAME && rrs.values().size() > 1) errors.add(ChangeBatchMessages.cnameMultipleValues(name));
    if (rrs.values().size() > ChangeBatchValidator.MAX_VALUES_PER_RECORD) {
      errors.add(ChangeBatchMessages.tooManyValues(name, ChangeBatchValidator.MAX_VALUES_PER_RECORD));
    }
    for (String value : rrs.values()) RecordValueSyntax.problem(rrs.type(), value).ifPresent(errors::add);
    rrs.aliasTarget().ifPresent(alias -> errors.addAll(aliasAlone(zone, rrs, alias)));
    errors.addAll(policyAlone(zone, rrs));
    return errors;
  }

  private static List<String> aliasAlone(HostedZone zone, ResourceRecordSet rrs, AliasTarget alias) {
    var errors = new ArrayList<String>();
    if (!rrs.type().aliasable()) errors.add(ChangeBatchMessages.aliasTypeNotAllowed(rrs.name(), rrs.type()));
    if (alias.cloudFront() && zone.privateZone()) {
      errors.add(ChangeBatchMessages.cloudFrontInPrivateZone(rrs.name(), zone.name()));
    }
    if (alias.cloudFront() && alias.evaluateTargetHealth()) {
      errors.add(ChangeBatchMessages.cloudFrontEvaluateTargetHealth(rrs.name()));
    }
    if (rrs.routing() instanceof RoutingPolicy.Failover f && f.role() == RoutingPolicy.Failover.Role.PRIMARY
        && !alias.evaluateTargetHealth() && rrs.healthCheckId().isEmpty()) {
      errors.add(ChangeBatchMessages.failoverAliasNeedsHealth(rrs.name()));
    }
    if (rrs.routing() instanceof RoutingPolicy.MultiValue) errors.add(ChangeBatchMessages.multiValueAlias(rrs.name()));
    return errors;
  }

  private static List<String> policyAlone(HostedZone zone, ResourceRecordSet rrs) {
    var errors = new ArrayList<String>();
    switch (rrs.routing()) {
      case RoutingPolicy.Geoproximity g -> {
        if (zone.privateZone()) errors.add(ChangeBatchMessages.policyNotInPrivateZone(rrs, zone.name()));
      }
      case RoutingPolicy.CidrRouting c -> {
        if (zone.privateZone()) errors.add(ChangeBatchMessages.policyNotInPrivateZone(rrs, zone.name()));
      }
      case RoutingPolicy.MultiValue m -> {
        if (rrs.type() == RrType.CNAME) errors.add(ChangeBatchMessages.multiValueType(rrs.name(), rrs.type()));
        if (rrs.values().size() > 1) errors.add(ChangeBatchMessages.multiValueOneValue(rrs.name()));
      }
      case RoutingPolicy.Simple s -> { }
      case RoutingPolicy.Weighted w -> { }
      case RoutingPolicy.Latency l -> { }
      case RoutingPolicy.Failover f -> { }
      case RoutingPolicy.Geolocation g -> { }
    }
    return errors;
  }

  /**
   * Problems of writing {@code rrs} into {@code state} (which still holds any old version of the
   * same key): CNAME coexistence (§34), one policy per group and unique group members (§2, §6–8,
   * §14), and same-zone alias targets (§16).
   */
  static List<String> againstZone(HostedZone zone, Map<String, ResourceRecordSet> state, ResourceRecordSet rrs) {
    var errors = new ArrayList<String>();
    var sameName = state.values().stream()
        .filter(r -> r.name().equals(rrs.name()) && !r.key().equals(rrs.key())).toList();
    if (rrs.type() == RrType.CNAME && sameName.stream().anyMatch(r -> r.type() != RrType.CNAME)) {
      errors.add(ChangeBatchMessages.cnameConflicts(rrs.name(), zone.name()));
    } else if (rrs.type() != RrType.CNAME && sameName.stream().anyMatch(r -> r.type() == RrType.CNAME)) {
      errors.add(ChangeBatchMessages.conflictsWithCname(rrs.type(), rrs.name(), zone.name()));
    }
    var group = sameName.stream().filter(r -> r.type() == rrs.type()).toList();
    if (!group.isEmpty()) groupMember(rrs, group).ifPresent(errors::add);
    rrs.aliasTarget().filter(a -> a.hostedZoneId().equals(zone.id())).ifPresent(alias -> {
      String target = DnsName.normalize(alias.dnsName());
      if (!DnsName.inZone(target, zone.name())) {
        errors.add(ChangeBatchMessages.aliasTargetOutsideZone(target, rrs.type(), zone.id()));
        return;
      }
      boolean found = state.values().stream().anyMatch(r -> r.name().equals(target) && r.type() == rrs.type()
          && !r.key().equals(rrs.key()));
      if (!found) errors.add(ChangeBatchMessages.aliasTargetNotFound(target, rrs.type(), zone.id()));
    });
    return errors;
  }

  private static java.util.Optional<String> groupMember(ResourceRecordSet rrs, List<ResourceRecordSet> group) {
    if (rrs.routing() instanceof RoutingPolicy.Simple) {
      return java.util.Optional.of(ChangeBatchMessages.simpleBesideOthers(rrs));
    }
    if (group.stream().anyMatch(r -> r.routing().getClass() != rrs.routing().getClass())) {
      return java.util.Optional.of(ChangeBatchMessages.mixedPolicy(rrs));
    }
    for (var other : group) {
      String clash = switch (rrs.routing()) {
        case RoutingPolicy.Latency l -> l.equals(other.routing()) ? "Region " + l.region() : null;
        case RoutingPolicy.Failover f -> f.equals(other.routing()) ? "Failover value " + f.role() : null;
        case RoutingPolicy.Geolocation g -> g.equals(other.routing()) ? "GeoLocation" : null;
        case RoutingPolicy.Geoproximity g -> g.location().awsRegion().isPresent()
            && g.location().awsRegion().equals(((RoutingPolicy.Geoproximity) other.routing()).location().awsRegion())
            ? "AWSRegion " + g.location().awsRegion().get() : null;
        case RoutingPolicy.CidrRouting c -> c.equals(other.routing()) ? "CIDR location " + c.locationName() : null;
        case RoutingPolicy.Simple s -> null;
        case RoutingPolicy.Weighted w -> null;
        case RoutingPolicy.MultiValue m -> null;
      };
      if (clash != null) return java.util.Optional.of(ChangeBatchMessages.duplicateInGroup(rrs, clash));
      if (rrs.routing() instanceof RoutingPolicy.CidrRouting c
          && !c.collectionId().equals(((RoutingPolicy.CidrRouting) other.routing()).collectionId())) {
        return java.util.Optional.of(ChangeBatchMessages.mixedCidrCollections(rrs));
      }
    }
    return java.util.Optional.empty();
  }
}
