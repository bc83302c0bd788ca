package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Transaction;
import dev.stratus.route53.model.AliasTargetZones;
import dev.stratus.route53.model.ChangeBatchMessages;
import dev.stratus.route53.model.ChangeBatchValidator;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.DnsName;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.Route53Tables;
import dev.stratus.route53.model.RoutingPolicy;
import dev.stratus.route53.model.RrType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/**
 * ChangeResourceRecordSets, ListResourceRecordSets and GetChange (route53.md §32–37). A batch is
 * converted (InvalidInput for a malformed change), checked against the account's health checks
 * and CIDR collections, then validated and applied in one store transaction by the model's
 * {@link ChangeBatchValidator}.
 */
public final class RecordSetOperations {
  /** Largest page of ListResourceRecordSets and its default (AWS: 300). */
  public static final int MAX_PAGE = 300;
  /** Longest change-batch comment, characters (route53.md §37). */
  public static final int MAX_COMMENT = 256;

  /** AWS's listing order: name with labels reversed, then type, then SetIdentifier. */
  static final Comparator<ResourceRecordSet> LISTING_ORDER = Comparator
      .comparing(ResourceRecordSet::name, DnsName.CANONICAL_ORDER)
      .thenComparing(r -> r.type().name())
      .thenComparing(r -> r.setIdentifier().orElse(""));

  private static final Logger LOG = Logger.getLogger(RecordSetOperations.class.getName());

  private final Route53State state;
  private final Predicate<String> heldTarget;

  /**
   * @param heldTarget whether a Stratus service holds an AWS resource name (an alias to one it
   *     does not hold is accepted, answers NODATA as the service's DNS would, and is logged)
   */
  RecordSetOperations(Route53State state, Predicate<String> heldTarget) {
    this.state = state;
    this.heldTarget = heldTarget;
  }

  public ChangeResourceRecordSetsResponse changeResourceRecordSets(RequestContext ctx, ChangeResourceRecordSetsRequest req) {
    String account = ctx.globalScope();
    var batch = req.changeBatch();
    if (batch == null) throw Route53Errors.missing("changeBatch");
    if (!batch.hasChanges() || batch.changes().isEmpty()) {
      throw Route53Errors.constraint("[]", "changeBatch.changes", "Member must have length greater than or equal to 1");
    }
    var comment = Route53Shapes.optional(batch.comment());
    comment.filter(c -> c.length() > MAX_COMMENT).ifPresent(c -> {
      throw Route53Errors.constraint(c, "changeBatch.comment", "Member must have length less than or equal to 256");
    });
    var changes = new ArrayList<ChangeBatchValidator.Change>();
    for (int i = 0; i < batch.changes().size(); i++) {
      var change = batch.changes().get(i);
      var action = action(change.actionAsString(), i + 1);
      changes.add(new ChangeBatchValidator.Change(action, RecordSetShapes.fromSdk(change, i + 1)));
    }
    return state.store.write(tx -> {
      var zone = Route53State.zone(tx, account, req.hostedZoneId());
      var aliasProblems = new ArrayList<String>();
      changes.stream().filter(c -> c.action() != ChangeBatchValidator.Action.DELETE)
          .forEach(c -> aliasProblems.addAll(checkReferences(tx, account, zone.id(), c.recordSet())));
      if (!aliasProblems.isEmpty()) throw Route53Errors.invalidChangeBatch(aliasProblems);
      var current = tx.list(Route53Tables.RECORD_SETS, zone.id());
      var result = ChangeBatchValidator.validate(zone, current, changes);
      if (!result.valid()) throw Route53Errors.invalidChangeBatch(result.errors());
      for (var before : current) {
        if (!result.after().containsKey(before.key().storeId())) {
          tx.delete(Route53Tables.RECORD_SETS, zone.id(), before.key().storeId());
        }
      }
      result.after().forEach((id, r) -> {
        var old = tx.get(Route53Tables.RECORD_SETS, zone.id(), id);
        if (old.isEmpty() || !old.get().equals(r)) tx.put(Route53Tables.RECORD_SETS, zone.id(), id, r);
      });
      warnUnheldTargets(changes);
      var info = state.recordChange(tx, account, comment);
      return ChangeResourceRecordSetsResponse.builder().changeInfo(Route53Shapes.toSdk(info, state.clock.instant())).build();
    });
  }

  /** Aliases to AWS resource names that no Stratus service holds answer no address: say so once per change. */
  private void warnUnheldTargets(List<ChangeBatchValidator.Change> changes) {
    for (var c : changes) {
      if (c.action() == ChangeBatchValidator.Action.DELETE) continue;
      c.recordSet().aliasTarget()
          .filter(a -> AliasTargetZones.serviceZone(a.hostedZoneId()).isPresent())
          .filter(a -> !heldTarget.test(a.dnsName()))
          .ifPresent(a -> LOG.warning(() -> "alias " + c.recordSet().name() + " " + c.recordSet().type()
              + " targets " + a.dnsName() + " (zone " + a.hostedZoneId() + "), which no Stratus service holds: "
              + "it answers no address until that resource exists"));
    }
  }

  private static ChangeBatchValidator.Action action(String value, int index) {
    for (var a : ChangeBatchValidator.Action.values()) if (a.name().equals(value)) return a;
    throw Route53Errors.constraint(value, "changeBatch.changes." + index + ".member.action",
        "Member must satisfy enum value set: [CREATE, DELETE, UPSERT]");
  }

