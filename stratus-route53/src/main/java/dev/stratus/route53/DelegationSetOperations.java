package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import dev.stratus.core.store.ReadView;
import dev.stratus.route53.model.DelegationSet;
import dev.stratus.route53.model.Route53Tables;
import dev.stratus.route53.model.ZoneApex;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.CreateReusableDelegationSetRequest;
import software.amazon.awssdk.services.route53.model.CreateReusableDelegationSetResponse;
import software.amazon.awssdk.services.route53.model.DeleteReusableDelegationSetRequest;
import software.amazon.awssdk.services.route53.model.DeleteReusableDelegationSetResponse;
import software.amazon.awssdk.services.route53.model.GetReusableDelegationSetLimitRequest;
import software.amazon.awssdk.services.route53.model.GetReusableDelegationSetLimitResponse;
import software.amazon.awssdk.services.route53.model.GetReusableDelegationSetRequest;
import software.amazon.awssdk.services.route53.model.GetReusableDelegationSetResponse;
import software.amazon.awssdk.services.route53.model.ListReusableDelegationSetsRequest;
import software.amazon.awssdk.services.route53.model.ListReusableDelegationSetsResponse;
import software.amazon.awssdk.services.route53.model.ReusableDelegationSetLimit;
import software.amazon.awssdk.services.route53.model.ReusableDelegationSetLimitType;

/** Reusable delegation sets: four name servers shared by several public hosted zones. */
public final class DelegationSetOperations {
  /** Most reusable delegation sets per account (AWS default quota). */
  public static final int MAX_PER_ACCOUNT = 100;
  /** Largest page of ListReusableDelegationSets. */
  public static final int MAX_PAGE = 100;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Route53State state;

  DelegationSetOperations(Route53State state) { this.state = state; }

  /** Makes a new set, or makes an existing public zone's name servers reusable ({@code HostedZoneId}). */
  public CreateReusableDelegationSetResponse createReusableDelegationSet(RequestContext ctx,
      CreateReusableDelegationSetRequest req) {
    String account = ctx.globalScope();
    if (req.callerReference() == null || req.callerReference().isEmpty()) throw Route53Errors.missing("callerReference");
    return state.store.write(tx -> {
      var all = tx.list(Route53Tables.DELEGATION_SETS, account);
      if (all.stream().anyMatch(s -> s.callerReference().equals(req.callerReference()))) {
        throw Route53Errors.delegationSetAlreadyCreated();
      }
      if (all.size() >= MAX_PER_ACCOUNT) throw Route53Errors.limitsExceeded();
      String id = ResourceIds.upperAlnum("N", 20);
      var nameServers = ZoneApex.nameServers(RANDOM);
      Optional<String> from = Optional.empty();
      if (req.hostedZoneId() != null) {
        String zoneId = Route53Shapes.zoneId(req.hostedZoneId());
        var zone = tx.get(Route53Tables.HOSTED_ZONES, account, zoneId).orElseThrow(() -> Route53Errors.hostedZoneNotFound(zoneId));
        if (zone.privateZone()) throw Route53Errors.invalidArgument("A private hosted zone has no delegation set to reuse.");
        if (zone.delegationSetId().isPresent()) {
          throw new dev.stratus.core.AwsException("DelegationSetAlreadyReusable", 400,
              "The specified delegation set has already been marked as reusable.");
        }
        nameServers = zone.nameServers();
        from = Optional.of(zoneId);
        tx.put(Route53Tables.HOSTED_ZONES, account, zoneId, new dev.stratus.route53.model.HostedZone(zone.id(),
            zone.accountId(), zone.name(), zone.callerReference(), zone.comment(), false, zone.vpcs(), Optional.of(id),
            zone.nameServers(), zone.createdAt()));
      }
      var set = new DelegationSet(id, account, req.callerReference(), nameServers, from);
      tx.put(Route53Tables.DELEGATION_SETS, account, id, set);
      return CreateReusableDelegationSetResponse.builder().delegationSet(Route53Shapes.toSdk(set))
          .location("https://route53.amazonaws.com/2013-04-01/delegationset/" + id).build();
    });
  }

  private static DelegationSet find(ReadView view, String account, String id) {
    if (id == null) throw Route53Errors.missing("id");
    String bare = Route53Shapes.delegationSetId(id);
    return view.get(Route53Tables.DELEGATION_SETS, account, bare).orElseThrow(() -> Route53Errors.noSuchDelegationSet(bare));
  }

  private static long zonesUsing(ReadView view, String account, String id) {
    return view.list(Route53Tables.HOSTED_ZONES, account).stream()
        .filter(z -> z.delegationSetId().filter(id::equals).isPresent()).count();
  }

  public GetReusableDelegationSetResponse getReusableDelegationSet(RequestContext ctx, GetReusableDelegationSetRequest req) {
    return GetReusableDelegationSetResponse.builder()
        .delegationSet(Route53Shapes.toSdk(find(state.store, ctx.globalScope(), req.id()))).build();
  }

  public ListReusableDelegationSetsResponse listReusableDelegationSets(RequestContext ctx,
      ListReusableDelegationSetsRequest req) {
    int max = Route53Shapes.maxItems(req.maxItems(), MAX_PAGE, MAX_PAGE);
    var all = state.store.list(Route53Tables.DELEGATION_SETS, ctx.globalScope()).stream()
        .sorted(Comparator.comparing(DelegationSet::id)).toList();
    int start = 0;
    if (req.marker() != null) {
      String marker = Route53Shapes.delegationSetId(req.marker());
      while (start < all.size() && !all.get(start).id().equals(marker)) start++;
      if (start == all.size()) throw Route53Errors.invalidPaginationToken();
    }
    boolean truncated = start + max < all.size();
    return ListReusableDelegationSetsResponse.builder()
        .delegationSets(all.subList(start, Math.min(all.size(), start + max)).stream().map(Route53Shapes::toSdk).toList())
        .marker(req.marker()).maxItems(String.valueOf(max)).isTruncated(truncated)
        .nextMarker(truncated ? all.get(start + max).id() : null).build();
  }

  /** Refused while any hosted zone still uses the set. */
  public DeleteReusableDelegationSetResponse deleteReusableDelegationSet(RequestContext ctx,
      DeleteReusableDelegationSetRequest req) {
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var set = find(tx, account, req.id());
      if (zonesUsing(tx, account, set.id()) > 0) throw Route53Errors.delegationSetInUse(set.id());
      tx.delete(Route53Tables.DELEGATION_SETS, account, set.id());
      return DeleteReusableDelegationSetResponse.builder().build();
    });
  }

  public GetReusableDelegationSetLimitResponse getReusableDelegationSetLimit(RequestContext ctx,
      GetReusableDelegationSetLimitRequest req) {
    if (!ReusableDelegationSetLimitType.MAX_ZONES_BY_REUSABLE_DELEGATION_SET.toString().equals(req.typeAsString())) {
      throw Route53Errors.constraint(req.typeAsString(), "type",
          "Member must satisfy enum value set: [MAX_ZONES_BY_REUSABLE_DELEGATION_SET]");
    }
    var set = find(state.store, ctx.globalScope(), req.delegationSetId());
    return GetReusableDelegationSetLimitResponse.builder()
        .limit(ReusableDelegationSetLimit.builder().type(req.typeAsString()).value((long) DelegationSet.MAX_ZONES).build())
        .count(zonesUsing(state.store, ctx.globalScope(), set.id())).build();
  }
}
