package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import dev.stratus.core.store.Transaction;
import dev.stratus.route53.model.DelegationSet;
import dev.stratus.route53.model.DnsName;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.ResourceTags;
import dev.stratus.route53.model.Route53Tables;
import dev.stratus.route53.model.ZoneApex;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.DeleteHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.DeleteHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneCountRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneCountResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.UpdateHostedZoneCommentRequest;
import software.amazon.awssdk.services.route53.model.UpdateHostedZoneCommentResponse;

/** Route 53 hosted-zone operations: create, get, list, count, comment and delete. */
public final class HostedZoneOperations {
  /** Most hosted zones per account (route53.md §42). */
  public static final int MAX_ZONES_PER_ACCOUNT = 500;
  /** Largest page of ListHostedZones and its default. */
  public static final int MAX_PAGE = 100;
  /** Longest CallerReference, characters. */
  public static final int MAX_CALLER_REFERENCE = 128;
  /** Longest zone comment, characters. */
  public static final int MAX_COMMENT = 256;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Route53State state;

  HostedZoneOperations(Route53State state) { this.state = state; }

  public CreateHostedZoneResponse createHostedZone(RequestContext ctx, CreateHostedZoneRequest req) {
    String account = ctx.globalScope();
    if (req.name() == null) throw Route53Errors.missing("name");
    if (req.callerReference() == null || req.callerReference().isEmpty()) throw Route53Errors.missing("callerReference");
    if (req.callerReference().length() > MAX_CALLER_REFERENCE) {
      throw Route53Errors.constraint(req.callerReference(), "callerReference", "Member must have length less than or equal to 128");
    }
    if (DnsName.problem(req.name()) != null) throw Route53Errors.invalidDomainName(req.name());
    String name = DnsName.normalize(req.name());
    var comment = req.hostedZoneConfig() == null ? Optional.<String>empty() : Route53Shapes.optional(req.hostedZoneConfig().comment());
    checkComment(comment);
    boolean privateRequested = req.hostedZoneConfig() != null && Boolean.TRUE.equals(req.hostedZoneConfig().privateZone());
    Optional<HostedZone.Vpc> vpc = Optional.ofNullable(req.vpc()).map(v -> Route53Shapes.fromSdk(v, "vPC"));
    vpc.ifPresent(v -> state.requireVpc(ctx, v));
    if (privateRequested && vpc.isEmpty()) {
      throw Route53Errors.invalidInput("When you're creating a private hosted zone (when you specify true for"
          + " PrivateZone), you must also specify values for VPCId and VPCRegion.");
    }
    String setId = Route53Shapes.delegationSetId(req.delegationSetId());
    if (setId != null && vpc.isPresent()) {
      throw Route53Errors.invalidInput("A reusable delegation set can't be associated with a private hosted zone.");
    }
    return state.store.write(tx -> {
      var zones = tx.list(Route53Tables.HOSTED_ZONES, account);
      if (zones.stream().anyMatch(z -> z.callerReference().equals(req.callerReference()))) {
        throw Route53Errors.hostedZoneAlreadyExists(name);
      }
      if (zones.size() >= MAX_ZONES_PER_ACCOUNT) throw Route53Errors.tooManyHostedZones();
      vpc.ifPresent(v -> zones.stream().filter(z -> z.privateZone() && z.name().equals(name) && z.vpcs().contains(v))
          .findFirst().ifPresent(z -> { throw Route53Errors.conflictingDomainExists(name, v.vpcId()); }));
      DelegationSet set = setId == null ? null : delegationSet(tx, account, setId);
      List<String> nameServers = set == null ? ZoneApex.nameServers(RANDOM) : set.nameServers();
      var zone = new HostedZone(ResourceIds.upperAlnum("Z", 20), account, name, req.callerReference(), comment,
          vpc.isPresent(), vpc.stream().toList(), Optional.ofNullable(setId), nameServers, state.clock.instant());
      tx.put(Route53Tables.HOSTED_ZONES, account, zone.id(), zone);
      ZoneApex.records(name, nameServers).forEach(r -> tx.put(Route53Tables.RECORD_SETS, zone.id(), r.key().storeId(), r));
      var change = state.recordChange(tx, account, Optional.empty());
      var b = CreateHostedZoneResponse.builder()
          .hostedZone(Route53Shapes.toSdk(zone, 2))
          .changeInfo(Route53Shapes.toSdk(change, state.clock.instant()))
          .location("https://route53.amazonaws.com/2013-04-01/hostedzone/" + zone.id());
      if (zone.privateZone()) b.vpc(Route53Shapes.toSdk(vpc.get()));
      // a reusable set is answered whole (Id, CallerReference, NameServers), as the reference's examples show
      else b.delegationSet(set == null ? Route53Shapes.delegationSet(zone) : Route53Shapes.toSdk(set));
      return b.build();
    });
  }