  /**
   * A record may only name an existing health check and CIDR collection location (route53.md §14,
   * §36), and an alias only a name its HostedZoneId holds: a zone of the account, or an AWS
   * service's canonical zone ({@link AliasTargetZones}); any other zone id is refused as AWS
   * refuses it, "does not lie within the target zone" (§16).
   */
  private static List<String> checkReferences(Transaction tx, String account, String zoneId, ResourceRecordSet rrs) {
    rrs.healthCheckId().ifPresent(id -> Route53State.healthCheck(tx, account, id));
    var aliasProblem = rrs.aliasTarget().filter(a -> !a.hostedZoneId().equals(zoneId)).flatMap(alias -> {
      var other = tx.get(Route53Tables.HOSTED_ZONES, account, alias.hostedZoneId());
      if (other.isPresent()) return otherZoneAliasProblem(tx, other.get(), rrs);
      boolean held = AliasTargetZones.serviceZone(alias.hostedZoneId())
          .map(z -> AliasTargetZones.holds(z, alias.dnsName())).orElse(false);
      return held ? Optional.<String>empty()
          : Optional.of(ChangeBatchMessages.aliasTargetOutsideZone(alias.dnsName(), rrs.type(), alias.hostedZoneId()));
    });
    if (rrs.routing() instanceof RoutingPolicy.CidrRouting c) {
      var collection = tx.get(Route53Tables.CIDR_COLLECTIONS, account, c.collectionId())
          .orElseThrow(Route53Errors::noSuchCidrCollection);
      if (!c.locationName().equals(RoutingPolicy.CidrRouting.DEFAULT_LOCATION)
          && !collection.locations().containsKey(c.locationName())) {
        throw Route53Errors.noSuchCidrLocation(c.locationName());
      }
    }
    return aliasProblem.map(List::of).orElse(List.of());
  }

  /**
   * An alias naming another of the account's zones by HostedZoneId must target a record that
   * exists there, with AWS's two texts (route53.md §16; seen in AWS answers).
   */
  private static Optional<String> otherZoneAliasProblem(Transaction tx, HostedZone other, ResourceRecordSet rrs) {
    String target = rrs.aliasTarget().orElseThrow().dnsName();
    if (!DnsName.inZone(target, other.name())) {
      return Optional.of(ChangeBatchMessages.aliasTargetOutsideZone(target, rrs.type(), other.id()));
    }
    boolean found = tx.list(Route53Tables.RECORD_SETS, other.id()).stream()
        .anyMatch(r -> r.name().equals(target) && r.type() == rrs.type());
    return found ? Optional.empty() : Optional.of(ChangeBatchMessages.aliasTargetNotFound(target, rrs.type(), other.id()));
  }

  public ListResourceRecordSetsResponse listResourceRecordSets(RequestContext ctx, ListResourceRecordSetsRequest req) {
    var zone = Route53State.zone(state.store, ctx.globalScope(), req.hostedZoneId());
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    if (req.startRecordType() != null && req.startRecordName() == null) {
      throw Route53Errors.invalidInput("The input is not valid: StartRecordType requires StartRecordName.");
    }
    if (req.startRecordIdentifier() != null && req.startRecordType() == null) {
      throw Route53Errors.invalidInput("The input is not valid: StartRecordIdentifier requires StartRecordType.");
    }
    Optional<RrType> startType = Optional.ofNullable(req.startRecordTypeAsString()).map(t -> RrType.fromWire(t)
        .orElseThrow(() -> Route53Errors.constraint(t, "startRecordType", "Member must satisfy enum value set: "
            + java.util.Arrays.toString(RrType.values()))));
    List<ResourceRecordSet> records = state.store.list(Route53Tables.RECORD_SETS, zone.id()).stream()
        .sorted(LISTING_ORDER).toList();
    int start = 0;
    if (req.startRecordName() != null) {
      String name = DnsName.normalize(req.startRecordName());
      String type = startType.map(Enum::name).orElse("");
      String setId = Optional.ofNullable(req.startRecordIdentifier()).orElse("");
      while (start < records.size() && before(records.get(start), name, type, setId)) start++;
    }
    var page = records.subList(start, Math.min(records.size(), start + max));
    boolean truncated = start + max < records.size();
    var b = ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(page.stream().map(RecordSetShapes::toSdk).toList())
        .maxItems(String.valueOf(max)).isTruncated(truncated);
    if (truncated) {
      var next = records.get(start + max);
      b.nextRecordName(DnsName.toWire(next.name())).nextRecordType(next.type().name())
          .nextRecordIdentifier(next.setIdentifier().orElse(null));
    }
    return b.build();
  }

  private static boolean before(ResourceRecordSet r, String name, String type, String setId) {
    int c = DnsName.CANONICAL_ORDER.compare(r.name(), name);
    if (c != 0) return c < 0;
    c = r.type().name().compareTo(type);
    if (c != 0) return c < 0;
    return r.setIdentifier().orElse("").compareTo(setId) < 0;
  }

  /** PENDING until {@link dev.stratus.route53.model.ChangeInfo#PROPAGATION_DELAY} has passed on the clock, then INSYNC. */
  public GetChangeResponse getChange(RequestContext ctx, GetChangeRequest req) {
    if (req.id() == null) throw Route53Errors.missing("id");
    String id = Route53Shapes.changeId(req.id());
    var change = state.store.get(Route53Tables.CHANGES, ctx.globalScope(), id).orElseThrow(() -> Route53Errors.noSuchChange(id));
    return GetChangeResponse.builder().changeInfo(Route53Shapes.toSdk(change, state.clock.instant())).build();
  }
}