  private static DelegationSet delegationSet(Transaction tx, String account, String id) {
    var set = tx.get(Route53Tables.DELEGATION_SETS, account, id).orElseThrow(() -> Route53Errors.noSuchDelegationSet(id));
    long using = tx.list(Route53Tables.HOSTED_ZONES, account).stream()
        .filter(z -> z.delegationSetId().filter(id::equals).isPresent()).count();
    if (using >= DelegationSet.MAX_ZONES) throw Route53Errors.tooManyHostedZones();
    return set;
  }

  static void checkComment(Optional<String> comment) {
    comment.filter(c -> c.length() > MAX_COMMENT).ifPresent(c -> {
      throw Route53Errors.constraint(c, "hostedZoneConfig.comment", "Member must have length less than or equal to 256");
    });
  }

  public GetHostedZoneResponse getHostedZone(RequestContext ctx, GetHostedZoneRequest req) {
    var zone = Route53State.zone(state.store, ctx.globalScope(), req.id());
    var b = GetHostedZoneResponse.builder().hostedZone(Route53Shapes.toSdk(zone, state.recordCount(state.store, zone.id())));
    if (zone.privateZone()) b.vpCs(zone.vpcs().stream().map(Route53Shapes::toSdk).toList());
    else b.delegationSet(zone.delegationSetId()
        .flatMap(id -> state.store.get(Route53Tables.DELEGATION_SETS, ctx.globalScope(), id))
        .map(Route53Shapes::toSdk).orElseGet(() -> Route53Shapes.delegationSet(zone)));
    return b.build();
  }

  /** Zones in creation order; {@code Marker} is the id of the first zone of the page. */
  public ListHostedZonesResponse listHostedZones(RequestContext ctx, ListHostedZonesRequest req) {
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    String setId = Route53Shapes.delegationSetId(req.delegationSetId());
    if (setId != null && state.store.get(Route53Tables.DELEGATION_SETS, ctx.globalScope(), setId).isEmpty()) {
      throw Route53Errors.noSuchDelegationSet(setId);
    }
    var zones = state.store.list(Route53Tables.HOSTED_ZONES, ctx.globalScope()).stream()
        .filter(z -> setId == null || z.delegationSetId().filter(setId::equals).isPresent())
        .filter(z -> req.hostedZoneType() == null || z.privateZone())
        .sorted(Comparator.comparing(HostedZone::createdAt).thenComparing(HostedZone::id)).toList();
    int start = 0;
    if (req.marker() != null) {
      String marker = Route53Shapes.zoneId(req.marker());
      start = indexOf(zones, marker);
      if (start < 0) throw Route53Errors.invalidPaginationToken();
    }
    var page = zones.subList(start, Math.min(zones.size(), start + max));
    boolean truncated = start + max < zones.size();
    return ListHostedZonesResponse.builder()
        .hostedZones(page.stream().map(z -> Route53Shapes.toSdk(z, state.recordCount(state.store, z.id()))).toList())
        .marker(req.marker()).maxItems(String.valueOf(max)).isTruncated(truncated)
        .nextMarker(truncated ? "/hostedzone/" + zones.get(start + max).id() : null)
        .build();
  }

  private static int indexOf(List<HostedZone> zones, String id) {
    for (int i = 0; i < zones.size(); i++) if (zones.get(i).id().equals(id)) return i;
    return -1;
  }

  public GetHostedZoneCountResponse getHostedZoneCount(RequestContext ctx, GetHostedZoneCountRequest req) {
    return GetHostedZoneCountResponse.builder()
        .hostedZoneCount((long) state.store.list(Route53Tables.HOSTED_ZONES, ctx.globalScope()).size()).build();
  }

  public UpdateHostedZoneCommentResponse updateHostedZoneComment(RequestContext ctx, UpdateHostedZoneCommentRequest req) {
    var comment = Route53Shapes.optional(req.comment());
    checkComment(comment);
    return state.store.write(tx -> {
      var zone = Route53State.zone(tx, ctx.globalScope(), req.id()).withComment(comment);
      tx.put(Route53Tables.HOSTED_ZONES, ctx.globalScope(), zone.id(), zone);
      return UpdateHostedZoneCommentResponse.builder()
          .hostedZone(Route53Shapes.toSdk(zone, state.recordCount(tx, zone.id()))).build();
    });
  }

  /** Deletes an empty zone: only its apex SOA and NS may remain (route53.md §38). */
  public DeleteHostedZoneResponse deleteHostedZone(RequestContext ctx, DeleteHostedZoneRequest req) {
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var zone = Route53State.zone(tx, account, req.id());
      var records = tx.list(Route53Tables.RECORD_SETS, zone.id());
      if (records.stream().anyMatch(r -> !ZoneApex.required(zone.name(), r))) throw Route53Errors.hostedZoneNotEmpty();
      records.forEach(r -> tx.delete(Route53Tables.RECORD_SETS, zone.id(), r.key().storeId()));
      tx.delete(Route53Tables.HOSTED_ZONES, account, zone.id());
      tx.delete(Route53Tables.TAGS, account, ResourceTags.storeId("hostedzone", zone.id()));
      var change = state.recordChange(tx, account, Optional.empty());
      return DeleteHostedZoneResponse.builder().changeInfo(Route53Shapes.toSdk(change, state.clock.instant())).build();
    });
  }
}
